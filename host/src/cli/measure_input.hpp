// What `simulate`, `calibrate` and `screen` read: the track (installed, by id, or a plugin file an
// author is working on), the tracks of a screen, and JSON files a user hands over, bounded and
// strictly parsed.
#pragma once

#include "util/file.hpp"

#include "assessment/simulation.hpp"
#include "cli/command.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::host::cli {

// Without --plugin the first positional names an installed track and is taken off `positionals`;
// with --plugin FILE the track comes from that file's embedded document (never running its code).
content::Track measured_track(Context& context, const CommandLine& cl, std::vector<std::string>& positionals,
                              const char* command);

// The installed tracks `ids` names, in that order; every usable track (in id order) when `ids` is
// empty. A track named twice is a usage error; an unknown one util::Error (exit code plugin).
std::vector<const content::Track*> screened_tracks(Context& context, const std::vector<std::string>& ids);

// --bank of `simulate` and `simulate --screener`: "track" (the default) or "synthetic"; anything
// else is a usage error naming it.
assessment::BankKind bank_option(const CommandLine& cl);

// The file's JSON, refused beyond the cap of its kind, with duplicate keys or deep nesting: util::Error
// (exit code bad_input) "FILE: reason".
nlohmann::json read_json_file(const std::string& file, util::FileKind kind);

} // namespace cloudtrack::host::cli
