// cloudtrack bundle lock|sign|verify: an organization's bundle of pinned, signed plugins
// (docs/bundles.md). None of these runs plugin code: documents are read from the files' bytes.
#include "catalog/bundle_load.hpp"
#include "catalog/catalog.hpp"
#include "catalog/overlay.hpp"
#include "cli/commands.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/sha256.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ostream>

#include <fcntl.h>
#include <unistd.h>

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using util::ExitCode;

namespace {

fs::path bundle_dir(const CommandLine& cl, const char* command)
{
    if (!cl.has("bundle")) {
        throw util::Error(std::string("bundle ") + command + " needs a bundle folder", ExitCode::usage);
    }
    auto dir = fs::absolute(cl.text("bundle")).lexically_normal();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw util::Error(dir.string() + ": not a folder", ExitCode::bad_input);
    }
    return dir;
}

// The pin of one plugin file: hashed and read through one descriptor, never loaded.
catalog::PluginPin pin_of(const fs::path& file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        throw util::Error(file.string() + ": cannot open: " + std::strerror(errno), ExitCode::plugin);
    }
    const auto sha256 = util::sha256_hex_of_fd(fd);
    const auto plugin = catalog::inspect_open_file(file, fd);
    ::close(fd);
    if (!sha256) {
        throw util::Error(file.string() + ": cannot hash: " + sha256.error(), ExitCode::plugin);
    }
    if (!plugin.track) {
        throw util::Error(file.string() + ": " + plugin.reason, ExitCode::plugin);
    }
    return {file.filename().string(), *sha256, plugin.track->info.id, plugin.track->info.version, 0};
}

int lock(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack bundle lock DIR [--organization ID]",
                   "Writes DIR/bundle.json, or updates it, pinning every *.so in DIR: file name, SHA-256,\n"
                   "and the track id and version read from its embedded document (the plugin is never\n"
                   "run), and the SHA-256 of every overlay's add_items file. The organization, policy and\n"
                   "overlays of an existing bundle.json are kept. A signature of the previous bundle.json\n"
                   "no longer matches and is removed: sign again.");
    cl.add()("organization", po::value<std::string>(),
             "the organization's id (default for a new bundle: DIR's name)");
    cl.positional("bundle", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto dir = bundle_dir(cl, "lock");
    const auto manifest_file = dir / catalog::k_manifest_name;
    std::error_code ec;
    std::string existing;
    if (fs::exists(manifest_file, ec)) {
        auto text = util::read_file(manifest_file, util::file_kind::manifest);
        if (!text) {
            throw util::Error(text.error(), ExitCode::bundle_manifest);
        }
        existing = std::move(*text);
    }
    auto organization = cl.text("organization");
    if (existing.empty() && organization.empty()) {
        organization = dir.filename().string();
        if (!catalog::is_id(organization)) {
            throw util::Error("bundle lock: '" + organization +
                                  "' is not an organization id: give --organization ID",
                              ExitCode::usage);
        }
    }
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() == ".so") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    std::vector<std::string> out_items;
    std::vector<catalog::PluginPin> pins;
    for (const auto& file : files) {
        pins.push_back(pin_of(file));
        pins.back().index = pins.size() - 1;
    }
    // Overlays' item files are pinned too, so that the signature covers what they add.
    std::map<std::string, std::string> item_files;
    for (const auto& relative : catalog::added_item_files(existing)) {
        auto added = catalog::read_added_items(dir, relative);
        if (!added) {
            throw util::Error(added.error(), ExitCode::bundle_manifest);
        }
        item_files.emplace(relative, added->sha256);
        out_items.push_back(relative + "  sha256 " + added->sha256);
    }
    auto text = catalog::lock_manifest(existing, organization, pins, item_files);
    if (!text) {
        throw util::Error(manifest_file.string() + ": " + text.error(), ExitCode::bundle_manifest);
    }
    if (auto check = catalog::parse_manifest(*text, dir); !check) {
        throw util::Error("bundle lock: the locked manifest would be invalid: " + check.error(),
                          ExitCode::bundle_manifest);
    }
    auto& out = context.out();
    for (const auto& pin : pins) {
        out << pin.file << "  " << pin.id << ' ' << pin.version << "  sha256 " << pin.sha256 << '\n';
    }
    for (const auto& line : out_items) {
        out << line << '\n';
    }
    const auto count = util::count_of(pins.size(), "plugin");
    // Equal JSON is up to date even when formatted differently: rewriting would drop a valid
    // signature for nothing.
    const auto same_json = [&] {
        const auto old = util::parse_json(existing);
        return old && *old == nlohmann::json::parse(*text);
    };
    if (*text == existing || (!existing.empty() && same_json())) {
        out << manifest_file.string() << " is up to date (" << count << ")\n";
        return 0;
    }
    if (auto written = util::write_file_atomic(manifest_file, *text); !written) {
        throw util::Error(written.error(), ExitCode::bad_input);
    }
    out << "wrote " << manifest_file.string() << " (" << count << ")\n";
    const auto signature = dir / catalog::k_signature_name;
    if (fs::remove(signature, ec)) {
        out << "removed " << signature.string() << ", which signed the previous bundle.json: sign it again\n";
    }
    return 0;
}

