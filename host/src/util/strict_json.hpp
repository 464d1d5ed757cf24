// JSON parsing for documents a user hands over, where "the last duplicate key wins" would let
// two readers see two different documents: duplicate keys and deep nesting are refused.
#pragma once

#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <string_view>

namespace cloudtrack::util {

// Fails with "invalid JSON: ..." (syntax), "<pointer>: duplicate key 'k'", or "<pointer>: nested
// deeper than N levels".
Expected<nlohmann::json> parse_strict(std::string_view text, size_t max_depth = 64);

} // namespace cloudtrack::util
