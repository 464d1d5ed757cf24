#include "report/format.hpp"

#include <catch2/catch.hpp>

using Catch::Matchers::Contains;
using cloudtrack::host::assessment::ParameterInfo;
using cloudtrack::host::assessment::Result;
using cloudtrack::host::report::measurement_note;

TEST_CASE("the measurement note says how a result was measured, and nothing for an old fixed form",
          "[report][calibration]")
{
    Result result;
    result.overall.items = 21;
    CHECK(measurement_note(result).empty()); // scored before engine 2, fixed form, first attempt

    result.parameters = ParameterInfo{"", 0, 21, 0.5};
    CHECK(measurement_note(result) ==
          "Uncalibrated: the items' parameters are an author's judgement, not estimates from data, so each "
          "standard error includes their uncertainty (SD 0.5).");

    result.parameters = ParameterInfo{std::string(64, 'c'), 20, 1, 0.5};
    result.attempt.stop_reason = "se_target";
    result.attempt.repeats = 1;
    CHECK(measurement_note(result) ==
          "Adaptive test: 21 scored items; it stopped when every area was measured precisely enough. Partly "
          "calibrated: 20 of 21 items' parameters were estimated from data (calibration cccccccccccc); the "
          "standard errors include the uncertainty of the others' (SD 0.5). 1 item was shown in an earlier "
          "attempt.");

    result.parameters = ParameterInfo{std::string(64, 'c'), 21, 0, 0.5};
    result.attempt.repeats = 3;
    CHECK_THAT(
        measurement_note(result),
        Contains(
            "Calibrated: every item's parameters were estimated from data (calibration cccccccccccc).") &&
            Contains("3 items were shown in an earlier attempt."));
}
