#include "util/term.hpp"

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

} // namespace cloudtrack::util
