#include "content/patterns.hpp"

#include <algorithm>

#include <cstddef>

namespace cloudtrack::content {

namespace {

constexpr bool digit(char c) noexcept
{
    return c >= '0' && c <= '9';
}
constexpr bool lower_or_digit(char c) noexcept
{
    return (c >= 'a' && c <= 'z') || digit(c);
}
constexpr bool alnum(char c) noexcept
{
    return lower_or_digit(c) || (c >= 'A' && c <= 'Z');
}

// One numeric part of a version, "0" or digits without a leading zero, starting at `at`; moves
// `at` past it, false when there is none.
bool version_number(std::string_view text, std::size_t& at) noexcept
{
    const auto start = at;
    while (at < text.size() && digit(text[at])) {
        ++at;
    }
    return at > start && (text[start] != '0' || at == start + 1);
}

// Two digits forming a number from `min` to `max`.
bool two_digits(std::string_view text, std::size_t at, int min, int max) noexcept
{
    if (!digit(text[at]) || !digit(text[at + 1])) {
        return false;
    }
    const int value = (text[at] - '0') * 10 + (text[at + 1] - '0');
    return value >= min && value <= max;
}

} // namespace

bool is_id(std::string_view text) noexcept
{
    if (text.empty() || text.size() > 64 || !lower_or_digit(text.front())) {
        return false;
    }
    const auto rest = text.substr(1);
    return std::all_of(rest.begin(), rest.end(),
                       [](char c) { return lower_or_digit(c) || c == '_' || c == '.' || c == '-'; });
}

bool is_semver(std::string_view text) noexcept
{
    std::size_t at = 0;
    for (int part = 0; part < 3; ++part) {
        if (part > 0) {
            if (at >= text.size() || text[at] != '.') {
                return false;
            }
            ++at;
        }
        if (!version_number(text, at)) {
            return false;
        }
    }
    if (at == text.size()) {
        return true;
    }
    if (text[at] != '-' || at + 1 == text.size()) {
        return false;
    }
    const auto rest = text.substr(at + 1);
    return std::all_of(rest.begin(), rest.end(), [](char c) { return alnum(c) || c == '.' || c == '-'; });
}

bool is_date(std::string_view text) noexcept
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    for (std::size_t i = 0; i < 4; ++i) {
        if (!digit(text[i])) {
            return false;
        }
    }
    return two_digits(text, 5, 1, 12) && two_digits(text, 8, 1, 31);
}

} // namespace cloudtrack::content
