#include "catalog/bundle_load.hpp"

#include "catalog/catalog.hpp"
#include "util/file.hpp"
#include "util/sha256.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

using util::ExitCode;

PinnedFile::~PinnedFile()
{
    ::close(m_fd);
}

fs::path PinnedFile::proc_path() const
{
    return fs::path("/proc/self/fd") / std::to_string(m_fd);
}

util::Expected<minisign::PublicKey> read_public_key(const fs::path& file)
{
    // The key decides which signatures are trusted: like OpenSSH with its keys, refuse one that
    // someone other than root or the user could have replaced.
    auto opened = util::open_regular(file, util::file_kind::key);
    if (!opened) {
        return util::fail(opened.error());
    }
    const auto& info = opened->info;
    if (info.st_uid != 0 && info.st_uid != ::getuid()) {
        return util::fail(file.string() + ": refused: owned by uid " + std::to_string(info.st_uid) +
                          ", neither root nor you");
    }
    if ((info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return util::fail(file.string() + ": refused: writable by group or others");
    }
    const auto text = util::read_open_file(opened->fd.get(), file, util::file_kind::key);
    if (!text) {
        return util::fail(text.error());
    }
    auto key = minisign::parse_public_key(*text);
    if (!key) {
        return util::fail(file.string() + ": " + key.error());
    }
    return key;
}

std::optional<BundleProblem> check_signature(const fs::path& dir, std::string_view manifest_text,
                                             const minisign::PublicKey* key, bool policy_requires,
                                             std::string& signed_by)
{
    const auto file = dir / k_signature_name;
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        if (key == nullptr && !policy_requires) {
            return std::nullopt;
        }
        return BundleProblem{ExitCode::bundle_unsigned,
                             file.string() + ": missing: the bundle is not signed, and " +
                                 (key != nullptr ? "a public key is configured to check it"
                                                 : "its policy requires a signature")};
    }
    if (key == nullptr) {
        if (!policy_requires) {
            spdlog::debug("{}: not checked: no public key is configured", file.string());
            return std::nullopt;
        }
        return BundleProblem{ExitCode::bundle_key,
                             file.string() + ": no public key is configured to check the signature "
                                             "(--bundle-pubkey FILE, or \"bundle_pubkey\" in config.json)"};
    }
    const auto text = util::read_file(file, util::file_kind::signature);
    if (!text) {
        return BundleProblem{ExitCode::bundle_signature, text.error()};
    }
    const auto signature = minisign::parse_signature(*text);
    if (!signature) {
        return BundleProblem{ExitCode::bundle_signature, file.string() + ": " + signature.error()};
    }
    switch (minisign::verify(*key, *signature, manifest_text)) {
    case minisign::Verdict::ok: signed_by = minisign::to_string(key->key_id); return std::nullopt;
    case minisign::Verdict::other_key:
        return BundleProblem{ExitCode::bundle_key,
                             file.string() + ": signed with key " + minisign::to_string(signature->key_id) +
                                 ", but the configured public key is " + minisign::to_string(key->key_id)};
    case minisign::Verdict::invalid:
        return BundleProblem{ExitCode::bundle_signature,
                             file.string() + ": the signature does not verify: " + k_manifest_name +
                                 " was changed after it was signed, or the signature is corrupt"};
    case minisign::Verdict::invalid_comment:
        return BundleProblem{ExitCode::bundle_signature,
                             file.string() + ": the trusted comment was changed after signing"};
    }
    return BundleProblem{ExitCode::bundle_signature, file.string() + ": unknown verdict"};
}

std::optional<BundleProblem> read_pinned_items(const Manifest& manifest, const Overlay& overlay,
                                               std::optional<AddedItems>& out)
{
    out.reset();
    if (overlay.add_items.empty()) {
        return std::nullopt;
    }
    auto read = read_added_items(manifest.dir, overlay.add_items);
    if (!read) {
        return BundleProblem{ExitCode::bundle_manifest, read.error()};
    }
    if (read->sha256 != overlay.add_items_sha256) {
        return BundleProblem{ExitCode::bundle_hash, read->file + ": refused: its SHA-256 is " + read->sha256 +
                                                        ", but bundle " + manifest.organization + " pins " +
                                                        overlay.add_items_sha256 + " (" +
                                                        manifest.file().string() + " /overlays/" +
                                                        overlay.track + "/add_items_sha256)"};
    }
    out = std::move(*read);
    return std::nullopt;
}

