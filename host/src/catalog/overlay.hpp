// A bundle's overlay applied to a track document, before the track model is built: items dropped,
// items added from a content file in the bundle, level cut points changed, the level expected per
// area set. The result is validated
// exactly like a plugin's own content, and problems are reported against the bundle file and
// JSON pointer that caused them. The overlaid document's bytes are what the track's SHA-256 is
// taken of, so results record the content that actually scored them.
#pragma once

#include "catalog/bundle.hpp"
#include "content/model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::catalog {

// The items of an overlay's `add_items` file: a JSON object (comments allowed, as in content
// files) whose only key is "items", a non-empty array of cloudtrack.track/1 items.
// NOLINTNEXTLINE(bugprone-exception-escape): a false positive on the implicit members of a json
struct AddedItems {
    std::string file;   // as named in messages: the absolute path
    std::string sha256; // of the file's bytes, to compare with the overlay's pin
    nlohmann::json items;
};

// The file must resolve inside the bundle folder: a symlink out of it is refused.
util::Expected<AddedItems> read_added_items(const std::filesystem::path& bundle_dir,
                                            const std::string& relative);

// The same from the file's bytes (`file` names it in messages); the fuzz target's entry point.
util::Expected<AddedItems> parse_added_items(std::string_view text, const std::string& file);

struct Overlaid {
    std::string document;            // the overlaid document's bytes
    content::Track track;            // built from them (its sha256 is theirs)
    std::vector<std::string> layers; // for `show --explain`, e.g. "items: 3 dropped, 2 added (bundle acme)"
};

// Applies `overlay` (with its `added` items, or nullptr) to `bytes`, a valid track document.
// Fails with one line: "<bundle.json or items file>: <JSON pointer>: <reason>".
util::Expected<Overlaid> apply_overlay(std::string_view bytes, const Overlay& overlay,
                                       const AddedItems* added, const Manifest& manifest);

} // namespace cloudtrack::host::catalog
