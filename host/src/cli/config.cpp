#include "cli/config.hpp"

#include "store/pg_conn.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/term.hpp"

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

// A PostgreSQL URI is kept as written (libpq must parse it); anything else is a SQLite file.
std::optional<std::string> store_setting(const nlohmann::json& config, const fs::path& file)
{
    const auto it = config.find("store");
    if (it == config.end() || it->is_null()) {
        return std::nullopt;
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty() ||
        !util::is_printable_utf8(it->get_ref<const std::string&>())) {
        throw util::Error(file.string() + ": /store: expected a PostgreSQL URI (postgresql://...) or a file",
                          util::ExitCode::bad_input);
    }
    const auto& value = it->get_ref<const std::string&>();
    if (!store::detail::is_postgres_uri(value)) {
        return (file.parent_path() / value).string();
    }
    if (auto problem = store::detail::uri_problem(value); !problem.empty()) {
        throw util::Error(file.string() + ": /store: " + problem, util::ExitCode::bad_input);
    }
    return value;
}

// config.json of the data folder, parsed, or nothing when there is none.
std::optional<ConfigFile> read_config(const fs::path& data_dir)
{
    const auto file = data_dir / "config.json";
    std::error_code ec;
    if (!fs::exists(file, ec)) {
        return std::nullopt;
    }
    const auto text = util::read_file(file, util::file_kind::config);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::bad_input);
    }
    return parse_config(*text, file);
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
    ConfigFile out{path_setting(config, "bundle", file), path_setting(config, "bundle_pubkey", file),
                   store_setting(config, file)};
    if (out.bundle_pubkey && !out.bundle) {
        throw util::Error(file.string() + ": /bundle_pubkey: set without \"bundle\"",
                          util::ExitCode::bad_input);
    }
    return out;
}

std::optional<std::string> configured_store(const fs::path& data_dir)
{
    const auto config = read_config(data_dir);
    return config ? config->store : std::nullopt;
}

std::optional<BundleSetting> configured_bundle(const fs::path& data_dir,
                                               const std::optional<fs::path>& cli_bundle,
                                               const std::optional<fs::path>& cli_pubkey)
{
    std::optional<fs::path> bundle = cli_bundle;
    std::optional<fs::path> pubkey = cli_pubkey;
    const auto file = data_dir / "config.json";
    // A bundle named on the command line takes only a key named there too: the configured key
    // belongs to the configured bundle, and pairing it with another would be a silent surprise.
    if (!bundle) {
        if (const auto config = read_config(data_dir)) {
            bundle = config->bundle;
            if (!pubkey) {
                pubkey = config->bundle_pubkey;
            }
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