int sign(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack bundle sign BUNDLE --key FILE [--trusted-comment TEXT]",
                   "Signs BUNDLE/bundle.json with a minisign secret key (from 'minisign -G'; an encrypted\n"
                   "key's password is read from CLOUDTRACK_KEY_PASSWORD) and writes\n"
                   "BUNDLE/bundle.json.minisig, which 'minisign -V' verifies as well. Refuses a bundle\n"
                   "whose plugins do not match their pins: run 'bundle lock' first.");
    cl.add()("key", po::value<std::string>(), "the minisign secret key file")(
        "trusted-comment", po::value<std::string>(), "the signed comment (default: timestamp and file name)");
    cl.positional("bundle", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto dir = bundle_dir(cl, "sign");
    if (!cl.has("key")) {
        throw util::Error("bundle sign needs --key FILE (a minisign secret key)", ExitCode::usage);
    }
    const fs::path key_file = cl.text("key");
    const auto key_text = util::read_file(key_file, util::file_kind::key);
    if (!key_text) {
        throw util::Error(key_text.error(), ExitCode::bad_input);
    }
    const char* password_env = std::getenv("CLOUDTRACK_KEY_PASSWORD");
    const std::string password = password_env != nullptr ? password_env : "";
    const auto key =
        catalog::minisign::parse_secret_key(*key_text, password_env != nullptr ? &password : nullptr);
    if (!key) {
        throw util::Error(key_file.string() + ": " + key.error(), ExitCode::bad_input);
    }
    const auto manifest_file = dir / catalog::k_manifest_name;
    const auto manifest_text = util::read_file(manifest_file, util::file_kind::manifest);
    if (!manifest_text) {
        throw util::Error(manifest_text.error(), ExitCode::bundle_manifest);
    }
    // Everything but the signature itself must already hold: a signature vouches for the pins.
    auto report = catalog::verify_bundle(dir, nullptr);
    std::erase_if(report.problems, [](const catalog::BundleProblem& p) {
        return p.code == ExitCode::bundle_signature || p.code == ExitCode::bundle_unsigned ||
               p.code == ExitCode::bundle_key;
    });
    if (!report.problems.empty()) {
        const auto& first = report.problems.front();
        throw util::Error("bundle sign: " + first.message +
                              (report.problems.size() > 1
                                   ? " (and " + std::to_string(report.problems.size() - 1) + " more)"
                                   : std::string()) +
                              "; not signed",
                          first.code);
    }
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    const auto comment = cl.text("trusted-comment", "timestamp:" + std::to_string(seconds) +
                                                        "\tfile:" + catalog::k_manifest_name + "\thashed");
    const auto key_id = catalog::minisign::to_string(key->key_id);
    const auto signature =
        catalog::minisign::sign(*key, *manifest_text, comment, "signature from cloudtrack, key " + key_id);
    const auto signature_file = dir / catalog::k_signature_name;
    if (auto written = util::write_file_atomic(signature_file, signature); !written) {
        throw util::Error(written.error(), ExitCode::bad_input);
    }
    context.out() << "signed " << manifest_file.string() << " with key " << key_id << ": "
                  << signature_file.string() << '\n';
    return 0;
}

int verify(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack bundle verify BUNDLE [--pubkey FILE]",
                   "Checks a bundle as loading it would, without running any plugin: bundle.json is valid,\n"
                   "its signature verifies with the public key FILE (needed unless the policy makes the\n"
                   "signature optional), every pinned plugin's SHA-256, id and version match, no unlisted\n"
                   "plugin sits in the folder, and the overlays give valid tracks. Prints one line per\n"
                   "problem, 'error: ...', or 'BUNDLE: ok'; exits 1 when there are problems.");
    cl.add()("pubkey", po::value<std::string>(), "the minisign public key file");
    cl.positional("bundle", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto dir = bundle_dir(cl, "verify");
    std::optional<catalog::minisign::PublicKey> key;
    if (cl.has("pubkey")) {
        auto read = catalog::read_public_key(cl.text("pubkey"));
        if (!read) {
            throw util::Error(read.error(), ExitCode::bad_input);
        }
        key = *read;
    } else if (auto manifest = catalog::read_manifest(dir); manifest && manifest->signature_required) {
        throw util::Error("bundle verify needs --pubkey FILE: the bundle's policy requires a signature",
                          ExitCode::usage);
    }
    const auto report = catalog::verify_bundle(dir, key ? &*key : nullptr);
    auto& out = context.out();
    for (const auto& problem : report.problems) {
        out << "error: " << problem.message << '\n';
    }
    if (!report.problems.empty()) {
        return static_cast<int>(ExitCode::problems_found);
    }
    out << dir.string() << ": ok (" << report.organization << ", " << util::count_of(report.plugins, "plugin")
        << " pinned, " << (report.signed_by.empty() ? "unsigned" : "signed with key " + report.signed_by)
        << ")\n";
    return 0;
}

} // namespace

int cmd_bundle(Context& context, const Args& args)
{
    const std::string usage = "cloudtrack bundle lock DIR | bundle sign BUNDLE --key FILE | "
                              "bundle verify BUNDLE [--pubkey FILE]";
    if (group_help(args, context,
                   "usage: " + usage + "\n\n" +
                       "  lock    pin every plugin in DIR in DIR/bundle.json (file, SHA-256, id, version)\n"
                       "  sign    sign bundle.json with a minisign secret key\n"
                       "  verify  check the signature, every pin and the overlays, one line per problem\n\n"
                       "Load only what a bundle allows with 'cloudtrack --bundle DIR --bundle-pubkey FILE "
                       "...'.\nSee docs/bundles.md.\n",
                   "bundle lock, sign or verify")) {
        return 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "lock") {
        return lock(context, rest);
    }
    if (args[0] == "sign") {
        return sign(context, rest);
    }
    if (args[0] == "verify") {
        return verify(context, rest);
    }
    throw util::Error("unknown bundle command '" + args[0] + "' (usage: " + usage + ")", ExitCode::usage);
}

} // namespace cloudtrack::host::cli
