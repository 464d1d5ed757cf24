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

// The entries one after another, `separator` between them.
std::string join(const std::vector<std::string>& list, std::string_view separator = ", ");

// Display width of UTF-8 text (code points; the content uses no wide characters).
size_t display_width(std::string_view text);

// Word-wraps `text` to `width` columns: the first line prefixed with `indent`, the others with
// `hanging` (default: `indent`).
std::string wrap(std::string_view text, size_t width, std::string_view indent = "",
                 std::optional<std::string_view> hanging = std::nullopt);

} // namespace cloudtrack::util
