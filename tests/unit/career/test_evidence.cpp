#include "career/evidence.hpp"
#include "catalog/catalog.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using cloudtrack::host::career::ConfinedFiles;
using cloudtrack::host::career::FilesLimits;
using cloudtrack::host::career::parse_probe_output;
using cloudtrack::host::career::ProbeOutcome;
using cloudtrack::host::career::ProbeStatus;
using cloudtrack::host::career::run_probes;
using cloudtrack::host::catalog::Catalog;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;

ConfinedFiles open_files(const fs::path& root, FilesLimits limits = {})
{
    auto files = ConfinedFiles::open(root, limits);
    REQUIRE(files);
    return std::move(*files);
}

// Calls read() through the C view, as a plugin does.
std::pair<cloudtrack_status, std::string> c_read(const ConfinedFiles& files, const std::string& path)
{
    std::string out;
    std::string error;
    const auto append = [](void* context, const char* data, size_t size) {
        static_cast<std::string*>(context)->append(data, size);
    };
    cloudtrack_sink_t out_sink{&out, append};
    cloudtrack_sink_t error_sink{&error, append};
    const auto view = files.view();
    const auto status = view.read(&view, path.data(), path.size(), &out_sink, &error_sink);
    return {status, status == CLOUDTRACK_STATUS_OK ? out : error};
}

// Copies the built fixture plugin `name` into `folder` with an installed plugin's permissions.
void install_fixture(const std::string& name, const fs::path& folder)
{
    fs::create_directories(folder);
    fs::permissions(folder, cloudtrack::test::k_plugin_mode);
    cloudtrack::test::copy_plugin(cloudtrack::test::fixture_dir() / name / (name + ".so"),
                                  folder / (name + ".so"));
}

fs::path repo_fixture(const std::string& track, const std::string& which)
{
    return cloudtrack::test::source_dir() / "fixtures" / "repos" / track / which;
}

std::string describe(const ProbeOutcome& outcome)
{
    std::string text = outcome.item_id + " (" + outcome.probe_id + "): " + outcome.note;
    for (const auto& e : outcome.evidence) {
        text += "\n  " + e.path + ":" + std::to_string(e.line) + ": " + e.text;
    }
    return text;
}

} // namespace

TEST_CASE("the files service lists regular files and reads them by relative path", "[career]")
{
    TempDir dir;
    write_text(dir / "README.md", "# hello\n");
    fs::create_directories(dir / "src/app");
    write_text(dir / "src/app/main.py", "print('hi')\n");
    for (const auto* skipped : {".git/config", "node_modules/left-pad/index.js", ".terraform/modules.json"}) {
        fs::create_directories((dir / skipped).parent_path());
        write_text(dir / skipped, "x\n");
    }
    const auto files = open_files(dir.path());
    const auto listed = files.list();
    REQUIRE(listed);
    CHECK(*listed == std::vector<std::string>{"README.md", "src/app/main.py"});
    const auto again = files.list(); // the root is held open: a second walk starts afresh
    REQUIRE(again);
    CHECK(*again == *listed);
    const auto bytes = files.read("src/app/main.py");
    REQUIRE(bytes);
    CHECK(*bytes == "print('hi')\n");
    const auto [status, text] = c_read(files, "README.md");
    CHECK(status == CLOUDTRACK_STATUS_OK);
    CHECK(text == "# hello\n");
}

TEST_CASE("the files service refuses paths that could leave the root", "[career]")
{
    TempDir dir;
    fs::create_directories(dir / "a");
    write_text(dir / "a/b.txt", "b\n");
    write_text(dir / "top.txt", "top\n");
    fs::create_directories(dir / ".git");
    write_text(dir / ".git/config", "[core]\n");
    const auto files = open_files(dir / "a");

    const std::vector<std::pair<std::string, std::string>> refused = {
        {"..", "goes up with '..'"},
        {"../top.txt", "goes up with '..'"},
        {"b.txt/../../top.txt", "goes up with '..'"},
        {(dir / "top.txt").string(), "is absolute"},
        {"/etc/passwd", "is absolute"},
        {"", "empty path"},
        {"./b.txt", "not a plain relative path"},
        {"x//b.txt", "not a plain relative path"},
        {"missing.txt", "no such file"},
        {"b.txt/inner", "is not a folder"},
    };
    for (const auto& [path, reason] : refused) {
        INFO(path);
        const auto [status, text] = c_read(files, path);
        CHECK(status == CLOUDTRACK_STATUS_ERROR);
        CHECK_THAT(text, Contains(reason));
    }
    const auto root = open_files(dir.path());
    const auto git = root.read(".git/config");
    REQUIRE_FALSE(git);
    CHECK_THAT(git.error(), Contains("inside .git/"));
    CHECK_THAT(std::string(c_read(root, std::string("top.txt\0x", 9)).second), Contains("NUL byte"));
}

