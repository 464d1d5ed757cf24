// Loading under a bundle: what the catalog checks before any plugin code runs.
//
//  1. bundle.json parses and validates                                    else exit 10
//  2. bundle.json.minisig verifies with the configured public key         else 11 (invalid),
//     (required when a key is configured or the policy requires it)            12 (missing), 13 (other key)
//  3. each pinned plugin's SHA-256, computed on the opened descriptor,    else the plugin is disabled, 14
//     matches; the ELF section is read and the library later loaded
//     through that same descriptor (/proc/self/fd/N)
//  4. a plugin the bundle does not list is disabled (policy "refuse")     15 when a command needs it
//  5. overlays are applied to the track documents and validated           else the plugin fails, 10
#pragma once

#include "catalog/bundle.hpp"
#include "catalog/minisign.hpp"
#include "catalog/overlay.hpp"
#include "catalog/plugin.hpp"
#include "util/error.hpp"

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::catalog {

// The open descriptor of a plugin file whose bytes matched its pin. The library is loaded
// through it, so the checked bytes are the loaded bytes even if the path is replaced meanwhile.
class PinnedFile {
public:
    explicit PinnedFile(int fd) noexcept : m_fd(fd) {}
    ~PinnedFile();
    PinnedFile(const PinnedFile&) = delete;
    PinnedFile& operator=(const PinnedFile&) = delete;
    PinnedFile(PinnedFile&&) = delete;
    PinnedFile& operator=(PinnedFile&&) = delete;
    [[nodiscard]] int fd() const noexcept { return m_fd; }
    // "/proc/self/fd/N": what dlopen is given.
    [[nodiscard]] std::filesystem::path proc_path() const;

private:
    int m_fd;
};

struct BundleProblem {
    util::ExitCode code;
    std::string message; // one line, naming the file at fault
};

// A bundle whose manifest parsed and whose signature checked out, ready for the catalog.
struct Bundle {
    Manifest manifest;
    std::string signed_by;                   // the verified key id, "" when unsigned or not checked
    std::map<std::string, AddedItems> added; // the add_items files, by track id
};

util::Expected<minisign::PublicKey> read_public_key(const std::filesystem::path& file);

// Step 2 for manifest bytes `manifest_text` of the bundle in `dir`. `key` may be null (no key
// configured); `policy_requires` is the manifest's policy (true when it is not known yet).
// On success, `signed_by` is set to the key id that verified it (or left empty).
std::optional<BundleProblem> check_signature(const std::filesystem::path& dir, std::string_view manifest_text,
                                             const minisign::PublicKey* key, bool policy_requires,
                                             std::string& signed_by);

// An overlay's add_items file, read and checked against its pin in the manifest: a problem with
// exit code bundle_manifest (unreadable, outside the folder, not items) or bundle_hash (changed).
std::optional<BundleProblem> read_pinned_items(const Manifest& manifest, const Overlay& overlay,
                                               std::optional<AddedItems>& out);

// Steps 1 and 2, and reading the overlays' item files. Throws util::Error with the bundle exit
// codes (or bad_input for an unreadable public key file).
std::shared_ptr<const Bundle> open_bundle(const std::filesystem::path& folder,
                                          const std::optional<std::filesystem::path>& public_key_file);

// Step 3 for the file `pin` names: opened without following links, hashed, its document read
// from that descriptor and checked against the pin. Usable (with `pinned` set) only when all
// holds; otherwise disabled or failed with the reason and `refusal` (14 for the bytes, 10 for the
// id or version, `plugin` for a broken document). Shared by loading and `bundle verify`.
Plugin inspect_pinned(const Manifest& manifest, const std::filesystem::path& file, const PluginPin& pin);

// Steps 3 and 4 for one discovered file (the catalog's replacement for inspect_file()).
Plugin inspect_in_bundle(const Bundle& bundle, const std::filesystem::path& file);

// After discovery: pinned files that are missing become failed entries, overlays are applied,
// hidden tracks are disabled, and every plugin records which layer set what.
void apply_bundle(const Bundle& bundle, std::vector<Plugin>& plugins);

// `cloudtrack bundle verify`: every check above over the bundle folder itself, without loading
// anything; one problem per finding. `key` may be null when the policy makes the signature optional.
struct VerifyReport {
    std::vector<BundleProblem> problems;
    size_t plugins = 0;       // pinned plugins checked
    std::string signed_by;    // key id that verified the signature
    std::string organization; // "Acme Corp (acme)", or the id alone without a name
};
VerifyReport verify_bundle(const std::filesystem::path& folder, const minisign::PublicKey* key);

} // namespace cloudtrack::host::catalog
