// Terminal facts (colour only on a terminal and never with NO_COLOR, https://no-color.org) and
// the small text helpers every renderer and message uses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::util {

bool color_enabled(int fd);

// Wraps text in an SGR colour when `on`; `code` like "1" (bold), "31" (red), "32" (green).
std::string paint(std::string_view text, std::string_view code, bool on);

// "1 area", "3 areas" (regular English plurals only).
std::string count_of(size_t n, std::string_view noun);

// The shortest text that reads back as `value`: "-0.3", "2", "1e-05".
std::string number_text(double value);

// `value` as a JSON document writes it: "70.0", "72.5". For text that quotes a figure of a
// document (a reason, a table cell), so the text and `--json` never disagree.
std::string json_number_text(double value);

// The entries one after another, `separator` between them.
std::string join(const std::vector<std::string>& list, std::string_view separator = ", ");

// Text from a file made safe for a terminal: control characters (C0 but newline, DEL, C1) and
// bytes that are not UTF-8 become visible escapes such as "\x1b", so no file can move the cursor,
// clear the screen or recolour a verdict. With `keep_newlines` false, newlines are escaped too
// (for text that must stay on one line).
std::string visible(std::string_view text, bool keep_newlines = true);

// Whether `text` is valid UTF-8 without control characters (C0, DEL, C1): a name a person typed
// that can be stored, shown and written to JSON as it is.
bool is_printable_utf8(std::string_view text);

// A bad value quoted in an error: at most `max` bytes of it, made visible, and its full size when
// cut ("'aaaa…' (104857600 bytes)"), so a 100 MB value never makes a 100 MB message.
std::string excerpt(std::string_view value, size_t max = 60);

// A message on one line for a terminal: made visible, newlines escaped, cut after `max` bytes.
std::string one_line(std::string_view text, size_t max);

// How many problems a message lists before "and N more".
inline constexpr size_t k_max_listed = 20;

// "and 4999980 more" when `total` exceeds `listed`, else "".
std::string and_more(size_t listed, size_t total);

// Display width of UTF-8 text (code points; the content uses no wide characters).
size_t display_width(std::string_view text);

// Word-wraps `text` to `width` columns: the first line prefixed with `indent`, the others with
// `hanging` (default: `indent`).
std::string wrap(std::string_view text, size_t width, std::string_view indent = "",
                 std::optional<std::string_view> hanging = std::nullopt);

} // namespace cloudtrack::util
