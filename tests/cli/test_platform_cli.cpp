// The plugin platform seen from the command line: the built binary run as a black box over the
// fixture plugins, its output compared to golden files (tests/cli/golden/, rewritten by running
// with CLOUDTRACK_UPDATE_GOLDEN=1 and then read critically: they are the spec).
#include "catalog/catalog.hpp"
#include "catalog/elf_section.hpp"
#include "test_support.hpp"
#include "util/sha256.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using cloudtrack::test::copy_plugin;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::read_text;
using cloudtrack::test::run_cli;
using cloudtrack::test::RunResult;
using cloudtrack::test::TempDir;

fs::path built_fixture(const std::string& name)
{
    return cloudtrack::test::fixture_dir() / name / (name + ".so");
}

// A plugin folder holding the good fixture and every broken one, as a user's folder might.
std::vector<std::string> make_zoo(const fs::path& folder)
{
    fs::permissions(folder, k_plugin_mode);
    for (const auto* name :
         {"good", "abi-future", "missing-entry", "id-mismatch", "init-fails", "probe-throws", "static-ctor",
          "no-section", "invalid-json", "schema-violation", "unknown-area"}) {
        copy_plugin(built_fixture(name), folder / (std::string(name) + ".so"));
    }
    cloudtrack::test::write_text(folder / "not-elf.so", "#!/bin/sh\necho not a library\n");
    cloudtrack::test::write_text(folder / "truncated.so", read_text(built_fixture("good")).substr(0, 4096));
    copy_plugin(built_fixture("good"), folder / "twin-of-good.so"); // same id, sorts after good.so
    copy_plugin(built_fixture("good"), folder / "writable.so");
    fs::permissions(folder / "writable.so", fs::perms::others_write, fs::perm_options::add);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size())) {
        text.replace(pos, from.size(), to);
    }
    return text;
}

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

void check_golden(const std::string& name, const std::string& actual)
{
    const auto path = cloudtrack::test::source_dir() / "cli" / "golden" / name;
    if (std::getenv("CLOUDTRACK_UPDATE_GOLDEN") != nullptr) {
        cloudtrack::test::write_text(path, actual);
        WARN("rewrote " << path.string());
        return;
    }
    INFO("golden file " << path.string() << " (CLOUDTRACK_UPDATE_GOLDEN=1 rewrites it)");
    REQUIRE(fs::exists(path));
    CHECK(actual == read_text(path));
}

// The built-in plugins are always in the search path, and a table's column widths depend on every
// row. Keep the header and the fixture rows, and lay them out again as the table would alone.
std::string fixture_table(const std::vector<std::string>& table_lines, const std::vector<std::string>& files)
{
    std::vector<std::vector<std::string>> rows;
    for (size_t i = 0; i < table_lines.size(); ++i) {
        const auto& line = table_lines[i];
        const auto first = line.substr(0, line.find(' '));
        const bool keep = i == 0 || first.rfind("fixture-", 0) == 0 ||
                          (first.size() > 2 &&
                           std::count(files.begin(), files.end(), first.substr(1, first.size() - 2)) != 0);
        if (keep) {
            std::vector<std::string> cells;
            std::regex gutter(" {2,}");
            std::copy(std::sregex_token_iterator(line.begin(), line.end(), gutter, -1),
                      std::sregex_token_iterator(), std::back_inserter(cells));
            rows.push_back(cells);
        }
    }
    std::vector<size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            out += row[i] + (i + 1 < row.size() ? std::string(widths[i] - row[i].size() + 2, ' ') : "\n");
        }
    }
    return out;
}

// The zoo of fixture plugins and a home folder to run the CLI in.
struct Zoo {
    TempDir home;
    TempDir plugins;
    std::vector<std::string> files = make_zoo(plugins.path());