std::shared_ptr<const Bundle> open_bundle(const fs::path& folder,
                                          const std::optional<fs::path>& public_key_file)
{
    const auto dir = fs::absolute(folder).lexically_normal();
    std::optional<minisign::PublicKey> key;
    if (public_key_file) {
        auto read = read_public_key(*public_key_file);
        if (!read) {
            throw util::Error("bundle public key " + read.error(), ExitCode::bad_input);
        }
        key = *read;
    }
    const auto text = util::read_file(dir / k_manifest_name, util::file_kind::manifest);
    if (!text) {
        throw util::Error(text.error(), ExitCode::bundle_manifest);
    }
    auto bundle = std::make_shared<Bundle>();
    // With a key, the signature is checked before the manifest is even parsed; without one, the
    // manifest's policy says whether a signature is required.
    if (key) {
        if (auto problem = check_signature(dir, *text, &*key, true, bundle->signed_by)) {
            throw util::Error(problem->message, problem->code);
        }
    }
    auto manifest = parse_manifest(*text, dir);
    if (!manifest) {
        throw util::Error(manifest.error(), ExitCode::bundle_manifest);
    }
    bundle->manifest = std::move(*manifest);
    if (!key) {
        if (auto problem = check_signature(dir, *text, nullptr, bundle->manifest.signature_required,
                                           bundle->signed_by)) {
            throw util::Error(problem->message, problem->code);
        }
    }
    for (const auto& overlay : bundle->manifest.overlays) {
        std::optional<AddedItems> added;
        if (auto problem = read_pinned_items(bundle->manifest, overlay, added)) {
            throw util::Error(problem->message, problem->code);
        }
        if (added) {
            bundle->added.emplace(overlay.track, std::move(*added));
        }
    }
    spdlog::debug("bundle {} ({}): {} plugins, {}", bundle->manifest.organization, dir.string(),
                  bundle->manifest.plugins.size(),
                  bundle->signed_by.empty() ? std::string("unsigned") : "signed by key " + bundle->signed_by);
    return bundle;
}

namespace {

std::string pointer_of(const Manifest& manifest, const PluginPin& pin, const char* key)
{
    return manifest.file().string() + " /plugins/" + std::to_string(pin.index) + "/" + key;
}

} // namespace

namespace {

// The plugin's bytes copied into a sealed memfd, then hashed there. dlopen through
// /proc/self/fd of the file itself would reopen its inode, so a plugin rewritten in place after
// it was hashed would load with its new bytes; a sealed memfd can no longer change at all.
util::Expected<util::UniqueFd> sealed_copy(int source, const std::string& name)
{
    util::UniqueFd copy(
        ::memfd_create(("cloudtrack-pinned:" + name).c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING));
    if (!copy.valid()) {
        return util::fail(std::string("cannot create a sealed copy: ") + std::strerror(errno));
    }
    std::array<char, 1 << 16> buffer{};
    std::uint64_t total = 0;
    for (off_t offset = 0;;) {
        const auto n = ::pread(source, buffer.data(), buffer.size(), offset);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return util::fail(std::string("read error: ") + std::strerror(errno));
        }
        if (n == 0) {
            break;
        }
        total += static_cast<std::uint64_t>(n);
        if (total > util::file_kind::plugin.max_bytes) {
            return util::fail("grew past the " + util::size_text(util::file_kind::plugin.max_bytes) +
                              " limit for a plugin while it was read");
        }
        for (ssize_t written = 0; written < n;) {
            const auto w = ::write(copy.get(), buffer.data() + written, static_cast<size_t>(n - written));
            if (w < 0 && errno != EINTR) {
                return util::fail(std::string("cannot write the sealed copy: ") + std::strerror(errno));
            }
            written += w < 0 ? 0 : w;
        }
        offset += n;
    }
    if (::fcntl(copy.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0) {
        return util::fail(std::string("cannot seal the copy: ") + std::strerror(errno));
    }
    return copy;
}

Plugin refused_pin(const Manifest& manifest, const fs::path& file, const PluginPin& pin,
                   const std::string& why)
{
    Plugin plugin;
    plugin.path = file;
    plugin.state = State::disabled;
    plugin.refusal = ExitCode::bundle_hash;
    plugin.reason = "refused: cannot use the file bundle " + manifest.organization + " pins: " + why + " (" +
                    pointer_of(manifest, pin, "file") + ")";
    plugin.pinned_id = pin.id;
    return plugin;
}

} // namespace

Plugin inspect_pinned(const Manifest& manifest, const fs::path& file, const PluginPin& pin)
{
    // A symlink, a FIFO or an unreadable file in place of a pinned plugin cannot be the pinned bytes.
    const auto opened = open_plugin(file);
    if (!opened) {
        return refused_pin(manifest, file, pin, opened.error());
    }
    auto copy = sealed_copy(opened->fd.get(), file.filename().string());
    if (!copy) {
        return refused_pin(manifest, file, pin, copy.error());
    }
    auto pinned = std::make_shared<const PinnedFile>(copy->release());
    // Hashed after sealing: the bytes hashed are the bytes that will be loaded.
    const auto sha256 = util::sha256_hex_of_fd(pinned->fd());
    auto plugin = read_plugin(file, pinned->fd());
    if (!sha256 || *sha256 != pin.sha256) {
        plugin.state = State::disabled;
        plugin.refusal = ExitCode::bundle_hash;
        plugin.reason = sha256
                            ? "refused: its SHA-256 is " + *sha256 + ", but bundle " + manifest.organization +
                                  " pins " + pin.sha256 + " (" + pointer_of(manifest, pin, "sha256") + ")"
                            : "refused: cannot hash it: " + sha256.error();
    } else if (plugin.state == State::validated &&
               (plugin.track->info.id != pin.id || plugin.track->info.version != pin.version)) {
        plugin.state = State::disabled;
        plugin.refusal = ExitCode::bundle_manifest;
        plugin.reason = "refused: it holds " + plugin.track->info.id + " " + plugin.track->info.version +
                        ", but bundle " + manifest.organization + " lists it as " + pin.id + " " +
                        pin.version + " (" +
                        pointer_of(manifest, pin, plugin.track->info.id != pin.id ? "id" : "version") + ")";
    } else if (plugin.state == State::validated) {
        plugin.pinned = std::move(pinned);
    }
    plugin.pinned_id = pin.id;
    return plugin;
}

