#include "assessment/adaptive.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace cloudtrack::host::assessment;

namespace {

// `per_area` items in each of `areas` areas, b spread from -2 to 2, a alternating 1 and 2.
ItemBank bank_of(size_t areas, size_t per_area)
{
    ItemBank bank;
    for (size_t a = 0; a < areas; ++a) {
        bank.areas.push_back("area" + std::to_string(a));
        for (size_t i = 0; i < per_area; ++i) {
            const double b =
                per_area == 1 ? 0.0 : -2.0 + 4.0 * static_cast<double>(i) / static_cast<double>(per_area - 1);
            bank.items.push_back({"a" + std::to_string(a) + "i" + std::to_string(i),
                                  a,
                                  {i % 2 == 0 ? 1.0 : 2.0, b},
                                  ParameterSource::track});
        }
    }
    return bank;
}

// Runs a test to its end with a person who answers right exactly when theta exceeds b.
std::vector<size_t> run(AdaptiveTest& test, const ItemBank& bank, double theta)
{
    while (const auto item = test.next()) {
        test.record(*item, theta > bank.items[*item].parameters.b ? 1.0 : 0.0);
    }
    return test.given();
}

} // namespace

TEST_CASE("every area reaches its minimum before any gets more", "[assessment][adaptive]")
{
    const auto bank = bank_of(4, 10);
    AdaptiveRules rules;
    rules.min_per_area = 2;
    rules.max_items = 8;
    rules.top_k = 1;
    AdaptiveTest test(bank, rules, 7);
    const auto given = run(test, bank, 0.5);
    REQUIRE(given.size() == 8);
    for (size_t a = 0; a < 4; ++a) {
        CHECK(test.count_in_area(a) == 2);
    }
    CHECK(test.stop_reason() == StopReason::max_length);
}

TEST_CASE("with k = 1 the first item is the most informative at the prior mean", "[assessment][adaptive]")
{
    const auto bank = bank_of(1, 9); // b = -2, -1.5, ..., 2; the a = 1 item at b = 0 is index 4
    AdaptiveRules rules;
    rules.top_k = 1;
    AdaptiveTest test(bank, rules, 1);
    const auto first = test.next();
    REQUIRE(first);
    // Index 3 (b = -0.5, a = 2) carries 4 * 0.235 = 0.94 at 0, more than index 4's 0.25.
    double best = 0.0;
    size_t best_index = 0;
    for (size_t i = 0; i < bank.items.size(); ++i) {
        if (information(0.0, bank.items[i].parameters) > best) {
            best = information(0.0, bank.items[i].parameters);
            best_index = i;
        }
    }
    CHECK(*first == best_index);
}

TEST_CASE("the standard-error rule stops a test early, and says so", "[assessment][adaptive]")
{
    const auto bank = bank_of(2, 40);
    AdaptiveRules rules;
    rules.max_items = 80;
    rules.min_items = 4;
    rules.se_target = 0.45;
    rules.area_se_target = 0.6;
    AdaptiveTest test(bank, rules, 3);
    const auto given = run(test, bank, 0.2);
    CHECK(test.stop_reason() == StopReason::se_target);
    CHECK(given.size() < 80);
    CHECK(given.size() >= 4);
    CHECK(test.overall().se <= 0.45);
    CHECK(test.area(0).se <= 0.6);
    CHECK(test.area(1).se <= 0.6);
}

TEST_CASE("a bank that runs out stops the test with bank_exhausted", "[assessment][adaptive]")
{
    const auto bank = bank_of(2, 3);
    AdaptiveRules rules;
    rules.max_items = 50;
    rules.se_target = 0.01;
    AdaptiveTest test(bank, rules, 3);
    const auto given = run(test, bank, 0.0);
    CHECK(given.size() == 6);
    CHECK(std::set<size_t>(given.begin(), given.end()).size() == 6); // no item twice
    CHECK(test.stop_reason() == StopReason::bank_exhausted);
}

TEST_CASE("the same seed and answers give the same sequence; randomesque spreads exposure",
          "[assessment][adaptive]")
{
    const auto bank = bank_of(3, 30);
    AdaptiveRules rules;
    rules.max_items = 12;
    rules.top_k = 4;
    AdaptiveTest one(bank, rules, 42);
    AdaptiveTest two(bank, rules, 42);
    CHECK(run(one, bank, 0.3) == run(two, bank, 0.3));

    std::set<size_t> firsts;
    for (std::uint64_t seed = 0; seed < 40; ++seed) {
        AdaptiveTest test(bank, rules, seed);
        firsts.insert(*test.next());
    }
    CHECK(firsts.size() > 1);  // not everyone sees the single best item first
    CHECK(firsts.size() <= 4); // but only ever one of the top four
}

TEST_CASE("recording an item twice is a programming error", "[assessment][adaptive]")
{
    const auto bank = bank_of(1, 3);
    AdaptiveTest test(bank, {}, 1);
    test.record(0, 1.0);
    CHECK_THROWS_AS(test.record(0, 1.0), std::logic_error);
}

TEST_CASE("select_at_overall picks a fresh area's item at the overall estimate, not at its prior",
          "[assessment][adaptive]")
{
    const auto bank = bank_of(2, 9);
    AdaptiveRules rules;
    rules.min_per_area = 1;
    rules.max_items = 2;
    rules.top_k = 1;
    rules.area_se_target = 10.0;
    for (const bool at_overall : {false, true}) {
        rules.select_at_overall = at_overall;
        AdaptiveTest test(bank, rules, 1);
        const auto first = test.next();
        REQUIRE(first);
        test.record(*first, 1.0); // right: the overall estimate moves up
        const auto second = test.next();
        REQUIRE(second);
        CHECK(bank.items[*second].area == 1);
        // At the prior the second area's best item sits near b = 0; at the raised overall
        // estimate it is a harder one.
        if (at_overall) {
            CHECK(bank.items[*second].parameters.b > 0.4);
        } else {
            CHECK(bank.items[*second].parameters.b == Approx(0.0).margin(0.6));
        }
    }
}
