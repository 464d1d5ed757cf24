#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstdlib>
#include <sstream>

#include <unistd.h>

namespace cloudtrack::util {

bool color_enabled(int fd)
{
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && *no_color != '\0') {
        return false;
    }
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") {
        return false;
    }
    return ::isatty(fd) == 1;
}

std::string paint(std::string_view text, std::string_view code, bool on)
{
    if (!on) {
        return std::string(text);
    }
    return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}

std::string count_of(size_t n, std::string_view noun)
{
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string number_text(double value)
{
    std::array<char, 32> buffer{};
    const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    return ec == std::errc() ? std::string(buffer.data(), end) : std::to_string(value);
}

std::string json_number_text(double value)
{
    return nlohmann::json(value).dump();
}

std::string join(const std::vector<std::string>& list, std::string_view separator)
{
    std::string out;
    for (const auto& entry : list) {
        if (!out.empty()) {
            out += separator;
        }
        out += entry;
    }
    return out;
}

size_t display_width(std::string_view text)
{
    size_t width = 0;
    for (const char c : text) {
        // Count every byte that does not continue a UTF-8 sequence.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
            ++width;
        }
    }
    return width;
}

std::string wrap(std::string_view text, size_t width, std::string_view indent,
                 std::optional<std::string_view> hanging)
{
    const auto rest = hanging.value_or(indent);
    std::ostringstream out;
    std::istringstream words{std::string(text)};
    std::string word;
    size_t column = 0;
    bool first = true;
    while (words >> word) {
        const auto w = display_width(word);
        if (first) {
            out << indent << word;
            column = indent.size() + w;
            first = false;
        } else if (column + 1 + w > width) {
            out << '\n' << rest << word;
            column = rest.size() + w;
        } else {
            out << ' ' << word;
            column += 1 + w;
        }
    }
    return out.str();
}

namespace {

// The length of the valid UTF-8 sequence at text[i], or 0 when it is not one.
size_t utf8_length(std::string_view text, size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (n == 0 || i + n > text.size()) {
        return 0;
    }
    for (size_t k = 1; k < n; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) {
            return 0;
        }
    }
    return n;
}

void append_hex(std::string& out, unsigned char c)
{
    static constexpr std::string_view k_hex = "0123456789abcdef";
    out += k_hex[c >> 4];
    out += k_hex[c & 0xf];
}

void append_escape(std::string& out, unsigned char c)
{
    out += "\\x";
    append_hex(out, c);
}

} // namespace

bool is_printable_utf8(std::string_view text)
{
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto n = utf8_length(text, i);
        if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7f)) ||
            (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f)) {
            return false;
        }
        i += n;
    }
    return true;
}

std::string visible(std::string_view text, bool keep_newlines)
{
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        const auto n = utf8_length(text, i);
        if (n == 0) {
            append_escape(out, c);
            ++i;
        } else if (n == 1 && ((c < 0x20 && c != '\t' && (c != '\n' || !keep_newlines)) || c == 0x7f)) {
            append_escape(out, c);
            ++i;
        } else if (n == 2 && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            out += "\\u00"; // a C1 control such as CSI (U+009B), which works like ESC [
            append_hex(out, static_cast<unsigned char>(text[i + 1]));
            i += 2;
        } else {
            out.append(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

namespace {

// The largest length <= max that does not split a UTF-8 sequence.
size_t cut_point(std::string_view text, size_t max)
{
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) {
        --cut;
    }
    return cut;
}

} // namespace

std::string excerpt(std::string_view value, size_t max)
{
    if (value.size() <= max) {
        return "'" + visible(value, false) + "'";
    }
    return "'" + visible(value.substr(0, cut_point(value, max)), false) + "\u2026' (" +
           std::to_string(value.size()) + " bytes)";
}

std::string one_line(std::string_view text, size_t max)
{
    if (text.size() <= max) {
        return visible(text, false);
    }
    return visible(text.substr(0, cut_point(text, max)), false) + "\u2026 (" + std::to_string(text.size()) +
           " bytes in all)";
}

std::string and_more(size_t listed, size_t total)
{
    return total > listed ? "and " + std::to_string(total - listed) + " more" : std::string();
}

} // namespace cloudtrack::util
