// The conformance suite every shipped track runs: the built plugin of each folder plugins/<name>/
// must validate and meet the content rules a user relies on. A missing track fails; it never
// passes by having nothing to check.
#include "catalog/catalog.hpp"
#include "content/model.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using cloudtrack::content::ItemType;
using cloudtrack::content::Track;

// The shipped tracks are the folders of plugins/ that hold a CMakeLists.txt.
std::vector<std::string> shipped_track_folders()
{
    std::vector<std::string> names;
    const auto root = cloudtrack::test::source_dir().parent_path() / "plugins";
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(root, ec)) {
        if (entry.is_directory() && fs::exists(entry.path() / "CMakeLists.txt")) {
            names.push_back(entry.path().filename().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

bool is_choice(ItemType type)
{
    return type == ItemType::single_choice || type == ItemType::multiple_choice ||
           type == ItemType::true_false;
}

// Every way `track` falls short of the content rules, one sentence each.
std::vector<std::string> conformance_problems(const Track& track)
{
    std::vector<std::string> problems;
    const auto fail = [&](std::string text) { problems.push_back(std::move(text)); };

    std::map<std::string, size_t> active_per_area;
    std::set<ItemType> types;
    std::set<std::string> difficulties;
    size_t active = 0;
    for (const auto& item : track.items) {
        const auto where = "item " + item.id + ": ";
        if (item.explanation.empty()) {
            fail(where + "no explanation");
        }
        const auto https = std::count_if(item.references.begin(), item.references.end(),
                                         [](const auto& r) { return r.url.rfind("https://", 0) == 0; });
        if (https == 0) {
            fail(where + "no https reference");
        }
        if (is_choice(item.type)) {
            for (const auto& option : item.options) {
                if (option.rationale.empty()) {
                    fail(where + "option " + option.id + " has no rationale");
                }
            }
        }
        if (!item.beta) {
            ++active;
            ++active_per_area[item.area];
            types.insert(item.type);
            difficulties.insert(item.difficulty);
        }
    }
    if (active < 40) {
        fail(std::to_string(active) + " active items, fewer than 40");
    }
    const size_t min_areas = track.info.id == "devops" ? 6 : 5;
    if (track.areas.size() < min_areas) {
        fail(std::to_string(track.areas.size()) + " areas, fewer than " + std::to_string(min_areas));
    }
    for (const auto& area : track.areas) {
        if (active_per_area[area.id] < 6) {
            fail("area " + area.id + ": " + std::to_string(active_per_area[area.id]) +
                 " active items, fewer than 6");
        }
    }
    if (types.size() < 3) {
        fail(std::to_string(types.size()) + " item types among active items, fewer than 3");
    }
    for (const auto* difficulty : {"easy", "medium", "hard"}) {
        if (difficulties.count(difficulty) == 0) {
            fail(std::string("no active ") + difficulty + " item");
        }
    }

    if (track.levels.size() < 2) {
        fail("fewer than 2 levels");
    }
    for (size_t i = 1; i < track.levels.size(); ++i) {
        const auto& cut = track.levels[i].min_theta;
        const auto& previous = track.levels[i - 1].min_theta;
        if (!cut || (previous && *cut <= *previous)) {
            fail("level " + track.levels[i].id + ": its cut point does not increase");
        }
    }

    if (track.ladder.size() < 4) {
        fail(std::to_string(track.ladder.size()) + " ladder rungs, fewer than 4");
    }
    for (const auto& rung : track.ladder) {
        if (rung.as_of.empty() || rung.source.empty()) {
            fail("rung " + rung.id + ": no as_of date or source");
        }
        if (rung.retired) {
            const auto* successor = track.find_rung(rung.successor);
            if (successor == nullptr || successor->retired) {
                fail("rung " + rung.id + ": retired, and its successor '" + rung.successor +
                     "' is missing or retired too");
            }
        }
    }

    if (track.portfolio.size() < 2) {
        fail(std::to_string(track.portfolio.size()) + " portfolio projects, fewer than 2");
    }
    for (const auto& project : track.portfolio) {
        if (project.checklist.size() < 6) {
            fail("project " + project.id + ": " + std::to_string(project.checklist.size()) +
                 " checklist items, fewer than 6");
        }
    }
    if (track.metrics.empty()) {
        fail("no business metrics");
    }
    return problems;
}

} // namespace

TEST_CASE("every shipped track is built, validates and meets the content rules", "[content]")
{
    const auto folders = shipped_track_folders();
    if (folders.empty()) {
        FAIL("no shipped tracks: no folder of plugins/ holds a CMakeLists.txt");
    }
    for (const auto& folder : folders) {
        INFO("plugins/" << folder);
        const auto file = cloudtrack::test::builtin_dir() / (folder + ".so");
        if (!fs::exists(file)) {
            FAIL_CHECK("no built plugin " << file.string());
            continue;
        }
        const auto plugin = cloudtrack::host::catalog::inspect_file(file);
        if (!plugin.track) {
            FAIL_CHECK(file.string() << " does not validate: " << plugin.reason);
            continue;
        }
        const auto problems = conformance_problems(*plugin.track);
        for (const auto& problem : problems) {
            FAIL_CHECK(plugin.track->info.id << ": " << problem);
        }
        if (problems.empty()) {
            SUCCEED(plugin.track->info.id << " meets the content rules");
        }
    }
}

TEST_CASE("the conformance rules catch a track that breaks them", "[content]")
{
    // The template is deliberately minimal: far below what a shipped track must hold.
    const auto plugin =
        cloudtrack::host::catalog::inspect_file(cloudtrack::test::template_dir() / "template.so");
    REQUIRE(plugin.track);
    auto track = *plugin.track;
    const auto problems = conformance_problems(track);
    const auto has = [&](const std::string& text) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const auto& p) { return p.find(text) != std::string::npos; });
    };
    CHECK(has("active items, fewer than 40"));
    CHECK(has("areas, fewer than 5"));
    CHECK(has("ladder rungs, fewer than 4"));
    CHECK(has("portfolio projects, fewer than 2"));

    track.ladder.push_back({});
    track.ladder.back().id = "old";
    track.ladder.back().retired = true;
    track.ladder.back().successor = "old";
    track.items.front().options.front().rationale.clear();
    track.items.front().references.front().url = "http://insecure.example.org";
    const auto more = conformance_problems(track);
    const auto mentions = [&](const std::string& text) {
        return std::any_of(more.begin(), more.end(),
                           [&](const auto& p) { return p.find(text) != std::string::npos; });
    };
    CHECK(mentions("rung old: retired, and its successor 'old' is missing or retired too"));
    CHECK(mentions("rung old: no as_of date or source"));
    CHECK(mentions("has no rationale"));
    CHECK(mentions("no https reference"));
}
