// `cloudtrack bundle verify`: the checks of loading under a bundle, made over the bundle folder
// alone and reported one per finding, without running any plugin code.
#include "catalog/bundle_load.hpp"
#include "catalog/catalog.hpp"
#include "util/file.hpp"
#include "util/sha256.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

using util::ExitCode;

namespace {

// Hash, then read the document from the same descriptor; problems go to `report`.
std::optional<Plugin> check_pin(const Manifest& manifest, const PluginPin& pin, VerifyReport& report)
{
    const auto file = manifest.dir / pin.file;
    const auto where = " (" + manifest.file().string() + " /plugins/" + std::to_string(pin.index) + ")";
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        report.problems.push_back(
            {ExitCode::bundle_hash, file.string() + ": cannot open: " + std::strerror(errno) + where});
        return std::nullopt;
    }
    const auto sha256 = util::sha256_hex_of_fd(fd);
    auto plugin = inspect_open_file(file, fd);
    ::close(fd);
    if (!sha256) {
        report.problems.push_back(
            {ExitCode::bundle_hash, file.string() + ": cannot hash: " + sha256.error()});
        return std::nullopt;
    }
    if (*sha256 != pin.sha256) {
        report.problems.push_back({ExitCode::bundle_hash, file.string() + ": SHA-256 is " + *sha256 +
                                                              ", pinned " + pin.sha256 + where});
        return std::nullopt;
    }
    if (plugin.state != State::validated) {
        report.problems.push_back({ExitCode::plugin, file.string() + ": " + plugin.reason});
        return std::nullopt;
    }
    const auto& info = plugin.track->info;
    if (info.id != pin.id || info.version != pin.version) {
        report.problems.push_back({ExitCode::bundle_manifest, file.string() + ": holds " + info.id + " " +
                                                                  info.version + ", listed as " + pin.id +
                                                                  " " + pin.version + where});
        return std::nullopt;
    }
    return plugin;
}

// Plugin files in the bundle folder that the manifest does not pin, in name order.
void report_unlisted(const Manifest& manifest, VerifyReport& report)
{
    std::error_code ec;
    std::vector<fs::path> unlisted;
    for (const auto& entry : fs::directory_iterator(manifest.dir, ec)) {
        if (entry.path().extension() == ".so" && manifest.pin(entry.path().filename().string()) == nullptr) {
            unlisted.push_back(entry.path());
        }
    }
    std::sort(unlisted.begin(), unlisted.end());
    for (const auto& file : unlisted) {
        report.problems.push_back(
            {ExitCode::bundle_unlisted,
             file.string() + ": not listed in " + k_manifest_name +
                 " (its policy refuses unlisted plugins: run 'cloudtrack bundle lock')"});
    }
}

} // namespace

VerifyReport verify_bundle(const fs::path& folder, const minisign::PublicKey* key)
{
    VerifyReport report;
    const auto dir = fs::absolute(folder).lexically_normal();
    const auto text = util::read_file(dir / k_manifest_name);
    if (!text) {
        report.problems.push_back({ExitCode::bundle_manifest, text.error()});
        return report;
    }
    const auto manifest = parse_manifest(*text, dir);
    if (key != nullptr || manifest) {
        if (auto problem = check_signature(dir, *text, key, !manifest || manifest->signature_required,
                                           report.signed_by)) {
            report.problems.push_back(std::move(*problem));
        }
    }
    if (!manifest) {
        report.problems.push_back({ExitCode::bundle_manifest, manifest.error()});
        return report;
    }
    report.organization = manifest->organization_name.empty()
                              ? manifest->organization
                              : manifest->organization_name + " (" + manifest->organization + ")";
    std::map<std::string, Plugin> documents; // by track id, for the overlays
    for (const auto& pin : manifest->plugins) {
        ++report.plugins;
        if (auto plugin = check_pin(*manifest, pin, report)) {
            documents.emplace(pin.id, std::move(*plugin));
        }
    }
    if (manifest->refuse_unlisted) {
        report_unlisted(*manifest, report);
    }
    for (const auto& overlay : manifest->overlays) {
        // Under "refuse" only pinned tracks can be used, so an overlay of any other is a mistake
        // (a misspelt track id, a plugin left out) that would otherwise go unnoticed.
        if (manifest->refuse_unlisted &&
            std::none_of(manifest->plugins.begin(), manifest->plugins.end(),
                         [&](const PluginPin& pin) { return pin.id == overlay.track; })) {
            report.problems.push_back(
                {ExitCode::bundle_manifest, manifest->file().string() + ": /overlays/" + overlay.track +
                                                ": no pinned plugin provides track '" + overlay.track +
                                                "', and the policy refuses unlisted plugins"});
            continue;
        }
        std::optional<AddedItems> added;
        if (auto problem = read_pinned_items(*manifest, overlay, added)) {
            report.problems.push_back(std::move(*problem));
            continue;
        }
        // An overlay for a track the bundle does not pin can only be checked where it is loaded.
        const auto it = documents.find(overlay.track);
        if (it == documents.end() || !overlay.changes_content()) {
            continue;
        }
        if (auto overlaid = apply_overlay(it->second.document, overlay, added ? &*added : nullptr, *manifest);
            !overlaid) {
            report.problems.push_back({ExitCode::bundle_manifest, overlaid.error()});
        }
    }
    return report;
}

} // namespace cloudtrack::host::catalog