    RunResult list(std::vector<std::string> args) const
    {
        args.insert(args.begin(), {"--plugin-path", plugins.path().string(), "list"});
        return run_cli(args, home.path());
    }
    std::string placeholders(const std::string& text) const
    {
        auto out = replace_all(text, plugins.path().string(), "<fixtures>");
        out = replace_all(out, cloudtrack::test::builtin_dir().string(), "<builtin>");
        return replace_all(out, home.path().string(), "<home>");
    }
};

} // namespace

TEST_CASE("list shows every plugin, each broken one with its own state", "[cli]")
{
    const Zoo f;
    const auto result = f.list({});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    check_golden("list.txt", fixture_table(lines_of(result.out), f.files));

    // CLOUDTRACK_PLUGIN_PATH is as good as --plugin-path.
    const auto from_env =
        run_cli({"list"}, f.home.path(), {{"CLOUDTRACK_PLUGIN_PATH", f.plugins.path().string()}});
    CHECK(from_env.exit_code == 0);
    CHECK(from_env.out == result.out);
}

TEST_CASE("list from the plugin cache says exactly what a cold list says", "[cli]")
{
    const Zoo f;
    const auto cache = f.home.path() / "data" / "cache" / "plugins.json";
    const auto cold = f.list({"--verbose", "--json"});
    REQUIRE(cold.exit_code == 0);
    REQUIRE(fs::exists(cache));
    const auto warm = f.list({"--verbose", "--json"});
    CHECK(warm.out == cold.out);
    CHECK(f.list({}).out == run_cli({"--plugin-path", f.plugins.path().string(), "list"}, f.home.path(),
                                    {{"CLOUDTRACK_NO_PLUGIN_CACHE", "1"}})
                                .out);
    // A track used from a cached listing is read and validated first, as always.
    const auto shown =
        run_cli({"show", "fixture-good", "--plugin-path", f.plugins.path().string()}, f.home.path());
    CHECK(shown.exit_code == 0);
    // Without the cache nothing is written.
    fs::remove(cache);
    (void)run_cli({"list"}, f.home.path(), {{"CLOUDTRACK_NO_PLUGIN_CACHE", "1"}});
    CHECK_FALSE(fs::exists(cache));
}

