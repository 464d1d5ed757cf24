// `cloudtrack bundle verify`: the checks of loading under a bundle, made over the bundle folder
// alone and reported one per finding, without running any plugin code.
#include "catalog/bundle_load.hpp"
#include "catalog/catalog.hpp"
#include "util/file.hpp"

#include <algorithm>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

using util::ExitCode;

namespace {

// The checks loading makes on a pinned file; a refusal goes to `report` with its exit code.
std::optional<Plugin> check_pin(const Manifest& manifest, const PluginPin& pin, VerifyReport& report)
{
    auto plugin = inspect_pinned(manifest, manifest.dir / pin.file, pin);
    if (!plugin.usable()) {
        report.problems.push_back({plugin.refusal, plugin.path.string() + ": " + plugin.reason});
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
    const auto text = util::read_file(dir / k_manifest_name, util::file_kind::manifest);
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
