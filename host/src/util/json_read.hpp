// Parsing JSON that someone else wrote: one pass, bounded, unambiguous.
//
// nlohmann's own parser keeps the last of duplicate keys (so a signed manifest saying
// "unlisted": "refuse" and then "allow" verified as allow), accepts "\u0000" inside strings (which
// truncates ids and messages at the first NUL once they reach C strings), and has no depth limit
// (and every recursive walk after it then overflows the stack on a document nested 50,000 deep).
// parse_json() builds the same DOM through the SAX interface and refuses all three, naming the
// JSON pointer.
#pragma once

#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace cloudtrack::util {

struct JsonRules {
    // Honest documents nest under 10 levels; 64 leaves room and keeps every walk shallow.
    std::size_t max_depth = 64;
    bool allow_comments = false;
    // Control characters other than newline and tab in any string (ESC sequences could clear a
    // terminal or fake a verdict): refused in content, where text reaches people's screens.
    bool refuse_control_characters = false;
};

// Errors read like "invalid JSON: parse error at line 3, column 5: ...", "duplicate key 'unlisted'
// at /policy", "nested deeper than 64 levels at /a/0/b", "NUL character in a string at /id".
Expected<nlohmann::json> parse_json(std::string_view text, JsonRules rules = {});
Expected<nlohmann::ordered_json> parse_ordered_json(std::string_view text, JsonRules rules = {});

namespace detail {
// The checking parser alone, without the fast path: what parse_json must agree with, value for
// value and error for error (the differential fuzz target tests/fuzz/fuzz_json.cpp).
Expected<nlohmann::json> parse_json_checked(std::string_view text, JsonRules rules = {});
} // namespace detail

// Whether `text` is one JSON text (RFC 8259, UTF-8), without building a tree: what a program
// checks before it copies a document it did not parse. simdjson decides at gigabytes a second;
// what it refuses (also numbers a double cannot hold) nlohmann's accept() decides again.
bool is_json_text(std::string_view text);

// "/a/0/b~1c": a JSON pointer token with '~' and '/' escaped.
std::string pointer_token(std::string_view key);

} // namespace cloudtrack::util
