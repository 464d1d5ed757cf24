// The track author's lint behind `cloudtrack plugin validate`: every check the host makes before
// using a plugin, and the checks an author needs that the host does not: only the entry symbol
// exported, answer keys that make sense for their item type, explanations and references worth
// reading, no duplicate stems, no cues a test-wise guesser could score on (content/cue_stats.hpp),
// certification facts checked within the last 12 months.
//
// Errors are defects (the host would refuse the plugin, or an item scores wrongly); warnings are
// content a reviewer would send back. Checks on content run only on a valid document.
#pragma once

#include "content/model.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::catalog {

enum class Severity { error, warning };

const char* to_string(Severity severity); // "error", "warning"

struct Finding {
    Severity severity = Severity::error;
    std::string message; // one line: "<JSON pointer>: <what>" for content, "<stage>: <reason>" for code
};

// Ladder facts older than this many months before today are stale.
inline constexpr int k_stale_after_months = 12;
// A stale rung is not reported when its notes contain this phrase (any case), saying what could
// not be re-checked: "exam code not re-checked: the issuer's page was unreachable".
inline constexpr const char* k_not_rechecked = "not re-checked";
bool says_not_rechecked(std::string_view notes);
// An explanation shorter than this (in characters) cannot say why the key is right.
inline constexpr size_t k_min_explanation_chars = 20;

// The content checks over a valid track. `today` is "YYYY-MM-DD" (util::today() in the command).
std::vector<Finding> lint_track(const content::Track& track, const std::string& today);

// One error per symbol the library exports besides cloudtrack_plugin_entry_v1 (at most
// `limit`, then one line counting the rest).
std::vector<Finding> lint_exports(const std::filesystem::path& file, size_t limit = 10);

// What the build recorded in the document: an error when its ABI is one this host cannot run (it
// would fail at `resolved`); warnings when it was built before the ABI was recorded, or names
// portfolio probes without a declaration of the probes the code provides (`probes`).
std::vector<Finding> lint_build_records(const content::Track& track);

// Every check on one plugin file, in pipeline order: permissions, section, document, exports,
// content, then loading the library, checking its entry against the document and running init()
// and deinit() once. This runs the plugin's code: use it only on files you mean to load.
std::vector<Finding> lint_file(const std::filesystem::path& file, const std::string& today);

} // namespace cloudtrack::host::catalog
