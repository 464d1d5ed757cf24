// Portfolio evidence: run_probes() asks a track's plugin to verify each checklist item that names
// an evidence probe, over a project directory seen through ConfinedFiles.
#pragma once

#include "career/confined_files.hpp"
#include "catalog/catalog.hpp"
#include "content/model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::career {

enum class ProbeStatus {
    verified,     // the probe found the evidence
    not_verified, // the probe ran and did not find it (or found what must not be there)
    unchecked     // the probe could not run: the plugin, the probe or its output failed
};

const char* to_string(ProbeStatus status);

struct ProbeEvidence {
    std::string path;
    int line = 0;
    std::string text;
};

// The verdict on one checklist item.
struct ProbeOutcome {
    std::string item_id;
    std::string probe_id;
    ProbeStatus status = ProbeStatus::unchecked;
    std::vector<ProbeEvidence> evidence;
    std::string note; // what the probe looked for, or why the item is unchecked
};

// {"item": ..., "probe": ..., "status": "verified"|"not_verified"|"unchecked", "evidence":
//  [{"path", "line", "text"}], "note": ...}
nlohmann::json to_json(const ProbeOutcome& outcome);

// A probe's OK output, checked against the ABI's shape:
//   {"verified": bool, "evidence": [{"path": str, "line": int, "text": str}], "note": str}
// Returns the outcome with status and evidence filled in (item and probe ids left empty), or why
// the output does not fit. Evidence beyond 100 entries is dropped, long texts are cut.
util::Expected<ProbeOutcome> parse_probe_output(std::string_view output);

// Runs the probe of every checklist item of `project` that names one, over `dir`, through the
// plugin of `track` (loaded and initialized on first use). One outcome per such item, in
// checklist order; items without a probe are left out, and each probe id runs once.
//
// Never throws for a plugin's failure: a plugin that cannot load or offers no probes marks all
// items unchecked with its reason; a probe that fails, is unknown to the plugin or returns
// output of the wrong shape marks its own items unchecked. Throws util::Error (bad_input) when
// `dir` cannot be opened as a directory.
std::vector<ProbeOutcome> run_probes(catalog::Catalog& catalog, const content::Track& track,
                                     const content::Project& project, const std::filesystem::path& dir);

} // namespace cloudtrack::host::career
