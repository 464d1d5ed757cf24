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

namespace {

// The same values, kinds of number included (nlohmann keeps non-negative integers unsigned).
bool same_tree(const nlohmann::json& a, const nlohmann::json& b)
{
    if (a.type() != b.type() || a.size() != b.size()) {
        return false;
    }
    if (a.is_object()) {
        for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib) {
            if (ia.key() != ib.key() || !same_tree(ia.value(), ib.value())) {
                return false;
            }
        }
        return true;
    }
    if (a.is_array()) {
        for (size_t i = 0; i < a.size(); ++i) {
            if (!same_tree(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
    return a == b && a.dump() == b.dump();
}

} // namespace

TEST_CASE("the fast path builds the tree nlohmann builds, and leaves every doubt to the checking parser",
          "[json]")
{
    // Documents simdjson reads (the fast path) and ones it refuses (then read as before): the
    // tree is nlohmann's either way.
    const auto text =
        GENERATE(as<std::string>{}, R"({"n": [0, 7, -7, 1.5, -2.25e-3, 1E5, 1e-400]})",
                 R"([18446744073709551615, -9223372036854775808, 9223372036854775807])",
                 R"([18446744073709551616, -9223372036854775809, -0.0])",
                 R"({"s": "caf\u00e9 \ud83d\ude00 \"q\" \\ / \b\f\n\r\t", "t": "ü😀"})",
                 R"({"z": {"y": [[], {}, [null, true, false]]}, "a": ""})", R"("just a string")", R"(42)");
    CAPTURE(text);
    const auto parsed = parse_json(text);
    REQUIRE(parsed.ok());
    CHECK(same_tree(*parsed, nlohmann::json::parse(text)));
    const auto ordered = parse_ordered_json(text);
    REQUIRE(ordered.ok());
    CHECK(ordered->dump() == nlohmann::ordered_json::parse(text).dump());
}

TEST_CASE("a document is checked to be JSON without a tree", "[json]")
{
    using cloudtrack::util::is_json_text;
    CHECK(is_json_text(R"({"a": [1, 2.5, "x", null]})"));
    CHECK(is_json_text("[18446744073709551616]")); // simdjson refuses it, nlohmann reads it as a double
    CHECK_FALSE(is_json_text("[1e400]"));          // as the strict reader refuses it
    CHECK_FALSE(is_json_text(R"({"schema": "cloudtrack.result/1",)"));
    CHECK_FALSE(is_json_text(R"({"a": 1} {"b": 2})"));
    CHECK_FALSE(is_json_text("[\"\xff\"]")); // not UTF-8
    CHECK_FALSE(is_json_text(""));
}
