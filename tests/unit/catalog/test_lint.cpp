// The content checks of the author's lint with a chosen "today" (the command uses the system
// clock; tests/cli/test_plugin_lint.cpp runs it as a black box).
#include "catalog/lint.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using cloudtrack::content::Item;
using cloudtrack::content::ItemType;
using cloudtrack::content::Rung;
using cloudtrack::content::Track;
using cloudtrack::host::catalog::Finding;
using cloudtrack::host::catalog::lint_track;
using cloudtrack::host::catalog::Severity;

Rung rung(const std::string& id, const std::string& as_of, bool retired = false)
{
    Rung r;
    r.id = id;
    r.as_of = as_of;
    r.source = "https://training.linuxfoundation.org/certification/";
    r.retired = retired;
    return r;
}

Track ladder_track(std::vector<Rung> rungs)
{
    Track track;
    track.ladder = std::move(rungs);
    return track;
}

std::vector<std::string> stale_ids(const std::vector<Finding>& findings)
{
    std::vector<std::string> ids;
    for (const auto& f : findings) {
        CHECK(f.severity == Severity::warning);
        const auto start = f.message.find("rung '") + 6;
        ids.push_back(f.message.substr(start, f.message.find('\'', start) - start));
    }
    return ids;
}

Item numeric(double answer, double tolerance)
{
    Item item;
    item.id = "n";
    item.type = ItemType::numeric;
    item.stem = "How many?";
    item.explanation = "Because the working shows it step by step.";
    item.answer = answer;
    item.tolerance = tolerance;
    return item;
}

} // namespace

TEST_CASE("lint: a rung is stale when checked more than 12 months before today", "[catalog][lint]")
{
    const auto track = ladder_track({rung("year-ago", "2025-03-15"), rung("day-older", "2025-03-14"),
                                     rung("recent", "2026-01-01"), rung("old-retired", "2019-01-01", true)});
    CHECK(stale_ids(lint_track(track, "2026-03-15")) == std::vector<std::string>{"day-older"});
}

TEST_CASE("lint: an old rung whose notes say what was not re-checked is not stale", "[catalog][lint]")
{
    auto honest = rung("honest", "2024-07-26");
    honest.notes = "The 2026 skills outline was Not Re-checked: the issuer's page could not be read.";
    auto vague = rung("vague", "2024-07-26");
    vague.notes = "Checked again; nothing changed.";
    const auto findings = lint_track(ladder_track({honest, vague}), "2026-12-06");
    CHECK(stale_ids(findings) == std::vector<std::string>{"vague"});
    CHECK(findings.front().message == "/ladder/1/as_of: rung 'vague': checked on 2024-07-26, more than 12 "
                                      "months ago; check the facts again "
                                      "at https://training.linuxfoundation.org/certification/ and update "
                                      "as_of, or say in notes what is not "
                                      "re-checked");
    CHECK(cloudtrack::host::catalog::says_not_rechecked("not   re-checked"));
    CHECK_FALSE(cloudtrack::host::catalog::says_not_rechecked("re-checked"));
}

TEST_CASE("lint: the 12 months wrap across the year, and a bad today checks nothing", "[catalog][lint]")
{
    const auto track = ladder_track({rung("a", "2025-01-31"), rung("b", "2025-02-01")});
    CHECK(stale_ids(lint_track(track, "2026-02-01")) == std::vector<std::string>{"a"});
    CHECK(stale_ids(lint_track(ladder_track({rung("c", "2024-12-31")}), "2026-01-01")) ==
          std::vector<std::string>{"c"});
    CHECK(lint_track(track, "").empty());
    CHECK(lint_track(track, "2026-13-01").empty());
}

TEST_CASE("lint: numeric keys", "[catalog][lint]")
{
    const auto lint_item = [](Item item) {
        Track track;
        track.items.push_back(std::move(item));
        return lint_track(track, "2026-01-01");
    };
    CHECK(lint_item(numeric(15, 0.5)).empty());
    CHECK(lint_item(numeric(15, 15)).empty()); // "not larger than |answer|"
    CHECK(lint_item(numeric(0, 1)).empty());   // an answer of 0 has no sign to get wrong
    CHECK(lint_item(numeric(42, 0)).empty());  // an exact integer is fine
    const auto wide = lint_item(numeric(-3, 4));
    REQUIRE(wide.size() == 1);
    CHECK(wide.front().severity == Severity::error);
    CHECK(
        wide.front().message ==
        "/items/0/tolerance: item 'n': tolerance 4 is larger than |answer| 3, so 0 and answers of the wrong "
        "sign score as correct");
    const auto exact = lint_item(numeric(0.15, 0));
    REQUIRE(exact.size() == 1);
    CHECK(exact.front().severity == Severity::warning);
}

TEST_CASE("lint: explanations are counted in characters, not bytes", "[catalog][lint]")
{
    Track track;
    auto item = numeric(1, 0);
    item.explanation = "Ça coûte 5 € par mois"; // 21 characters, 25 bytes
    track.items.push_back(item);
    CHECK(lint_track(track, "2026-01-01").empty());
    track.items.front().explanation = "Ça coûte 5 € par moi"; // 20
    CHECK(lint_track(track, "2026-01-01").empty());
    track.items.front().explanation = "Ça coûte 5 € par mo"; // 19
    CHECK(lint_track(track, "2026-01-01").size() == 1);
}
