// What every command shares: global options, the lazily built plugin catalog, the output stream.
#pragma once

#include "catalog/catalog.hpp"

#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::cli {

struct GlobalOptions {
    std::vector<std::filesystem::path> plugin_paths; // --plugin-path, repeatable
    std::optional<std::filesystem::path> data_dir;   // --data-dir
    std::string profile;                             // --profile
    std::string log_level = "warn";
    bool help = false;
    std::optional<std::filesystem::path> bundle;        // --bundle, else "bundle" in config.json
    std::optional<std::filesystem::path> bundle_pubkey; // --bundle-pubkey, else "bundle_pubkey"
    std::optional<std::string> store;                   // --store URI|FILE, else "store" in config.json
};

class Context {
public:
    Context(GlobalOptions options, std::ostream& out);
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    Context(Context&&) = delete;
    Context& operator=(Context&&) = delete;

    [[nodiscard]] const GlobalOptions& options() const { return m_options; }
    [[nodiscard]] std::ostream& out() const { return m_out; }
    [[nodiscard]] bool color() const { return m_color; }

    // --data-dir, else CLOUDTRACK_HOME, else $XDG_DATA_HOME/cloudtrack, else ~/.local/share/cloudtrack.
    [[nodiscard]] std::filesystem::path data_dir() const;
    // The store results go to: --store, else "store" in config.json; empty for the SQLite file
    // in the data folder. A PostgreSQL URI or a SQLite file (store::open_store).
    [[nodiscard]] std::string store_spec() const;
    // --profile, else the login name.
    [[nodiscard]] std::string profile() const;
    [[nodiscard]] std::vector<std::filesystem::path> plugin_folders() const;
    // The catalog; under a bundle (--bundle or config.json), only what the bundle allows. Throws
    // util::Error with the bundle exit codes when the bundle itself is refused.
    catalog::Catalog& catalog();

private:
    GlobalOptions m_options;
    std::ostream& m_out;
    bool m_color;
    std::unique_ptr<catalog::Catalog> m_catalog;
};

} // namespace cloudtrack::host::cli
