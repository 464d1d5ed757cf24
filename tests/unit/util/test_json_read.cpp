// The strict JSON reader every file from outside goes through: depth, duplicate keys, NULs and
// control characters refused with the JSON pointer; everything else read as nlohmann reads it.
#include "util/json_read.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

using Catch::Matchers::Contains;
using cloudtrack::util::JsonRules;
using cloudtrack::util::parse_json;
using cloudtrack::util::parse_ordered_json;

std::string error_of(const std::string& text, JsonRules rules = {})
{
    const auto parsed = parse_json(text, rules);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

} // namespace

TEST_CASE("the strict reader builds the same document nlohmann does", "[json]")
{
    const std::string text = R"({"a": [1, -2, 3.5, true, null, "x"], "b": {"c": {"d": []}}, "e": {}})";
    const auto parsed = parse_json(text);
    REQUIRE(parsed.ok());
    CHECK(*parsed == nlohmann::json::parse(text));
    const auto ordered = parse_ordered_json(R"({"z": 1, "a": 2})");
    REQUIRE(ordered.ok());
    CHECK(ordered->dump() == R"({"z":1,"a":2})");
    CHECK(parse_json("// a comment\n{\"a\": 1}", {.allow_comments = true}).ok());
    CHECK_FALSE(parse_json("// a comment\n{\"a\": 1}").ok());
}

TEST_CASE("the strict reader refuses what would be read two ways", "[json]")
{
    CHECK(error_of(R"({"policy": {"unlisted": "refuse", "unlisted": "allow"}})") ==
          "duplicate key 'unlisted' at /policy");
    CHECK(error_of(R"({"a": 1, "a": 1})") == "duplicate key 'a' at /");
    CHECK(error_of(R"({"items": [{"id": "x\u0000y"}]})") == "NUL character in a string at /items/0/id");
    CHECK_THAT(error_of(R"({"k\u0000": 1})"), Contains("NUL character in a string at /k")); // the key itself
    CHECK(error_of(R"({"a/b": {"c~d": [1, 1e400]}})") == "number 1e400 is out of range at /a~1b/c~0d/1");
    CHECK_THAT(error_of("{\"a\": \n  oops}"), Contains("invalid JSON: parse error at line 2, column"));
}

TEST_CASE("depth is limited before any recursive walk could overflow the stack", "[json]")
{
    const std::string deep = std::string(50000, '[') + std::string(50000, ']');
    CHECK_THAT(error_of(deep), Contains("nested deeper than 64 levels at /0/0/0/"));
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    CHECK(parse_json(ok).ok());
    CHECK_FALSE(parse_json(std::string(65, '[') + std::string(65, ']')).ok());
}

TEST_CASE("control characters are refused where text reaches terminals", "[json]")
{
    const JsonRules content{.refuse_control_characters = true};
    CHECK(error_of(R"({"stem": "clear \u001b[2J"})", content) == "control character in a string at /stem");
    CHECK(error_of(R"({"stem": "csi \u009b2J"})", content) == "control character in a string at /stem");
    CHECK(parse_json(R"({"stem": "two\nlines\tand a tab"})", content).ok());
    CHECK(parse_json(R"({"stem": "clear \u001b[2J"})").ok()); // kept exact where not asked
}