TEST_CASE("the files service never follows a symlink", "[career]")
{
    TempDir outside;
    write_text(outside / "secret.txt", "secret\n");
    TempDir dir;
    write_text(dir / "inside.txt", "inside\n");
    fs::create_directories(dir / "real");
    write_text(dir / "real/file.txt", "real\n");
    fs::create_symlink(outside / "secret.txt", dir / "link-to-file");
    fs::create_directory_symlink(outside.path(), dir / "link-to-folder");
    fs::create_symlink(dir / "inside.txt", dir / "link-inside");
    fs::create_directory_symlink("../../", dir / "real/up");
    const auto files = open_files(dir.path());

    const auto listed = files.list();
    REQUIRE(listed);
    CHECK(*listed == std::vector<std::string>{"inside.txt", "real/file.txt"});
    for (const auto* path :
         {"link-to-file", "link-to-folder/secret.txt", "link-inside", "real/up/secret.txt"}) {
        INFO(path);
        const auto [status, text] = c_read(files, path);
        CHECK(status == CLOUDTRACK_STATUS_ERROR);
        CHECK_THAT(text, Contains("is a symbolic link"));
        CHECK(text.find("secret\n") == std::string::npos);
    }
}

TEST_CASE("the files service enforces its size and count limits", "[career]")
{
    TempDir dir;
    write_text(dir / "small.txt", std::string(16, 'a'));
    write_text(dir / "large.txt", std::string(17, 'a'));
    FilesLimits limits;
    limits.max_file_size = 16;
    limits.max_files = 2;
    const auto files = open_files(dir.path(), limits);
    CHECK(files.read("small.txt"));
    const auto large = files.read("large.txt");
    REQUIRE_FALSE(large);
    CHECK_THAT(large.error(), Contains("17 bytes, over the 16 bytes limit"));
    CHECK(files.list());
    write_text(dir / "third.txt", "c\n");
    const auto listed = files.list();
    REQUIRE_FALSE(listed);
    CHECK_THAT(listed.error(), Contains("more than 2 files"));

    const auto not_folder = ConfinedFiles::open(dir / "small.txt");
    REQUIRE_FALSE(not_folder);
    CHECK_THAT(not_folder.error(), Contains("cannot open project folder"));
}

TEST_CASE("probe output must have the ABI's shape", "[career]")
{
    const auto good = parse_probe_output(
        R"({"verified": true, "evidence": [{"path": "ci.yml", "line": 3, "text": "pytest"}], "note": "ok"})");
    REQUIRE(good);
    CHECK(good->status == ProbeStatus::verified);
    REQUIRE(good->evidence.size() == 1);
    CHECK(good->evidence[0].line == 3);
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"not json", "invalid JSON"},
        {"[]", "not a JSON object"},
        {R"({"verified": "yes", "evidence": [], "note": ""})", "\"verified\""},
        {R"({"verified": false, "evidence": []})", "\"note\""},
        {R"({"verified": false, "evidence": {}, "note": ""})", "\"evidence\" must be an array"},
        {R"({"verified": false, "evidence": [{"path": "a", "line": -1, "text": ""}], "note": ""})",
         "\"line\""},
        {R"({"verified": false, "evidence": [{"line": 1, "text": ""}], "note": ""})", "\"path\""},
    };
    for (const auto& [output, reason] : bad) {
        INFO(output);
        const auto parsed = parse_probe_output(output);
        REQUIRE_FALSE(parsed);
        CHECK_THAT(parsed.error(), Contains(reason));
    }
}

TEST_CASE("every built-in probe verifies its good fixture repository and rejects the bad one", "[career]")
{
    Catalog catalog({cloudtrack::test::builtin_dir()});
    for (const std::string id : {"devops", "finops", "ai-infra", "security", "data-eng"}) {
        const auto& track = catalog.track(id);
        size_t probed = 0;
        for (const auto& project : track.portfolio) {
            for (const auto& [which, expected] : {std::pair{std::string("good"), ProbeStatus::verified},
                                                  std::pair{std::string("bad"), ProbeStatus::not_verified}}) {
                for (const auto& outcome : run_probes(catalog, track, project, repo_fixture(id, which))) {
                    INFO(id << " " << which << ": " << describe(outcome));
                    CHECK(outcome.status == expected);
                    CHECK_FALSE(outcome.note.empty());
                    if (expected == ProbeStatus::verified) {
                        CHECK_FALSE(outcome.evidence.empty());
                    }
                    ++probed;
                }
            }
        }
        INFO(id);
        CHECK(probed > 0);
    }
}

