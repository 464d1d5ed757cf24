#include "util/clock.hpp"

#include <array>
#include <ctime>

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

} // namespace cloudtrack::util
