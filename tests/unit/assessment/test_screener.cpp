#include "assessment/screen_simulation.hpp"
#include "assessment/screener.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace cloudtrack::host::assessment;

namespace {

// `areas` areas of 12 items (b from -1.5 to 1.5) and the shipped tracks' cut points.
cloudtrack::content::Track track(const std::string& id, size_t areas = 3, size_t per_area = 12)
{
    cloudtrack::content::Track t;
    t.info = {id, "Track " + id, "1.0.0", "test", "", std::nullopt};
    t.levels = {{"foundation", "Foundation", "", std::nullopt},
                {"associate", "Associate", "", -0.5},
                {"professional", "Professional", "", 0.4},
                {"expert", "Expert", "", 1.2}};
    for (size_t a = 0; a < areas; ++a) {
        t.areas.push_back({"area" + std::to_string(a), "Area", "", 1.0, "", ""});
        for (size_t i = 0; i < per_area; ++i) {
            cloudtrack::content::Item item;
            item.id = id + "-" + std::to_string(a) + "-" + std::to_string(i);
            item.area = t.areas.back().id;
            item.difficulty = "medium";
            item.b = -1.5 + 3.0 * static_cast<double>(i) / static_cast<double>(per_area - 1);
            t.items.push_back(item);
        }
    }
    return t;
}

// Right on every item of the tracks in `strong`, wrong on the others.
Responder knows(const ScreenPlan& plan, const std::set<std::string>& strong)
{
    return [&plan, strong](const Ask& ask) -> std::optional<double> {
        return strong.contains(plan.tracks[ask.track].track->info.id) ? 1.0 : 0.0;
    };
}

struct Three {
    cloudtrack::content::Track a = track("alpha");
    cloudtrack::content::Track b = track("beta");
    cloudtrack::content::Track c = track("gamma");
    [[nodiscard]] std::vector<const cloudtrack::content::Track*> list() const { return {&a, &b, &c}; }
};

} // namespace

TEST_CASE("the probability of being strongest integrates the normal posteriors", "[assessment][screener]")
{
    CHECK(probability_strongest({}).empty());
    CHECK(probability_strongest({{0.3, 0.5}}) == std::vector<double>{1.0});

    const auto equal = probability_strongest({{0.2, 0.6}, {0.2, 0.6}});
    CHECK(equal[0] == Approx(0.5).margin(1e-9));
    CHECK(equal[1] == Approx(0.5).margin(1e-9));

    const auto three = probability_strongest({{0.0, 0.5}, {0.0, 0.5}, {0.0, 0.5}});
    for (const auto p : three) {
        CHECK(p == Approx(1.0 / 3.0).margin(1e-6));
    }

    // Two tracks: P(A > B) = Φ((θA − θB) / √(seA² + seB²)) = Φ(1 / √2) = 0.76025.
    const auto two = probability_strongest({{1.0, 1.0}, {0.0, 1.0}});
    CHECK(two[0] == Approx(0.76025).margin(1e-4));
    CHECK(two[0] + two[1] == Approx(1.0));

    // Unequal errors: Φ(0.5 / √(0.3² + 0.4²)) = Φ(1) = 0.84134.
    const auto unequal = probability_strongest({{0.5, 0.3}, {0.0, 0.4}});
    CHECK(unequal[0] == Approx(0.84134).margin(1e-4));

    // Far apart and precise: certain.
    const auto far = probability_strongest({{-2.0, 0.2}, {2.0, 0.2}, {0.0, 0.2}});
    CHECK(far[1] == Approx(1.0).margin(1e-9));
}

TEST_CASE("separable means more than 1.96 standard errors of the difference", "[assessment][screener]")
{
    // 1.96 × √(0.3² + 0.3²) = 0.832: a difference of 1 is separable.
    CHECK(separable({1.0, 0.3}, {0.0, 0.3}));
    // 1.96 × √(0.4² + 0.4²) = 1.109: not.
    CHECK_FALSE(separable({1.0, 0.4}, {0.0, 0.4}));
    CHECK_FALSE(separable({0.0, 0.1}, {0.0, 0.1}));
    CHECK_FALSE(separable({0.0, 0.3}, {1.0, 0.3})); // below the other is never separable from it
}

TEST_CASE("the ranking is by theta, ties in sitting order", "[assessment][screener]")
{
    CHECK(rank({{0.1, 0.5}, {0.7, 0.5}, {0.1, 0.2}, {-1.0, 0.5}}) == std::vector<size_t>{1, 0, 2, 3});
}

