#include "util/clock.hpp"

#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <ctime>
#include <string_view>

namespace cloudtrack::util {

namespace {
std::tm utc_now()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    return utc;
}
} // namespace

std::string now_iso8601()
{
    const auto utc = utc_now();
    std::array<char, 32> buffer{};
    const auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return {buffer.data(), length};
}

std::string today()
{
    const auto utc = utc_now();
    std::array<char, 16> buffer{};
    const auto length = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%d", &utc);
    return {buffer.data(), length};
}

namespace {

// "YYYY-MM-DD", digits exactly where they belong, and a real calendar date.
std::optional<std::chrono::year_month_day> parse_date(std::string_view date)
{
    if (date.size() != 10 || date[4] != '-' || date[7] != '-') {
        return std::nullopt;
    }
    const auto number = [&](size_t at, size_t length) -> std::optional<unsigned> {
        unsigned value = 0;
        const auto* first = date.data() + at;
        const auto* last = first + length;
        const auto [end, error] = std::from_chars(first, last, value);
        return error == std::errc() && end == last && std::isdigit(static_cast<unsigned char>(*first)) != 0
                   ? std::optional<unsigned>(value)
                   : std::nullopt;
    };
    const auto y = number(0, 4);
    const auto m = number(5, 2);
    const auto d = number(8, 2);
    if (!y || !m || !d) {
        return std::nullopt;
    }
    const std::chrono::year_month_day ymd{std::chrono::year{static_cast<int>(*y)}, std::chrono::month{*m},
                                          std::chrono::day{*d}};
    return ymd.ok() ? std::optional(ymd) : std::nullopt;
}

std::string padded(unsigned value, size_t width)
{
    auto text = std::to_string(value);
    return std::string(text.size() < width ? width - text.size() : 0, '0') + text;
}

} // namespace

bool valid_date(const std::string& date)
{
    return parse_date(date).has_value();
}

std::optional<std::string> add_months(const std::string& date, int months)
{
    auto ymd = parse_date(date);
    if (!ymd) {
        return std::nullopt;
    }
    using namespace std::chrono;
    *ymd += std::chrono::months{months};
    if (!ymd->ok()) {
        *ymd = ymd->year() / ymd->month() / last;
    }
    return padded(static_cast<unsigned>(static_cast<int>(ymd->year())), 4) + "-" +
           padded(static_cast<unsigned>(ymd->month()), 2) + "-" +
           padded(static_cast<unsigned>(ymd->day()), 2);
}

} // namespace cloudtrack::util
