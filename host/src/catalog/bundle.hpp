// An organization bundle: a folder with track plugins and `bundle.json` (`cloudtrack.bundle/1`),
// which names the organization, pins each plugin (file, SHA-256, track id and version), sets the
// policy (unlisted plugins refused or allowed; signature required or optional) and overlays per
// track (drop items, add items from a content file in the bundle, change level cut points, set the
// level expected per area, hide the track). docs/bundles.md is the user's reference; this file parses and
// checks the manifest.
#pragma once

#include "content/calibration.hpp"

#include "util/expected.hpp"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::catalog {

inline constexpr const char* k_bundle_schema = "cloudtrack.bundle/1";
inline constexpr const char* k_manifest_name = "bundle.json";
inline constexpr const char* k_signature_name = "bundle.json.minisig";

struct PluginPin {
    std::string file;    // a file name in the bundle folder, "devops.so"
    std::string sha256;  // lowercase hex of the file's bytes
    std::string id;      // the track id its document must declare
    std::string version; // the track version its document must declare
    size_t index = 0;    // its place in /plugins, for JSON pointers in messages
};

struct LevelCut {
    std::string level; // level id
    double min_theta = 0.0;
};

struct AreaTarget {
    std::string area;  // area id
    std::string level; // level id: what the organization expects its people to reach there
};

struct Overlay {
    std::string track{};                   // track id
    std::vector<std::string> drop_items{}; // item ids
    std::string add_items{};               // a content file relative to the bundle folder, or ""
    std::vector<LevelCut> levels{};        // in level id order
    bool hidden = false;
    std::vector<AreaTarget> targets{}; // in area id order
    std::string add_items_sha256{};    // the add_items file's pinned SHA-256 (bundle lock writes it)
    // A cloudtrack.calibration/1 document written inline, so the manifest's signature covers it.
    std::optional<content::Calibration> calibration{};
    std::optional<bool> allow_adaptive{}; // false: members take fixed forms only
    [[nodiscard]] bool changes_content() const
    {
        return !drop_items.empty() || !add_items.empty() || !levels.empty() || !targets.empty() ||
               calibration || allow_adaptive;
    }
};

struct Manifest {
    std::filesystem::path dir; // the bundle folder, absolute
    std::string organization;  // organization id, "acme": named in every message and layer
    std::string organization_name;
    bool refuse_unlisted = true;    // policy.unlisted: "refuse" (default) | "allow"
    bool signature_required = true; // policy.signature: "required" (default) | "optional"
    std::vector<PluginPin> plugins;
    std::vector<Overlay> overlays; // in track id order

    [[nodiscard]] std::filesystem::path file() const { return dir / k_manifest_name; }
    [[nodiscard]] const PluginPin* pin(const std::string& file_name) const;
    [[nodiscard]] const Overlay* overlay(const std::string& track_id) const;
};

// Parses and validates manifest text read from `dir`/bundle.json. The failure names the file and
// the JSON pointer of the first problem, "DIR/bundle.json: /plugins/0/sha256: expected ...",
// with "(and N more)" when there are several.
util::Expected<Manifest> parse_manifest(std::string_view text, const std::filesystem::path& dir);

// Reads and parses `dir`/bundle.json.
util::Expected<Manifest> read_manifest(const std::filesystem::path& dir);

// The text of a locked manifest: `existing` (the current bundle.json, or empty for a new bundle
// of `organization`) with its "plugins" replaced by `pins` and each overlay's "add_items_sha256"
// set from `item_files` (add_items path -> SHA-256); every other key is kept as written, in its
// order. Fails when `existing` is not a JSON object.
util::Expected<std::string> lock_manifest(std::string_view existing, const std::string& organization,
                                          const std::vector<PluginPin>& pins,
                                          const std::map<std::string, std::string>& item_files = {});

// The add_items paths an overlay of manifest text names, read leniently (for `bundle lock`,
// which must work on a manifest whose pins are stale).
std::vector<std::string> added_item_files(std::string_view manifest_text);

// True for a track or organization id (the pattern of ids in cloudtrack.track/1).
bool is_id(const std::string& text);

} // namespace cloudtrack::host::catalog
