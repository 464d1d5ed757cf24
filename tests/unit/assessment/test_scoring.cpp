#include "assessment/scoring.hpp"

#include <catch2/catch.hpp>

using cloudtrack::content::Item;
using cloudtrack::content::ItemType;
using cloudtrack::content::ScoringRule;
using cloudtrack::host::assessment::response_problem;
using cloudtrack::host::assessment::score;
using nlohmann::json;

namespace {
Item choice(ItemType type, ScoringRule rule, const std::string& correct)
{
    Item item;
    item.type = type;
    item.scoring = rule;
    for (const char c : std::string("abcd")) {
        item.options.push_back({std::string(1, c), "text", correct.find(c) != std::string::npos, "why"});
    }
    return item;
}
Item ordering(ScoringRule rule)
{
    Item item;
    item.type = ItemType::ordering;
    item.scoring = rule;
    for (const char c : std::string("wxyz")) {
        item.options.push_back({std::string(1, c), "step", false, ""});
    }
    return item;
}
} // namespace

TEST_CASE("single choice scores the key only", "[assessment]")
{
    const auto item = choice(ItemType::single_choice, ScoringRule::none, "b");
    CHECK(score(item, "b") == 1.0);
    CHECK(score(item, "a") == 0.0);
    CHECK(response_problem(item, "z") == std::optional<std::string>("unknown option 'z'"));
    CHECK(response_problem(item, json::array({"b"})).has_value());
}

TEST_CASE("multiple choice follows its declared rule", "[assessment]")
{
    const json one_wrong = json::array({"a", "c", "d"}); // key a, c: d is one wrong decision
    const json two_wrong = json::array({"a", "b"});      // b chosen, c missed
    SECTION("all or nothing")
    {
        const auto item = choice(ItemType::multiple_choice, ScoringRule::all_or_nothing, "ac");
        CHECK(score(item, json::array({"c", "a"})) == 1.0);
        CHECK(score(item, one_wrong) == 0.0);
    }
    SECTION("every decision counts")
    {
        const auto item = choice(ItemType::multiple_choice, ScoringRule::every_decision, "ac");
        CHECK(score(item, one_wrong) == Approx(0.75));
        CHECK(score(item, two_wrong) == Approx(0.5));
        CHECK(score(item, json::array()) == Approx(0.5));
    }
    SECTION("halves")
    {
        const auto item = choice(ItemType::multiple_choice, ScoringRule::halves, "ac");
        CHECK(score(item, json::array({"a", "c"})) == 1.0);
        CHECK(score(item, one_wrong) == 0.5);
        CHECK(score(item, two_wrong) == 0.0);
    }
    const auto item = choice(ItemType::multiple_choice, ScoringRule::halves, "ac");
    CHECK(response_problem(item, json::array({"a", "a"})) ==
          std::optional<std::string>("option 'a' given twice"));
}

TEST_CASE("ordering: exact or the share of pairs in the right order", "[assessment]")
{
    CHECK(score(ordering(ScoringRule::exact), json::array({"w", "x", "y", "z"})) == 1.0);
    CHECK(score(ordering(ScoringRule::exact), json::array({"w", "x", "z", "y"})) == 0.0);
    // One swapped neighbour pair out of six pairs.
    CHECK(score(ordering(ScoringRule::pairwise), json::array({"x", "w", "y", "z"})) == Approx(5.0 / 6.0));
    // Fully reversed: no pair right.
    CHECK(score(ordering(ScoringRule::pairwise), json::array({"z", "y", "x", "w"})) == 0.0);
    CHECK(response_problem(ordering(ScoringRule::exact), json::array({"w", "x"})).has_value());
}

TEST_CASE("numeric answers count within the tolerance, inclusive", "[assessment]")
{
    Item item;
    item.type = ItemType::numeric;
    item.answer = 15.0;
    item.tolerance = 0.5;
    CHECK(score(item, 15.5) == 1.0);
    CHECK(score(item, 14.4) == 0.0);
    item.answer = 0.111;
    item.tolerance = 0.001;
    CHECK(score(item, 0.11) == 1.0); // inclusive despite binary rounding
    CHECK(score(item, 0.1099) == 0.0);
    CHECK(response_problem(item, "15").has_value());
}
