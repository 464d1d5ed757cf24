// Wall-clock timestamps as stored and shown: ISO 8601 UTC, second precision.
#pragma once

#include <string>

namespace cloudtrack::util {

std::string now_iso8601();
std::string today(); // YYYY-MM-DD, UTC

} // namespace cloudtrack::util
