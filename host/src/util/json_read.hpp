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

// "/a/0/b~1c": a JSON pointer token with '~' and '/' escaped.
std::string pointer_token(std::string_view key);

} // namespace cloudtrack::util
