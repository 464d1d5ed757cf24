#include "assessment/form.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace cloudtrack::host::assessment;
using cloudtrack::content::Item;
using cloudtrack::content::Track;

namespace {
Track bank(size_t per_area, size_t betas = 1)
{
    Track track;
    for (const char* area : {"x", "y"}) {
        track.areas.push_back({area, area, "", 1.0, "", ""});
        for (size_t i = 0; i < per_area; ++i) {
            Item item;
            item.id = std::string(area) + std::to_string(i);
            item.area = area;
            item.difficulty = i % 3 == 0 ? "easy" : i % 3 == 1 ? "medium" : "hard";
            track.items.push_back(item);
        }
        for (size_t i = 0; i < betas; ++i) {
            Item beta;
            beta.id = std::string(area) + "-beta" + (i == 0 ? "" : std::to_string(i));
            beta.area = area;
            beta.difficulty = "easy";
            beta.beta = true;
            track.items.push_back(beta);
        }
    }
    return track;
}
} // namespace

TEST_CASE("the same seed draws the same form; another seed another", "[assessment]")
{
    const auto track = bank(12);
    const auto a = draw_form(track, {FormMode::standard, 0, 5, 42});
    const auto b = draw_form(track, {FormMode::standard, 0, 5, 42});
    const auto c = draw_form(track, {FormMode::standard, 0, 5, 43});
    CHECK(a.items == b.items);
    CHECK(a.items != c.items);
    CHECK(Form::from_json(a.to_json()).items == a.items);
}

TEST_CASE("the standard form is stratified by difficulty and adds one beta item per area", "[assessment]")
{
    const auto track = bank(12);
    const auto form = draw_form(track, {FormMode::standard, 0, 5, 7});
    REQUIRE(form.items.size() == 12);
    size_t easy = 0;
    size_t hard = 0;
    size_t beta = 0;
    for (const auto& id : form.items) {
        const auto* item = track.find_item(id);
        easy += !item->beta && item->difficulty == "easy" ? 1U : 0U;
        hard += item->difficulty == "hard" ? 1U : 0U;
        beta += item->beta ? 1U : 0U;
    }
    CHECK(easy == 4); // 2 per area: easy, medium, hard, easy, medium
    CHECK(hard == 2);
    CHECK(beta == 2);
    CHECK(std::set<std::string>(form.items.begin(), form.items.end()).size() == form.items.size());
}

TEST_CASE("an item count spreads N items over the areas; the full form takes every item", "[assessment]")
{
    const auto track = bank(12);
    CHECK(draw_form(track, {FormMode::items, 7, 5, 1}).items.size() == 7);
    CHECK(draw_form(track, {FormMode::items, 100, 5, 1}).items.size() == 24);
    CHECK(draw_form(track, {FormMode::full, 0, 5, 1}).items.size() == 26);
}

TEST_CASE("an ordering item's display order is stable and never the key", "[assessment]")
{
    const auto order = display_order(9, "item", 4);
    CHECK(order == display_order(9, "item", 4));
    CHECK(order != std::vector<size_t>{0, 1, 2, 3});
}

TEST_CASE("a second attempt draws no repeat while enough unseen items exist", "[assessment]")
{
    const auto track = bank(60, 3); // 120 active items in two areas, and 3 beta items in each
    const auto first = draw_form(track, {FormMode::standard, 0, 5, 42});
    FormRequest retake{FormMode::standard, 0, 5, 43};
    retake.seen = seen_items(track, {first});
    CHECK(retake.seen.size() == first.items.size());
    const auto second = draw_form(track, retake);
    CHECK(second.seen == retake.seen);
    CHECK(second.repeats() == 0);
    for (const auto& id : second.items) {
        CHECK(std::find(first.items.begin(), first.items.end(), id) == first.items.end());
    }
    // Still stratified: per area two easy, two medium and one hard, as on a first attempt.
    size_t easy = 0;
    size_t hard = 0;
    for (const auto& id : second.items) {
        const auto* item = track.find_item(id);
        easy += !item->beta && item->difficulty == "easy" ? 1U : 0U;
        hard += item->difficulty == "hard" ? 1U : 0U;
    }
    CHECK(easy == 4);
    CHECK(hard == 2);
    // The seen items travel with the form, so the draw can be repeated from what is stored.
    const auto stored = Form::from_json(second.to_json());
    CHECK(stored.seen == second.seen);
    FormRequest again{stored.mode, 0, 5, stored.seed};
    again.seen = stored.seen;
    CHECK(draw_form(track, again).items == second.items);
}

TEST_CASE("seen items fill a form only when the unseen ones run out; nothing seen, nothing changes",
          "[assessment]")
{
    const auto track = bank(6); // 6 active items and one beta per area
    const auto first = draw_form(track, {FormMode::standard, 0, 5, 1});
    CHECK(first.seen.empty());
    CHECK_FALSE(first.to_json().contains("seen"));
    FormRequest retake{FormMode::standard, 0, 5, 2};
    retake.seen = seen_items(track, {first});
    const auto second = draw_form(track, retake);
    // Per area 1 active item and no beta item are unseen: 4 of the 5 active items repeat, and
    // the only beta item does.
    CHECK(second.repeats() == 10);
    CHECK(second.to_json().contains("seen"));
    // An empty history draws exactly the form of earlier versions.
    FormRequest none{FormMode::standard, 0, 5, 1};
    CHECK(draw_form(track, none).items == first.items);
}

TEST_CASE("a choice item's option order is stable for a seed and differs across seeds", "[assessment]")
{
    const auto order = choice_order(9, "item", 5);
    CHECK(order == choice_order(9, "item", 5));
    auto sorted = order;
    std::sort(sorted.begin(), sorted.end());
    CHECK(sorted == std::vector<size_t>{0, 1, 2, 3, 4});
    std::set<std::vector<size_t>> orders;
    for (std::uint64_t seed = 0; seed < 20; ++seed) {
        orders.insert(choice_order(seed, "item", 5));
    }
    CHECK(orders.size() > 10);
    CHECK(choice_order(9, "other", 5) != order);
}

TEST_CASE("an adaptive form keeps select_at_overall only when it is on", "[assessment]")
{
    FormRequest request;
    request.mode = FormMode::adaptive;
    request.seed = 5;
    auto form = draw_form(bank(6), request);
    REQUIRE(form.rules);
    CHECK_FALSE(form.to_json()["rules"].contains("select_at_overall"));
    CHECK_FALSE(Form::from_json(form.to_json()).rules->select_at_overall);
    form.rules->select_at_overall = true;
    CHECK(form.to_json()["rules"]["select_at_overall"] == true);
    CHECK(Form::from_json(form.to_json()).rules->select_at_overall);
}