TEST_CASE("a screen gives every track its budget, spread over its areas, on its own scale",
          "[assessment][screener]")
{
    const auto a = track("alpha", 4);
    const auto b = track("beta", 2);
    const auto plan = plan_screen({&a, &b}, 6);
    REQUIRE(plan);
    const auto screen = run_screen(*plan, 11, knows(*plan, {"beta"}));
    REQUIRE(screen.complete);
    REQUIRE(screen.tracks.size() == 2);
    CHECK(screen.items_asked() == 12);
    for (const auto& t : screen.tracks) {
        CHECK(t.items.size() == 6);
        CHECK(t.stop == StopReason::max_length);
    }
    // The first four items of alpha come one from each of its four areas.
    std::set<std::string> areas;
    for (size_t i = 0; i < 4; ++i) {
        areas.insert(a.find_item(screen.tracks[0].items[i])->area);
    }
    CHECK(areas.size() == 4);

    // Right on everything in beta, wrong in alpha: beta first, alpha separable below it.
    CHECK(screen.tracks[screen.ranking[0].track].id == "beta");
    CHECK(screen.ranking[1].separable);
    CHECK(screen.clear());
    CHECK(screen.contenders() == std::vector<size_t>{1});
    CHECK(screen.ranking[0].p_strongest > 0.99);
    CHECK(screen.tracks[1].level == "Expert");

    const auto doc = to_json(screen);
    CHECK(doc["schema"] == "cloudtrack.screen/1");
    CHECK(doc["recommendation"]["track"] == "beta");
    CHECK(doc["recommendation"]["next"] == nlohmann::json::array({"cloudtrack assess beta"}));
    CHECK(doc["ranking"][1]["separable_from_top"] == true);
}

TEST_CASE("a screen is a function of the seed and the answers; a track's items do not depend on the others",
          "[assessment][screener]")
{
    const auto a = track("alpha");
    const auto b = track("beta");
    const auto both = plan_screen({&a, &b}, 5);
    const auto alone = plan_screen({&a}, 5);
    REQUIRE(both);
    REQUIRE(alone);
    // Alternating answers, so the path depends on them.
    const Responder alternate = [](const Ask& ask) -> std::optional<double> {
        return ask.position % 2 == 0 ? 1.0 : 0.0;
    };
    const auto one = run_screen(*both, 3, alternate);
    CHECK(to_json(one) == to_json(run_screen(*both, 3, alternate)));
    CHECK(run_screen(*alone, 3, alternate).tracks[0].items == one.tracks[0].items);
    CHECK(run_screen(*both, 4, alternate).tracks[0].seed != one.tracks[0].seed);

    // Equal answers on equal tracks: within noise of each other.
    CHECK_FALSE(one.clear());
    CHECK(one.contenders().size() == 2);
}

TEST_CASE("a stopped screen has no ranking", "[assessment][screener]")
{
    const auto a = track("alpha");
    const auto b = track("beta");
    const auto plan = plan_screen({&a, &b}, 4);
    REQUIRE(plan);
    const auto screen = run_screen(*plan, 1, [](const Ask& ask) -> std::optional<double> {
        if (ask.track == 1 && ask.position == 2) {
            return std::nullopt;
        }
        return 1.0;
    });
    CHECK_FALSE(screen.complete);
    CHECK(screen.ranking.empty());
    CHECK(screen.items_asked() == 6);
    CHECK_FALSE(to_json(screen).contains("recommendation"));
}

TEST_CASE("a track with fewer scored items than the budget is refused by name", "[assessment][screener]")
{
    const auto a = track("alpha");
    const auto small = track("tiny", 1, 3);
    const auto plan = plan_screen({&a, &small}, 4);
    REQUIRE_FALSE(plan);
    CHECK(plan.error().find("'tiny' has 3 scored items") != std::string::npos);
}

TEST_CASE("the screener simulation is deterministic for a seed", "[assessment][screener]")
{
    const Three tracks;
    ScreenSimulationOptions o;
    o.people = 200;
    o.seed = 5;
    const auto one = simulate_screen(tracks.list(), o);
    REQUIRE(one);
    CHECK(to_json(*one) == to_json(*simulate_screen(tracks.list(), o)));
    CHECK(one->mean_items == 18.0);
    CHECK(one->p90_items == 18.0);
    CHECK(one->top_in_two >= one->top_first);
    double first = 0.0;
    for (const auto share : one->ranked_first) {
        first += share;
    }
    CHECK(first == Approx(1.0));
    auto other = o;
    other.seed = 6;
    CHECK(to_json(*one) != to_json(*simulate_screen(tracks.list(), other)));
}

TEST_CASE("a clearly strongest track is nearly always ranked first", "[assessment][screener]")
{
    const Three tracks;
    ScreenSimulationOptions o;
    o.people = 300;
    o.seed = 2;
    o.lead = 3.0;
    o.correlation = 0.5;
    const auto report = simulate_screen(tracks.list(), o);
    REQUIRE(report);
    CHECK(report->true_top[0] > 0.95);
    CHECK(report->top_first > 0.9);
    CHECK(report->top_in_two > 0.97);
    CHECK(report->claims_right > 0.95);

    // No lead, independent abilities: far from certain, but better than a guess.
    o.lead = 0.0;
    o.correlation = 0.0;
    const auto even = simulate_screen(tracks.list(), o);
    REQUIRE(even);
    CHECK(even->top_first > 0.45);
    CHECK(even->top_first < report->top_first);
}
