// A track author's commands end to end: plugin new, plugin preview, the key run of plugin
// validate, help, and the ABI recorded at build time refusing a plugin at `resolved`.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using cloudtrack::test::read_text;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;

fs::path template_plugin()
{
    return cloudtrack::test::template_dir() / "template.so";
}

} // namespace

TEST_CASE("plugin new makes a track folder with the id, names and target filled in", "[cli][author]")
{
    const TempDir home;
    const auto dir = home.path() / "acme";
    const auto made = run_cli({"plugin", "new", "acme-gitops", "--dir", dir.string(), "--name",
                               "GitOps at Acme", "--vendor", "Acme Platform Team"},
                              home.path());
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    CHECK_THAT(made.out, StartsWith("Created track 'acme-gitops' in " + dir.string()));
    const auto cmake = read_text(dir / "CMakeLists.txt");
    CHECK_THAT(cmake, Contains("project(acme_gitops_track LANGUAGES CXX)"));
    CHECK_THAT(cmake, Contains("cloudtrack_add_track(acme-gitops\n"));
    CHECK_THAT(cmake, Contains("SOURCES src/track.cpp\n  PROBES readme_present)"));
    CHECK_THAT(cmake, Contains("install(TARGETS acme-gitops "));
    CHECK(cmake.find("(template") == std::string::npos);
    CHECK(cmake.find("TARGETS template") == std::string::npos);
    CHECK(cmake.find("template_track") == std::string::npos);
    const auto track = read_text(dir / "content" / "track.json");
    CHECK_THAT(track, Contains(R"("id": "acme-gitops")"));
    CHECK_THAT(track, Contains(R"("name": "GitOps at Acme")"));
    CHECK_THAT(track, Contains(R"("vendor": "Acme Platform Team")"));
    // $schema points at the schemas of the cloudtrack that made it (here, the build tree's mirror).
    const auto items = read_text(dir / "content" / "items.json");
    const auto at = items.find("\"$schema\": \"file://");
    REQUIRE(at != std::string::npos);
    const auto uri = items.substr(at + 19, items.find('"', at + 19) - at - 19);
    CHECK(fs::is_regular_file(uri));
    CHECK(fs::is_regular_file(dir / "src" / "track.cpp"));
    CHECK(fs::is_regular_file(dir / "content" / "portfolio.json"));

    const auto again = run_cli({"plugin", "new", "acme-gitops", "--dir", dir.string()}, home.path());
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Contains("already exists"));
    const auto bad = run_cli({"plugin", "new", "Acme!"}, home.path());
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err, Contains("is not a track id"));
}

TEST_CASE("plugin preview renders items as the session does, stores nothing, and --key adds the key",
          "[cli][author]")
{
    const TempDir home;
    const auto preview = run_cli({"plugin", "preview", template_plugin().string()}, home.path());
    INFO(preview.err);
    REQUIRE(preview.exit_code == 0);
    CHECK_THAT(preview.out, Contains("[basics-01]\n1/3  Delivery basics\n\nA teammate's pull request"));
    CHECK_THAT(preview.out, Contains("\n  a) Running the test suite in CI on every pull request"));
    CHECK_THAT(preview.out, Contains("One letter [s skip, p previous, q save and quit]: \n"));
    CHECK_THAT(preview.out, Contains("3/3  Delivery basics"));
    std::istringstream lines(preview.out);
    for (std::string line; std::getline(lines, line);) {
        CHECK(line.size() <= 80);
    }
    CHECK_FALSE(fs::exists(home.path() / "data" / "cloudtrack.db"));

    const auto key = run_cli(
        {"plugin", "preview", template_plugin().string(), "--item", "basics-02", "--key"}, home.path());
    REQUIRE(key.exit_code == 0);
    CHECK_THAT(key.out, Contains("1/1  Delivery basics"));
    CHECK_THAT(key.out, Contains(R"(Key: ac   (in an answers file: ["a","c"]))"));
    CHECK_THAT(key.out, Contains("  b) wrong: Secrets belong in a secret manager"));
    CHECK_THAT(key.out, Contains("Explanation: Everything needed to rebuild"));
    CHECK_THAT(key.out, Contains("  - The Twelve-Factor App: Config https://12factor.net/config"));

    const auto missing =
        run_cli({"plugin", "preview", template_plugin().string(), "--item", "nope"}, home.path());
    CHECK(missing.exit_code == 6);
    const auto builtin = run_cli({"plugin", "preview", "devops", "--key"}, home.path());
    CHECK(builtin.exit_code == 0);
}

TEST_CASE("help lists the installed reference pages and prints one", "[cli][author]")
{
    const TempDir home;
    const auto topics = run_cli({"help"}, home.path());
    INFO(topics.err);
    REQUIRE(topics.exit_code == 0);
    CHECK_THAT(topics.out, Contains("  writing-a-track   Writing a track\n"));
    CHECK_THAT(topics.out, Contains("  assessment        Taking an assessment\n"));
    const auto page = run_cli({"help", "track-format"}, home.path());
    CHECK(page.exit_code == 0);
    CHECK_THAT(page.out, StartsWith("# The track document: `cloudtrack.track/1`"));
    const auto unknown = run_cli({"help", "nope"}, home.path());
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Contains("no help topic 'nope' (topics: assessment, bundles,"));
}

TEST_CASE("results list is the list of results, not a track named 'list'", "[cli]")
{
    const TempDir home;
    const auto listed = run_cli({"results", "list"}, home.path());
    CHECK(listed.exit_code == 0);
    CHECK(listed.out == run_cli({"results"}, home.path()).out);
    CHECK_THAT(listed.out, Contains("No results yet"));
}

TEST_CASE("a document recording a newer plugin ABI fails at resolved, before its code loads", "[cli][author]")
{
    const TempDir home;
    const auto plugins = home.path() / "plugins";
    cloudtrack::test::copy_plugin(cloudtrack::test::fixture_dir() / "abi-newer-doc" / "abi-newer-doc.so",
                                  plugins / "abi-newer-doc.so");
    fs::permissions(plugins, cloudtrack::test::k_plugin_mode);
    const auto list = run_cli({"--plugin-path", plugins.string(), "list", "--verbose"}, home.path());
    INFO(list.out << list.err);
    CHECK_THAT(list.out, Contains("fixture-abi-newer-doc"));
    CHECK_THAT(list.out, Contains("  state:  failed at resolved\n"));
    CHECK_THAT(list.out, Contains("  abi:    1.99\n"));
    CHECK_THAT(list.out, Contains("plugin needs ABI 1.99 but this host provides 1.0 (upgrade cloudtrack)"));
    const auto show =
        run_cli({"--plugin-path", plugins.string(), "show", "fixture-abi-newer-doc"}, home.path());
    CHECK(show.exit_code == 4);
    const auto validate =
        run_cli({"plugin", "validate", (plugins / "abi-newer-doc.so").string()}, home.path());
    CHECK(validate.exit_code == 1);
    CHECK_THAT(validate.out, Contains("/abi: plugin needs ABI 1.99"));
}
