// `cloudtrack portfolio TRACK check PROJECT DIR`, end to end: every built-in track's probes over
// its fixture repositories (one that satisfies the checklist, one that does not), a probe that
// throws, and a repository whose proof sits behind a symlink pointing outside it.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using nlohmann::json;

fs::path repo(const std::string& track, const std::string& which)
{
    return cloudtrack::test::source_dir() / "fixtures" / "repos" / track / which;
}

// The checklist items with a probe, per project, from `portfolio TRACK --json`.
json probe_items(const json& portfolio, const std::string& project)
{
    auto items = json::array();
    for (const auto& p : portfolio["projects"]) {
        if (p["id"] == project) {
            for (const auto& item : p["checklist"]) {
                if (item.contains("probe") && item["probe"].is_string()) {
                    items.push_back(item);
                }
            }
        }
    }
    return items;
}

// Exit codes (README): 0 all verified, 1 a probe did not find its evidence, 4 a probe could not run.
json run_json(const std::vector<std::string>& args, const fs::path& home, int exit_code = 0)
{
    const auto result = run_cli(args, home);
    INFO(result.err);
    REQUIRE(result.exit_code == exit_code);
    return json::parse(result.out);
}

} // namespace

TEST_CASE("portfolio check verifies each track's good repository, records it, and rejects the bad one",
          "[cli][career]")
{
    for (const std::string track : {"devops", "finops", "ai-infra", "security", "data-eng"}) {
        INFO(track);
        const TempDir home;
        const auto before = run_json({"portfolio", track, "--json"}, home.path());
        size_t checked = 0;
        for (const auto& project : before["projects"]) {
            const auto id = project["id"].get<std::string>();
            if (probe_items(before, id).empty()) {
                continue;
            }
            const auto bad = run_json(
                {"portfolio", track, "check", id, repo(track, "bad").string(), "--json"}, home.path(), 1);
            for (const auto& outcome : bad["items"]) {
                INFO(outcome.dump());
                CHECK(outcome["status"] == "not_verified");
            }
            const auto good = run_json(
                {"portfolio", track, "check", id, repo(track, "good").string(), "--json"}, home.path());
            REQUIRE_FALSE(good["items"].empty());
            for (const auto& outcome : good["items"]) {
                INFO(outcome.dump());
                CHECK(outcome["status"] == "verified");
                CHECK_FALSE(outcome["evidence"].empty());
                ++checked;
            }
            // Verified items are kept with their evidence and show as done.
            const auto after = run_json({"portfolio", track, "--json"}, home.path());
            for (const auto& item : probe_items(after, id)) {
                INFO(item.dump());
                CHECK(item["done"] == true);
            }
        }
        CHECK(checked >= 2);
        // The terminal form says the same in words.
        const auto text =
            run_cli({"portfolio", track, "check", before["projects"][0]["id"].get<std::string>(),
                     repo(track, "good").string()},
                    home.path());
        CHECK(text.exit_code == 0);
        CHECK_THAT(text.out, Catch::Matchers::Contains("verifiable items verified and recorded."));
    }
}

TEST_CASE("portfolio check survives a probe that throws and never follows a symlink out", "[cli][career]")
{
    const TempDir home;
    const TempDir work;
    // The fixture's probe throws: its item is unchecked with the plugin's message, exit 4.
    const auto plugins = work.path() / "plugins";
    cloudtrack::test::copy_plugin(cloudtrack::test::fixture_dir() / "probe-throws" / "probe-throws.so",
                                  plugins / "probe-throws.so");
    fs::permissions(plugins, cloudtrack::test::k_plugin_mode);
    const auto thrown = run_json({"--plugin-path", plugins.string(), "portfolio", "fixture-probe-throws",
                                  "check", "ci-project", work.path().string(), "--json"},
                                 home.path(), 4);
    REQUIRE(thrown["items"].size() == 1);
    CHECK(thrown["items"][0]["status"] == "unchecked");
    CHECK_THAT(thrown["items"][0]["note"].get<std::string>(), Catch::Matchers::Contains("cannot parse"));

    // The DevOps workflows moved outside the repository and linked back in: not evidence.
    const auto linked = work.path() / "repo";
    const auto outside = work.path() / "outside";
    fs::copy(repo("devops", "good"), linked, fs::copy_options::recursive);
    fs::create_directories(outside);
    fs::rename(linked / ".github", outside / ".github");
    fs::create_symlink(outside / ".github", linked / ".github");
    const auto result =
        run_json({"portfolio", "devops", "check", "safe-delivery-pipeline", linked.string(), "--json"},
                 home.path(), 1);
    bool ci_item_seen = false;
    for (const auto& outcome : result["items"]) {
        if (outcome["item"] == "ci-tests") {
            ci_item_seen = true;
            CHECK(outcome["status"] != "verified");
            for (const auto& e : outcome["evidence"]) {
                CHECK(e["path"].get<std::string>().rfind(".github", 0) != 0);
            }
        }
    }
    CHECK(ci_item_seen);
}

TEST_CASE("portfolio check exits 4 when a probe cannot run", "[cli][career]")
{
    const TempDir home;
    const TempDir work;
    const auto plugins = work.path() / "plugins";
    // The good fixture's code declares no probes; its portfolio names 'explodes'.
    cloudtrack::test::copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", plugins / "good.so");
    fs::permissions(plugins, cloudtrack::test::k_plugin_mode);
    const auto result = run_cli({"--plugin-path", plugins.string(), "portfolio", "fixture-good", "check",
                                 "ci-project", work.path().string()},
                                home.path());
    INFO(result.out << result.err);
    CHECK(result.exit_code == 4);
    CHECK_THAT(result.out,
               Catch::Matchers::Contains("0 of 1 verifiable items verified and recorded; 1 could not be "
                                         "checked."));
}
