// Test helpers: a temporary folder per test, and running the built cloudtrack binary as a black box.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace cloudtrack::test {

// A fresh folder, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// The test run's PostgreSQL server (tests/support/postgres-fixture, started once per ctest run):
// the connection URI of `login` to `database`, over its Unix socket. The server comes from
// CLOUDTRACK_TEST_PG_URI, else the fixture's state file; the test fails when there is none.
std::string postgres_uri(const std::string& database = "cloudtrack",
                         const std::string& login = "cloudtrack_admin");

// A fresh, empty database on the test server, dropped (with its connections) when the object dies.
class TempDatabase {
public:
    TempDatabase();
    ~TempDatabase();
    TempDatabase(const TempDatabase&) = delete;
    TempDatabase& operator=(const TempDatabase&) = delete;
    [[nodiscard]] const std::string& name() const { return m_name; }
    [[nodiscard]] std::string uri(const std::string& login = "cloudtrack_admin") const
    {
        return postgres_uri(m_name, login);
    }
    // Runs SQL as the server's superuser in this database (setting up a test's roles and rows).
    void exec(const std::string& sql) const;

private:
    std::string m_name;
};

struct RunResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the built cloudtrack with `args`, stdin from `input`, in a clean environment holding only
// PATH, HOME=<home>, CLOUDTRACK_HOME=<home>/data, NO_COLOR=1, LANG=C.UTF-8 plus `env`.
RunResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& home,
                  const std::map<std::string, std::string>& env = {}, const std::string& input = "");

std::filesystem::path fixture_dir();  // built fixture plugins
std::filesystem::path builtin_dir();  // built-in plugins of this build
std::filesystem::path template_dir(); // the built template plugin's folder
std::filesystem::path scoring_dir();  // the built scoring fixture track's folder
std::filesystem::path source_dir();   // tests/ in the source tree
std::string read_text(const std::filesystem::path& path);

// An organization's added-items file for the template track (bundle overlays): one true/false
// item, "acme-01", in the template's "basics" area.
inline constexpr const char* k_acme_items = R"(// Acme's own question
{ "items": [ {
  "id": "acme-01", "area": "basics", "type": "true_false", "difficulty": "easy",
  "stem": "Every change goes through the shared pipeline.",
  "options": [ { "id": "true", "text": "True", "correct": true, "rationale": "Acme policy." },
               { "id": "false", "text": "False", "correct": false, "rationale": "No exceptions." } ],
  "explanation": "The handbook requires the shared pipeline for every change.",
  "references": [ { "title": "Acme handbook", "url": "https://handbook.acme.example/pipeline" } ] } ] })";

// The mode an installed plugin and its folder have (0755): the catalog refuses anything writable
// by group or others, so tests set it whatever the build's umask was.
inline constexpr auto k_plugin_mode = std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                      std::filesystem::perms::group_exec |
                                      std::filesystem::perms::others_read |
                                      std::filesystem::perms::others_exec;

// Copies a plugin file to `to` (its folder created, an existing file replaced) with k_plugin_mode.
void copy_plugin(const std::filesystem::path& from, const std::filesystem::path& to);
void write_text(const std::filesystem::path& path, const std::string& text);

} // namespace cloudtrack::test
