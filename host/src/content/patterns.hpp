// The shapes of ids, versions and dates in a track document, as small character-class checks:
// validation runs them on every id of a 30,000-option track, where std::regex_match (a
// backtracking interpreter) was one of the two largest costs (issue 13). Each function states
// the pattern it accepts; the unit tests hold them to it at the edges.
#pragma once

#include <string_view>

namespace cloudtrack::content {

// ^[a-z0-9][a-z0-9_.-]{0,63}$: lowercase, 1 to 64 characters, starting with a letter or digit.
[[nodiscard]] bool is_id(std::string_view text) noexcept;

// ^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$: MAJOR.MINOR.PATCH with
// an optional pre-release, no leading zeros.
[[nodiscard]] bool is_semver(std::string_view text) noexcept;

// ^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$: YYYY-MM-DD as written (the day is not
// checked against the month, as before).
[[nodiscard]] bool is_date(std::string_view text) noexcept;

} // namespace cloudtrack::content
