#include "assessment/key_run.hpp"

#include "assessment/scoring.hpp"

#include <catch2/catch.hpp>

using cloudtrack::content::Item;
using cloudtrack::content::ItemType;
using cloudtrack::content::ScoringRule;
using cloudtrack::content::Track;
using cloudtrack::host::assessment::key_run;
using cloudtrack::host::assessment::score;
using cloudtrack::host::assessment::wrong_response;

namespace {
Item item(const std::string& id, ItemType type, ScoringRule rule, const std::string& correct)
{
    Item it;
    it.id = id;
    it.type = type;
    it.scoring = rule;
    for (const char c : std::string("abcd")) {
        it.options.push_back({std::string(1, c), "text", correct.find(c) != std::string::npos, "why"});
    }
    return it;
}
} // namespace

TEST_CASE("the all-wrong answer of every item type and rule scores 0", "[assessment]")
{
    std::vector<Item> items = {
        item("s", ItemType::single_choice, ScoringRule::none, "b"),
        item("m1", ItemType::multiple_choice, ScoringRule::all_or_nothing, "ac"),
        item("m2", ItemType::multiple_choice, ScoringRule::every_decision, "ac"),
        item("m3", ItemType::multiple_choice, ScoringRule::halves, "a"),
        item("o1", ItemType::ordering, ScoringRule::exact, ""),
        item("o2", ItemType::ordering, ScoringRule::pairwise, ""),
    };
    Item numeric;
    numeric.id = "n";
    numeric.type = ItemType::numeric;
    numeric.answer = -15;
    numeric.tolerance = 0.5;
    items.push_back(numeric);
    for (const auto& it : items) {
        INFO(it.id);
        CHECK(score(it, wrong_response(it)) == 0.0);
    }
    Track track;
    track.items = items;
    CHECK(key_run(track).empty());
}

TEST_CASE("the key run reports an item whose key cannot score 1", "[assessment]")
{
    Track track;
    track.items.push_back(item("ok", ItemType::single_choice, ScoringRule::none, "a"));
    track.items.push_back(
        item("no-key", ItemType::single_choice, ScoringRule::none, "")); // never valid content
    const auto problems = key_run(track);
    REQUIRE_FALSE(problems.empty());
    CHECK(problems.front().index == 1);
    CHECK(problems.front().item_id == "no-key");
    CHECK(problems.front().message.rfind("the key null is not a response: ", 0) == 0);
}
