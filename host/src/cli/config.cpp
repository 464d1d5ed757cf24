#include "cli/config.hpp"

#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"

#include <nlohmann/json.hpp>

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> path_setting(const nlohmann::json& config, const char* key, const fs::path& file)
{
    const auto it = config.find(key);
    if (it == config.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        throw util::Error(file.string() + ": /" + key + ": expected a path", util::ExitCode::bad_input);
    }
    return file.parent_path() / it->get<std::string>(); // an absolute path replaces the folder
}

} // namespace

ConfigFile parse_config(std::string_view text, const fs::path& file)
{
    auto parsed = util::parse_json(text);
    if (!parsed) {
        throw util::Error(file.string() + ": " + parsed.error(), util::ExitCode::bad_input);
    }
    const auto config = std::move(*parsed);
    if (!config.is_object()) {
        throw util::Error(file.string() + ": expected a JSON object", util::ExitCode::bad_input);
    }
    ConfigFile out{path_setting(config, "bundle", file), path_setting(config, "bundle_pubkey", file)};
    if (out.bundle_pubkey && !out.bundle) {
        throw util::Error(file.string() + ": /bundle_pubkey: set without \"bundle\"",
                          util::ExitCode::bad_input);
    }
    return out;
}

std::optional<BundleSetting> configured_bundle(const fs::path& data_dir,
                                               const std::optional<fs::path>& cli_bundle,
                                               const std::optional<fs::path>& cli_pubkey)
{
    std::optional<fs::path> bundle = cli_bundle;
    std::optional<fs::path> pubkey = cli_pubkey;
    const auto file = data_dir / "config.json";
    std::error_code ec;
    // A bundle named on the command line takes only a key named there too: the configured key
    // belongs to the configured bundle, and pairing it with another would be a silent surprise.
    if (!bundle && fs::exists(file, ec)) {
        const auto text = util::read_file(file, util::file_kind::config);
        if (!text) {
            throw util::Error(text.error(), util::ExitCode::bad_input);
        }
        const auto config = parse_config(*text, file);
        bundle = config.bundle;
        const auto& configured_key = config.bundle_pubkey;
        if (!pubkey) {
            pubkey = configured_key;
        }
    }
    if (!bundle) {
        if (cli_pubkey) {
            throw util::Error("--bundle-pubkey needs a bundle (--bundle DIR, or \"bundle\" in " +
                                  file.string() + ")",
                              util::ExitCode::usage);
        }
        return std::nullopt;
    }
    return BundleSetting{*bundle, pubkey};
}

} // namespace cloudtrack::host::cli
