// Wall-clock timestamps as stored and shown (ISO 8601 UTC, second precision), and calendar
// dates as YYYY-MM-DD.
#pragma once

#include <optional>
#include <string>

namespace cloudtrack::util {

std::string now_iso8601();
std::string today(); // YYYY-MM-DD, UTC

// A strict YYYY-MM-DD that is a real calendar date.
bool valid_date(const std::string& date);

// `date` plus `months` calendar months (negative to go back), ending at the month's last day when
// the day does not exist there ("2026-01-31" + 1 = "2026-02-28"); nullopt for an invalid date.
std::optional<std::string> add_months(const std::string& date, int months);

} // namespace cloudtrack::util
