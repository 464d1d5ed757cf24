// A track document's summary (the `track` object and the recorded `abi`) read from its bytes
// without parsing the rest: enough to see that a plugin repeats a track id already provided, so
// the catalog refuses it without validating or keeping its document (issue 13: 1,000 plugin
// files, most of them copies, listed within 2x of reading the files).
//
// Not a validation: a summary is returned only when every field it holds already meets the rules
// validate() applies to it (an id, a semantic version, non-empty text that is valid UTF-8 without
// control characters, an ABI of two numbers up to 65535) and the track object holds nothing else;
// anything unusual there (escapes other than \" \\ \/ \n \t, repeated or unknown keys) gives
// nullopt, and the caller validates the document in full. The rest of the document is skipped by
// its brackets and quotes, not checked: a copy of a track already provided is refused whatever
// else it holds.
#pragma once

#include "content/model.hpp"

#include <optional>
#include <string_view>

namespace cloudtrack::content {

[[nodiscard]] std::optional<TrackInfo> peek_info(std::string_view document);

} // namespace cloudtrack::content
