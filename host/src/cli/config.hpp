// Settings from <data dir>/config.json that the command line can override. Documented in
// docs/bundles.md ("Using a bundle") and docs/organizations.md ("store"); unknown keys are left to
// other settings.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace cloudtrack::host::cli {

struct BundleSetting {
    std::filesystem::path dir;
    std::optional<std::filesystem::path> pubkey;
};

// The bundle to load under: --bundle DIR, else "bundle" in config.json. Its public key:
// --bundle-pubkey FILE, else, only for the configured bundle, "bundle_pubkey" (paths in
// config.json are relative to the data folder). Throws util::Error: bad_input for a malformed
// config.json or a "bundle_pubkey" without "bundle", usage for --bundle-pubkey without a bundle.
// "bundle" and "bundle_pubkey" of config.json's bytes, paths resolved against the file's folder;
// throws util::Error (bad_input) naming `file` and the JSON pointer.
// "store": a PostgreSQL URI as written, or a SQLite file resolved like the paths.
struct ConfigFile {
    std::optional<std::filesystem::path> bundle;
    std::optional<std::filesystem::path> bundle_pubkey;
    std::optional<std::string> store;
};
ConfigFile parse_config(std::string_view text, const std::filesystem::path& file);

// "store" of <data_dir>/config.json, if the file sets it. Throws util::Error (bad_input) naming
// the file and the JSON pointer.
std::optional<std::string> configured_store(const std::filesystem::path& data_dir);

std::optional<BundleSetting> configured_bundle(const std::filesystem::path& data_dir,
                                               const std::optional<std::filesystem::path>& cli_bundle,
                                               const std::optional<std::filesystem::path>& cli_pubkey);

} // namespace cloudtrack::host::cli