Plugin inspect_in_bundle(const Bundle& bundle, const fs::path& file)
{
    const auto& manifest = bundle.manifest;
    std::error_code ec;
    if (fs::equivalent(file.parent_path(), manifest.dir, ec)) {
        if (const auto* pin = manifest.pin(file.filename().string())) {
            auto plugin = inspect_pinned(manifest, file, *pin);
            if (plugin.pinned) {
                plugin.layers.push_back(
                    "plugin: " + file.string() + ", pinned by bundle " + manifest.organization +
                    " (SHA-256 checked on the descriptor it is loaded from" +
                    (bundle.signed_by.empty() ? std::string(")")
                                              : "; bundle.json signed by key " + bundle.signed_by + ")"));
            }
            return plugin;
        }
    }
    // Reading the document runs no code, and tells which track a refused plugin would provide.
    auto plugin = inspect_file(file);
    if (manifest.refuse_unlisted) {
        plugin.state = State::disabled;
        plugin.refusal = ExitCode::bundle_unlisted;
        plugin.reason = "refused: not listed in bundle " + manifest.organization + " (" +
                        manifest.file().string() + "; its policy refuses unlisted plugins)";
    } else if (plugin.state == State::validated) {
        plugin.layers.push_back("plugin: " + file.string() + ", not listed in bundle " +
                                manifest.organization + " (its policy allows unlisted plugins)");
    }
    return plugin;
}

void apply_bundle(const Bundle& bundle, std::vector<Plugin>& plugins)
{
    const auto& manifest = bundle.manifest;
    for (const auto& pin : manifest.plugins) {
        const auto path = manifest.dir / pin.file;
        if (std::none_of(plugins.begin(), plugins.end(), [&](const Plugin& p) { return p.path == path; })) {
            Plugin missing;
            missing.path = path;
            missing.fail(State::discovered, "listed in bundle " + manifest.organization + " (" +
                                                pointer_of(manifest, pin, "file") + ") but missing");
            missing.refusal = ExitCode::bundle_hash;
            missing.pinned_id = pin.id;
            plugins.push_back(std::move(missing));
        }
    }
    // A track the bundle pins is served by its pinned file or not at all: a copy found elsewhere
    // in the search path (the built-in one, say) never stands in, whatever the policy for
    // unlisted plugins (docs/bundles.md).
    for (const auto& pin : manifest.plugins) {
        const bool pinned_usable = std::any_of(plugins.begin(), plugins.end(), [&](const Plugin& p) {
            return p.pinned_id == pin.id && p.usable();
        });
        if (pinned_usable) {
            continue;
        }
        for (auto& plugin : plugins) {
            if (plugin.pinned_id.empty() && plugin.usable() && plugin.info()->id == pin.id) {
                plugin.state = State::disabled;
                plugin.refusal = ExitCode::bundle_hash;
                plugin.reason = "refused: bundle " + manifest.organization + " pins track '" + pin.id +
                                "' to " + (manifest.dir / pin.file).string() +
                                ", which is unusable; no other copy is used in its place (" +
                                pointer_of(manifest, pin, "file") + ")";
            }
        }
    }
    for (auto& plugin : plugins) {
        const auto* overlay =
            plugin.state == State::validated ? manifest.overlay(plugin.track->info.id) : nullptr;
        if (overlay == nullptr) {
            continue;
        }
        if (overlay->hidden) {
            plugin.state = State::disabled;
            plugin.reason = "hidden by bundle " + manifest.organization + " (" + manifest.file().string() +
                            " /overlays/" + overlay->track + "/hidden)";
            continue;
        }
        if (!overlay->changes_content()) {
            continue;
        }
        const auto added = bundle.added.find(overlay->track);
        auto overlaid = apply_overlay(plugin.document, *overlay,
                                      added == bundle.added.end() ? nullptr : &added->second, manifest);
        if (!overlaid) {
            plugin.fail(State::validated, "bundle overlay: " + overlaid.error());
            plugin.refusal = ExitCode::bundle_manifest;
            continue;
        }
        const auto embedded = plugin.track->sha256;
        plugin.document = std::move(overlaid->document);
        plugin.track = std::move(overlaid->track);
        plugin.layers.insert(plugin.layers.end(), overlaid->layers.begin(), overlaid->layers.end());
        plugin.layers.push_back("content: overlaid by bundle " + manifest.organization +
                                " (the plugin's own document has sha256 " + embedded + ")");
    }
}

} // namespace cloudtrack::host::catalog
