// One plugin file and where it stands in the load pipeline:
// discovered → read → validated → resolved → loaded → initialized → ready,
// or failed at one of those stages with a reason, or disabled by a rule.
#pragma once

#include "content/model.hpp"
#include "util/error.hpp"

#include <cloudtrack/plugin/abi.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::catalog {

class PinnedFile; // catalog/bundle_load.hpp

enum class State { discovered, read, validated, resolved, loaded, initialized, ready, failed, disabled };

const char* to_string(State state);

struct Plugin {
    std::filesystem::path path;
    State state = State::discovered;
    State failed_stage = State::discovered; // the stage that failed, when state == failed
    std::string reason;                     // why it failed or is disabled
    std::string document;                   // the embedded track document's bytes
    std::optional<content::Track> track;    // from validated on (see cached_info)
    // Instead of `document` and `track` outside a bundle: the summary `list` shows, from the
    // plugin cache (catalog/plugin_cache.hpp) or kept from the document validated in this run,
    // or, for a copy refused as a duplicate, read from its document without validating it
    // (content/peek.hpp). The catalog reads and validates the document before any other use.
    std::optional<content::TrackInfo> cached_info;
    const cloudtrack_plugin_entry_v1_t* entry = nullptr; // from loaded on
    double read_ms = 0.0;
    double load_ms = 0.0;
    // Under a bundle: the exit code when a command needs this plugin and it is unusable (the
    // bundle refusal codes), the descriptor its pinned bytes were checked on (and are loaded
    // through), which layer set what in its content (`show --explain`), and the track id the
    // bundle pins to this file (so a refused or missing pinned file explains a missing track).
    util::ExitCode refusal = util::ExitCode::plugin;
    std::string pinned_id;
    std::shared_ptr<const PinnedFile> pinned;
    std::vector<std::string> layers;

    // The track's identity, from the document or the cache; nullptr before validation.
    [[nodiscard]] const content::TrackInfo* info() const noexcept
    {
        return track ? &track->info : cached_info ? &*cached_info : nullptr;
    }
    [[nodiscard]] bool usable() const noexcept
    {
        return state != State::failed && state != State::disabled && info() != nullptr;
    }
    void fail(State stage, std::string why)
    {
        failed_stage = stage;
        state = State::failed;
        reason = std::move(why);
    }
    // The plugin at `where`, failed at `stage` before anything of it was kept.
    static Plugin failed_at(std::filesystem::path where, State stage, std::string why)
    {
        Plugin plugin;
        plugin.path = std::move(where);
        plugin.fail(stage, std::move(why));
        return plugin;
    }
};

} // namespace cloudtrack::host::catalog
