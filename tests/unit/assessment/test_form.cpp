#include "assessment/form.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cloudtrack::host::assessment;
using cloudtrack::content::Item;
using cloudtrack::content::Track;

namespace {
Track bank(size_t per_area)
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
        Item beta;
        beta.id = std::string(area) + "-beta";
        beta.area = area;
        beta.difficulty = "easy";
        beta.beta = true;
        track.items.push_back(beta);
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
