// nlohmann's parse errors as a person reads them.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace cloudtrack::util {

// "invalid JSON: parse error at line 1, column 2: ...": nlohmann's text without its
// "[json.exception.parse_error.101] " prefix, which means nothing to a user.
inline std::string invalid_json(const nlohmann::json::parse_error& error)
{
    const std::string what = error.what();
    const auto pos = what.find("] ");
    return "invalid JSON: " + what.substr(pos == std::string::npos ? 0 : pos + 2);
}

} // namespace cloudtrack::util
