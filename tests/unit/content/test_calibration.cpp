#include "content/calibration.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using namespace cloudtrack::content;
using nlohmann::json;

namespace {
json valid()
{
    return json::parse(R"({"schema": "cloudtrack.calibration/1",
        "track": {"id": "devops", "version": "1.2.0", "content_sha256": ")" +
                       std::string(64, 'c') + R"("},
        "items": [{"id": "d-01", "a": 1.4, "b": -0.3, "se_a": 0.12, "se_b": 0.08, "n": 812}]})");
}

std::string problem(const json& document)
{
    const auto parsed = parse_calibration(document);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}
} // namespace

TEST_CASE("a calibration document round-trips", "[content][calibration]")
{
    const auto parsed = parse_calibration(valid());
    REQUIRE(parsed.ok());
    CHECK(parsed->track_id == "devops");
    REQUIRE(parsed->items.size() == 1);
    CHECK(parsed->items[0].a == 1.4);
    CHECK(parsed->items[0].n == 812);
    CHECK(parsed->find("d-01") != nullptr);
    CHECK(to_json(*parsed) == valid());
}

TEST_CASE("calibration documents are checked like content, problems named by pointer",
          "[content][calibration]")
{
    auto d = valid();
    d["schema"] = "cloudtrack.calibration/2";
    CHECK(problem(d) == "/schema: expected \"cloudtrack.calibration/1\"");

    d = valid();
    d["items"][0]["a"] = 4.5;
    CHECK(problem(d) == "/items/0/a: expected a number from 0.2 to 4");

    d = valid();
    d["items"][0]["b"] = "0.3";
    CHECK(problem(d) == "/items/0/b: expected a number from -4 to 4");

    d = valid();
    d["items"][0]["n"] = -3;
    CHECK(problem(d) == "/items/0/n: expected a whole number of responses, 0 or more");

    d = valid();
    d["items"][0]["se-b"] = 0.1;
    CHECK(problem(d) == "/items/0/se-b: unknown key");

    d = valid();
    d["items"].push_back(d["items"][0]);
    CHECK(problem(d) == "/items/1/id: duplicate item id 'd-01'");

    d = valid();
    d["track"]["content_sha256"] = "abc";
    CHECK(problem(d) == "/track/content_sha256: expected 64 lowercase hexadecimal digits");

    d = valid();
    d["items"][0].erase("se_a");
    CHECK(problem(d) == "/items/0: missing \"se_a\"");
}