TEST_CASE("list --verbose gives each broken plugin its reason", "[cli]")
{
    const Zoo f;
    const auto result = f.list({"--verbose"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    const auto blank = std::find(lines.begin(), lines.end(), "");
    REQUIRE(blank != lines.end());
    auto golden = fixture_table({lines.begin(), blank}, f.files) + "\n";
    // Per-plugin blocks: a line naming the plugin, then indented lines. Keep the fixtures' blocks.
    auto it = blank + 1;
    while (it != lines.end() && !it->empty()) {
        auto end = std::find_if(it + 1, lines.end(), [](const auto& l) { return l.empty() || l[0] != ' '; });
        if (std::any_of(it, end,
                        [&](const auto& l) { return l.find(f.plugins.path().string() + "/") != l.npos; })) {
            for (; it != end; ++it) {
                golden += *it + "\n";
            }
        }
        it = end;
    }
    for (; it != lines.end(); ++it) {
        golden += *it + "\n";
    }
    check_golden("list-verbose.txt", f.placeholders(golden));
}

TEST_CASE("list --json describes every plugin", "[cli]")
{
    const Zoo f;
    const auto result = f.list({"--json"});
    CHECK(result.exit_code == 0);
    auto fixtures = nlohmann::json::array();
    for (const auto& entry : nlohmann::json::parse(result.out)) {
        if (entry.at("path").get<std::string>().rfind(f.plugins.path().string() + "/", 0) == 0) {
            fixtures.push_back(entry);
        }
    }
    CHECK(fixtures.size() == f.files.size());
    check_golden("list.json", f.placeholders(fixtures.dump(2) + "\n"));
}

TEST_CASE("plugin validate prints one line per problem and exits 1", "[cli]")
{
    const Zoo f;
    std::vector<std::string> args = {"plugin", "validate"};
    for (const auto& file : f.files) {
        args.push_back((f.plugins.path() / file).string());
    }
    const auto result = run_cli(args, f.home.path());
    CHECK(result.exit_code == 1);
    CHECK(result.err.empty());
    CHECK(lines_of(result.out).size() == f.files.size()); // each fixture has exactly one problem, or is ok
    check_golden("validate.txt", f.placeholders(result.out));

    const auto good = run_cli({"plugin", "validate", (f.plugins.path() / "good.so").string()}, f.home.path());
    // Its portfolio names a probe its code does not declare: a warning, so still a pass.
    CHECK(good.exit_code == 0);
    CHECK(good.out ==
          "warning: " + (f.plugins.path() / "good.so").string() +
              ": /portfolio/0/checklist/0/probe: probe 'explodes' is not checked against the code: "
              "declare the ids your code provides with cloudtrack_add_track(... PROBES ...)\n");
}

TEST_CASE("errors are one line on stderr with their documented exit code", "[cli]")
{
    const Zoo f;
    const auto zoo = f.plugins.path().string();
    struct Case {
        std::vector<std::string> args;
        int code;
        std::string message; // the start of the error, after "cloudtrack: error: "
    };
    const std::vector<Case> cases = {
        {{"frobnicate"}, 2, "unknown command 'frobnicate'"},
        {{"list", "--frob"}, 2, "unrecognised option '--frob'"},
        {{"--frob", "list"}, 2, "unrecognised option '--frob'"},
        {{"list", "extra"}, 2, ""},
        {{"--log-level", "loud", "list"}, 2, "unknown log level 'loud'"},
        {{"show"}, 2, "show needs a TRACK"},
        {{"plugin", "frob"}, 2, "unknown plugin command 'frob'"},
        {{"plugin"}, 2, "a command is needed: plugin new, preview, inspect or validate"},
        {{"bundle"}, 2, "a command is needed: bundle lock, sign or verify"},
        {{"plugin", "inspect"}, 2, "plugin inspect needs a FILE"},
        {{"plugin", "validate"}, 2, "plugin validate needs at least one FILE"},
        {{"show", "no-such-track"}, 4, "no track 'no-such-track'"},
        {{"--plugin-path", zoo, "show", "fixture-unknown-area"}, 4, "no track 'fixture-unknown-area'"},
        {{"plugin", "inspect", zoo + "/not-elf.so"}, 4, zoo + "/not-elf.so: not an ELF file"},
    };
    for (const auto& c : cases) {
        std::string joined;
        for (const auto& a : c.args) {
            joined += " " + a;
        }
        INFO("cloudtrack" << joined);
        const auto result = run_cli(c.args, f.home.path());
        CHECK(result.exit_code == c.code);
        CHECK(result.out.empty());
        CHECK_THAT(result.err, StartsWith("cloudtrack: error: " + c.message));
        CHECK(lines_of(result.err).size() == 1);
    }
    CHECK(run_cli({}, f.home.path()).exit_code == 2);
}

TEST_CASE("show presents the template track, and --json its document", "[cli]")
{
    TempDir home;
    const auto folder = cloudtrack::test::template_dir().string();
    const auto text = run_cli({"--plugin-path", folder, "show", "template"}, home.path());
    CHECK(text.exit_code == 0);
    CHECK(text.err.empty());
    check_golden("show-template.txt", text.out);

    const auto json = run_cli({"--plugin-path", folder, "show", "template", "--json"}, home.path());
    CHECK(json.exit_code == 0);
    const auto document = nlohmann::json::parse(json.out);
    CHECK(document.at("schema") == "cloudtrack.track/1");
    CHECK(document.at("track").at("id") == "template");
    const auto inspected = run_cli({"plugin", "inspect", folder + "/template.so", "--json"}, home.path());
    CHECK(inspected.exit_code == 0);
    CHECK(nlohmann::json::parse(inspected.out) == document);
}

TEST_CASE("plugin inspect summarizes the embedded document without loading it", "[cli]")
{
    TempDir home;
    const auto file = cloudtrack::test::template_dir() / "template.so";
    const auto result = run_cli({"plugin", "inspect", file.string()}, home.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());

    // The digest printed is the SHA-256 of the section's exact bytes.
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    const auto section = cloudtrack::host::catalog::read_elf_section(fd, ".cloudtrack.track", 1 << 20);
    ::close(fd);
    REQUIRE(section);
    const auto digest = cloudtrack::util::sha256_hex(*section);
    CHECK_THAT(result.out, Contains("sha256:   " + digest + " "));

    auto golden = replace_all(result.out, file.parent_path().string(), "<template>");
    check_golden("inspect-template.txt", replace_all(golden, digest, "<sha256 of the document>"));
}

TEST_CASE("every command has --help, and --version names the ABI", "[cli]")
{
    TempDir home;
    const auto top = run_cli({"--help"}, home.path());
    CHECK(top.exit_code == 0);
    CHECK(top.err.empty());
    CHECK_THAT(top.out, StartsWith("usage: cloudtrack "));

    // Every command the help lists (commands are still being added: follow the list).
    std::vector<std::vector<std::string>> commands = {{"plugin", "inspect"}, {"plugin", "validate"}};
    const auto lines = lines_of(top.out);
    auto it = std::find(lines.begin(), lines.end(), "Commands:");
    REQUIRE(it != lines.end());
    for (++it; it != lines.end() && !it->empty(); ++it) {
        commands.push_back({it->substr(2, it->find(' ', 2) - 2)});
    }
    for (const auto* expected : {"list", "show", "plugin"}) {
        CHECK(std::count(commands.begin(), commands.end(), std::vector<std::string>{expected}) == 1);
    }
    for (const auto& command : commands) {
        std::string usage = "usage: cloudtrack";
        for (const auto& word : command) {
            usage += " " + word;
        }
        for (const auto* flag : {"--help", "-h"}) {
            auto args = command;
            args.emplace_back(flag);
            INFO(usage << " " << flag);
            const auto result = run_cli(args, home.path());
            CHECK(result.exit_code == 0);
            CHECK(result.err.empty());
            CHECK_THAT(result.out, StartsWith(usage));
        }
    }
    const auto before = run_cli({"--help", "show"}, home.path());
    CHECK(before.exit_code == 0);
    CHECK_THAT(before.out, StartsWith("usage: cloudtrack show"));

    const auto version = run_cli({"--version"}, home.path());
    CHECK(version.exit_code == 0);
    CHECK(std::regex_match(version.out, std::regex(R"(cloudtrack \d+\.\d+\.\d+ \(plugin ABI 1\.0, content )"
                                                   R"(schema cloudtrack\.track/1\)\n)")));
}

TEST_CASE("only plugin validate runs plugin code", "[cli]")
{
    TempDir home;
    TempDir plugins;
    fs::permissions(plugins.path(), k_plugin_mode);
    const auto file = (plugins.path() / "static-ctor.so").string();
    copy_plugin(built_fixture("static-ctor"), file);
    const auto mark = home.path() / "mark";
    const std::map<std::string, std::string> env = {{"CLOUDTRACK_TEST_MARK", mark.string()},
                                                    {"CLOUDTRACK_PLUGIN_PATH", plugins.path().string()}};
    const std::vector<std::vector<std::string>> readers = {{"list"},
                                                           {"list", "--verbose"},
                                                           {"list", "--json"},
                                                           {"show", "fixture-static-ctor"},
                                                           {"show", "fixture-static-ctor", "--json"},
                                                           {"plugin", "inspect", file},
                                                           {"plugin", "inspect", file, "--json"}};
    for (const auto& args : readers) {
        INFO(args.front() << " " << (args.size() > 1 ? args[1] : ""));
        const auto result = run_cli(args, home.path(), env);
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Contains("fixture-static-ctor"));
        CHECK_FALSE(fs::exists(mark));
    }
    // The check can fail: validate loads the library, and the constructor leaves its mark.
    const auto validate = run_cli({"plugin", "validate", file}, home.path(), env);
    CHECK(validate.exit_code == 0);
    CHECK(validate.out == file + ": ok\n");
    CHECK(fs::exists(mark));
}
