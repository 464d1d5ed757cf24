#include "util/strict_json.hpp"

#include <catch2/catch.hpp>

#include <string>

using cloudtrack::util::parse_strict;

TEST_CASE("strict JSON parses what nlohmann parses", "[util]")
{
    const auto parsed = parse_strict(R"({"a": [1, 2.5, "x", null, true, {"b": {}}], "c": -3})");
    REQUIRE(parsed.ok());
    CHECK(*parsed == nlohmann::json::parse(R"({"a": [1, 2.5, "x", null, true, {"b": {}}], "c": -3})"));
}

TEST_CASE("strict JSON refuses duplicate keys, naming where", "[util]")
{
    auto parsed = parse_strict(R"({"a": 1, "a": 2})");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == "(root): duplicate key 'a'");
    parsed = parse_strict(R"([{"x": 1}, {"items": [{}, {"id": "p", "id": "q"}]}])");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error() == "/1/items/1: duplicate key 'id'");
}

TEST_CASE("strict JSON refuses deep nesting and bad syntax", "[util]")
{
    const auto deep = std::string(100, '[') + std::string(100, ']');
    auto parsed = parse_strict(deep, 64);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().find("nested deeper than 64 levels") != std::string::npos);
    parsed = parse_strict("{\"a\": }");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().rfind("invalid JSON: ", 0) == 0);
}
