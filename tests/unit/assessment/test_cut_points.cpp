// The cut-point helper: the fewest right answers on a typical form whose EAP θ reaches a level.
#include "assessment/cut_points.hpp"

#include "assessment/ability.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace {

using cloudtrack::host::assessment::cut_points;
using cloudtrack::host::assessment::estimate;
using cloudtrack::host::assessment::Observation;
using cloudtrack::host::assessment::right_answers_for;

double theta_with(size_t right, size_t items, double a, double b)
{
    std::vector<Observation> observations(items, Observation{a, b, 0.0});
    for (size_t i = 0; i < right; ++i) {
        observations[i].score = 1.0;
    }
    return estimate(observations).theta;
}

cloudtrack::content::Item item(const std::string& id, const std::string& area, double b, bool beta = false)
{
    cloudtrack::content::Item i;
    i.id = id;
    i.area = area;
    i.b = b;
    i.beta = beta;
    return i;
}

} // namespace

TEST_CASE("cut points: the fewest right answers whose θ reaches the cut", "[assessment]")
{
    for (const double cut : {-0.5, 0.4, 1.2}) {
        const auto right = right_answers_for(5, 1.0, 0.0, cut);
        REQUIRE(right);
        CHECK(theta_with(*right, 5, 1.0, 0.0) >= cut);
        if (*right > 0) {
            CHECK(theta_with(*right - 1, 5, 1.0, 0.0) < cut); // one fewer falls short
        }
    }
    // Five right of five easy items: the prior holds θ well under 3.
    CHECK_FALSE(right_answers_for(5, 1.0, -1.0, 3.0));
    // A cut below the prior mean is reached with nothing right.
    CHECK(right_answers_for(5, 1.0, 0.0, -3.0) == 0U);
}

TEST_CASE("cut points: per area with the standard form's items there, then the whole form", "[assessment]")
{
    cloudtrack::content::Track track;
    track.levels = {{"l0", "L0", "", std::nullopt}, {"l1", "L1", "", 0.0}, {"l2", "L2", "", 0.8}};
    track.areas = {{"x", "X", "", 1.0, "", ""}, {"y", "Y", "", 1.0, "", ""}, {"empty", "E", "", 1.0, "", ""}};
    track.items = {item("x1", "x", -1.0), item("x2", "x", 1.0), item("x3", "x", 0.0, true),
                   item("y1", "y", 1.0),  item("y2", "y", 1.0), item("y3", "y", 1.0)};
    const auto forms = cut_points(track, 2);
    REQUIRE(forms.size() == 3); // x, y and the whole form; no items, no form
    CHECK(forms[0].area == "x");
    CHECK(forms[0].items == 2);
    CHECK(forms[0].b == 0.0); // beta items are never scored, so they do not count
    CHECK(forms[1].items == 2);
    CHECK(forms[1].b == 1.0);
    CHECK(forms[2].area.empty());
    CHECK(forms[2].items == 4);
    CHECK(forms[2].b == Approx(0.6));
    REQUIRE(forms[0].cuts.size() == 2);
    CHECK(forms[0].cuts[0].level == "l1");
    CHECK(forms[0].cuts[0].right == right_answers_for(2, 1.0, 0.0, 0.0));
    CHECK(forms[2].cuts[1].right == right_answers_for(4, 1.0, 0.6, 0.8));
}
