#include "assessment/item_bank.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace cloudtrack::host::assessment;
using cloudtrack::content::Track;

namespace {
Track two_area_track()
{
    Track track;
    track.info.id = "t";
    track.areas = {{"x", "X", "", 1.0, "", ""}, {"y", "Y", "", 1.0, "", ""}};
    const char* difficulty[] = {"easy", "medium", "hard"};
    for (int i = 0; i < 6; ++i) {
        cloudtrack::content::Item item;
        item.id = "i" + std::to_string(i);
        item.area = i < 3 ? "x" : "y";
        item.difficulty = difficulty[i % 3];
        item.b = i % 3 - 1.0;
        track.items.push_back(item);
    }
    track.items.back().beta = true;
    return track;
}
} // namespace

TEST_CASE("information is a^2 P (1 - P), largest at theta = b", "[assessment]")
{
    CHECK(information(0.5, {1.0, 0.5}) == Approx(0.25));
    CHECK(information(0.5, {2.0, 0.5}) == Approx(1.0));
    CHECK(information(1.5, {1.0, 0.5}) < information(0.5, {1.0, 0.5}));
}

TEST_CASE("the bank holds scored items with track or calibrated parameters", "[assessment]")
{
    const auto track = two_area_track();
    const auto plain = make_bank(track);
    REQUIRE(plain.items.size() == 5); // the beta item is never selected
    CHECK(plain.items[3].area == 1);
    CHECK(plain.items[0].parameters.b == -1.0);
    CHECK(plain.calibrated() == 0);

    cloudtrack::content::Calibration calibration{
        "t", "1.0.0", std::string(64, 'a'), {{"i1", 1.7, 0.3, 0.1, 0.1, 400}}};
    const auto calibrated = make_bank(track, &calibration);
    CHECK(calibrated.calibrated() == 1);
    CHECK(calibrated.items[1].parameters.a == 1.7);
    CHECK(calibrated.items[1].parameters.b == 0.3);
    CHECK(calibrated.items[1].source == ParameterSource::calibration);
    CHECK(calibrated.items[0].source == ParameterSource::track);
}

TEST_CASE("a track's own calibration is used, with its standard errors; judged items get the judgement error",
          "[assessment][calibration]")
{
    auto track = two_area_track();
    track.calibration = cloudtrack::content::Calibration{
        "t", "1.0.0", std::string(64, 'a'), {{"i2", 2.0, 0.4, 0.3, 0.12, 500}}};
    const auto bank = make_bank(track);
    CHECK(bank.calibrated() == 1);
    const auto& calibrated = bank.items[2].parameters;
    CHECK(calibrated.a == 2.0);
    CHECK(calibrated.b_sd == 0.12);
    CHECK(calibrated.log_a_sd == Approx(0.15)); // se_a / a
    const auto& judged = bank.items[0].parameters;
    CHECK(judged.b_sd == k_judgement_error);
    CHECK(judged.log_a_sd == k_judgement_error);
    CHECK_FALSE(track.fully_calibrated());
}