TEST_CASE("a wildcard grant is reported with its lines, a Deny on Resource '*' is not", "[career]")
{
    Catalog catalog({cloudtrack::test::builtin_dir()});
    const auto& track = catalog.track("security");
    const auto& project = *track.find_project("hardened_landing_zone");
    const auto outcomes = run_probes(catalog, track, project, repo_fixture("security", "bad"));
    const auto it = std::find_if(outcomes.begin(), outcomes.end(),
                                 [](const ProbeOutcome& o) { return o.probe_id == "no_wildcard_iam"; });
    REQUIRE(it != outcomes.end());
    INFO(describe(*it));
    CHECK(it->status == ProbeStatus::not_verified);
    REQUIRE_FALSE(it->evidence.empty());
    for (const auto& e : it->evidence) {
        CHECK_THAT(e.text, Contains("*"));
        CHECK(e.line > 0);
    }
    CHECK(std::any_of(it->evidence.begin(), it->evidence.end(),
                      [](const auto& e) { return e.text.find("\"Action\": \"*\"") != std::string::npos; }));
}

TEST_CASE("a credential in the working tree fails secret scanning without being shown", "[career]")
{
    TempDir dir;
    fs::copy(repo_fixture("security", "good"), dir.path(), fs::copy_options::recursive);
    // Assembled at run time so that no scanner flags this source file.
    const std::string key = std::string("AKIA") + "Q7R2K4M9T3W8Z5N6";
    write_text(dir / "scripts/deploy.env", "AWS_ACCESS_KEY_ID=" + key + "\n");
    Catalog catalog({cloudtrack::test::builtin_dir()});
    const auto& track = catalog.track("security");
    const auto outcomes =
        run_probes(catalog, track, *track.find_project("hardened_landing_zone"), dir.path());
    const auto it = std::find_if(outcomes.begin(), outcomes.end(),
                                 [](const ProbeOutcome& o) { return o.probe_id == "secret_scanning"; });
    REQUIRE(it != outcomes.end());
    INFO(describe(*it));
    CHECK(it->status == ProbeStatus::not_verified);
    REQUIRE_FALSE(it->evidence.empty());
    CHECK(it->evidence[0].path == "scripts/deploy.env");
    CHECK(it->evidence[0].line == 1);
    for (const auto& e : it->evidence) {
        CHECK(e.text.find(key) == std::string::npos);
    }
}

TEST_CASE("a throwing or unknown probe marks only its own items unchecked", "[career]")
{
    TempDir dir;
    install_fixture("probe-throws", dir / "plugins");
    Catalog catalog({dir / "plugins"});
    const auto& track = catalog.track("fixture-probe-throws");
    const auto shipped = run_probes(catalog, track, *track.find_project("ci-project"), dir.path());
    REQUIRE(shipped.size() == 1);
    CHECK(shipped[0].item_id == "pipeline");
    CHECK(shipped[0].status == ProbeStatus::unchecked);
    CHECK_THAT(shipped[0].note, Contains("cannot parse pipeline.yml"));

    cloudtrack::content::Project project;
    project.id = "mixed";
    project.checklist = {
        {"throws", "t", "e", "explodes"}, {"manual", "m", "e", ""}, {"unknown", "u", "e", "nope"}};
    const auto outcomes = run_probes(catalog, track, project, dir.path());
    REQUIRE(outcomes.size() == 2); // the item without a probe is not in the output
    CHECK(outcomes[0].item_id == "throws");
    CHECK(outcomes[0].status == ProbeStatus::unchecked);
    CHECK(outcomes[1].item_id == "unknown");
    CHECK(outcomes[1].status == ProbeStatus::unchecked);
    CHECK_THAT(outcomes[1].note, Contains("no probe 'nope'"));
}

TEST_CASE("a plugin that cannot run probes marks every probe item unchecked with its reason", "[career]")
{
    TempDir dir;
    install_fixture("init-fails", dir / "plugins");
    install_fixture("good", dir / "plugins");
    Catalog catalog({dir / "plugins"});
    const auto check_all = [&](const std::string& track_id, const std::string& reason) {
        const auto& track = catalog.track(track_id);
        const auto outcomes = run_probes(catalog, track, *track.find_project("ci-project"), dir.path());
        REQUIRE(outcomes.size() == 1);
        CHECK(outcomes[0].status == ProbeStatus::unchecked);
        CHECK_THAT(outcomes[0].note, Contains(reason));
    };
    check_all("fixture-init-fails", "init failed");
    check_all("fixture-good", "has no evidence probes");

    const auto& track = catalog.track("fixture-good");
    CHECK_THROWS_AS(run_probes(catalog, track, *track.find_project("ci-project"), dir / "missing"),
                    cloudtrack::util::Error);
}
