// Loading and initializing a plugin: the only place plugin code starts to run.
#include "catalog/bundle_load.hpp"
#include "catalog/catalog.hpp"

#include <boost/dll/shared_library.hpp>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>

namespace cloudtrack::host::catalog {

namespace {

// Libraries are never unloaded: a plugin may have registered atexit handlers or thread-locals,
// and unloading them is a classic source of crashes at exit. Leaked on purpose.
std::deque<boost::dll::shared_library>& libraries()
{
    // NOLINTNEXTLINE(cppcoreguidelines-owning-memory,cppcoreguidelines-avoid-non-const-global-variables)
    static auto* loaded = new std::deque<boost::dll::shared_library>();
    return *loaded;
}

struct HostContext {
    std::string track_id;
};

// Host structs live as long as the process, as the ABI promises (until deinit returns).
std::deque<std::pair<cloudtrack_host_v1_t, std::unique_ptr<HostContext>>>& host_structs()
{
    // NOLINTNEXTLINE(cppcoreguidelines-owning-memory,cppcoreguidelines-avoid-non-const-global-variables)
    static auto* structs = new std::deque<std::pair<cloudtrack_host_v1_t, std::unique_ptr<HostContext>>>();
    return *structs;
}

void log_from_plugin(const cloudtrack_host_v1_t* host, cloudtrack_log_level level, const char* message,
                     size_t size) noexcept
{
    try {
        const auto* context = static_cast<const HostContext*>(host->context);
        const std::string_view text(message, size);
        switch (level) {
        case CLOUDTRACK_LOG_DEBUG: spdlog::debug("[{}] {}", context->track_id, text); break;
        case CLOUDTRACK_LOG_INFO: spdlog::info("[{}] {}", context->track_id, text); break;
        case CLOUDTRACK_LOG_WARN: spdlog::warn("[{}] {}", context->track_id, text); break;
        default: spdlog::error("[{}] {}", context->track_id, text); break;
        }
    } catch (...) {
        // Logging must never fail the plugin's call.
    }
}

void append(void* context, const char* data, size_t size)
{
    static_cast<std::string*>(context)->append(data, size);
}

// The smallest entry this host can use: every field of ABI 1.0.
constexpr size_t k_min_entry_size = offsetof(cloudtrack_plugin_entry_v1_t, get_interface) +
                                    sizeof(cloudtrack_plugin_entry_v1_t::get_interface);

std::string entry_problem(const cloudtrack_plugin_entry_v1_t& entry, const content::TrackInfo& info)
{
    if (auto problem = abi_problem(entry.abi_major, entry.abi_minor); !problem.empty()) {
        return problem;
    }
    if (entry.struct_size < k_min_entry_size) {
        return "entry struct is " + std::to_string(entry.struct_size) + " bytes, smaller than ABI 1.0's " +
               std::to_string(k_min_entry_size);
    }
    if (entry.track_id == nullptr || entry.track_version == nullptr || entry.init == nullptr ||
        entry.get_interface == nullptr) {
        return "entry has a null field";
    }
    if (info.id != entry.track_id) {
        return std::string("entry track id '") + entry.track_id + "' disagrees with the document's '" +
               info.id + "'";
    }
    if (info.version != entry.track_version) {
        return std::string("entry track version '") + entry.track_version +
               "' disagrees with the document's '" + info.version + "'";
    }
    return {};
}

} // namespace

void load(Plugin& plugin)
{
    const auto start = std::chrono::steady_clock::now();
    boost::dll::fs::error_code ec;
    // A plugin pinned by a bundle is loaded through the descriptor its hash was computed on.
    const auto file = plugin.pinned ? plugin.pinned->proc_path() : plugin.path;
    boost::dll::shared_library library(boost::dll::fs::path(file.string()),
                                       boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local,
                                       ec);
    if (ec) {
        plugin.fail(State::loaded, "cannot load: " + ec.message());
        return;
    }
    if (!library.has(CLOUDTRACK_ENTRY_SYMBOL)) {
        plugin.fail(State::loaded, "missing entry symbol " CLOUDTRACK_ENTRY_SYMBOL);
        libraries().push_back(std::move(library));
        return;
    }
    const auto& entry = library.get<const cloudtrack_plugin_entry_v1_t>(CLOUDTRACK_ENTRY_SYMBOL);
    libraries().push_back(std::move(library));
    if (auto problem = entry_problem(entry, plugin.track->info); !problem.empty()) {
        plugin.fail(State::loaded, std::move(problem));
        return;
    }
    plugin.entry = &entry;
    plugin.state = State::loaded;
    plugin.load_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    spdlog::debug("loaded {} in {:.2f} ms", plugin.path.string(), plugin.load_ms);
}

void initialize(Plugin& plugin)
{
    auto context = std::make_unique<HostContext>(HostContext{plugin.track->info.id});
    auto& [host, owned] = host_structs().emplace_back(
        cloudtrack_host_v1_t{sizeof(cloudtrack_host_v1_t), CLOUDTRACK_ABI_MAJOR, CLOUDTRACK_ABI_MINOR,
                             context.get(), &log_from_plugin},
        std::move(context));
    (void)owned;
    std::string error;
    cloudtrack_sink_t sink{&error, &append};
    if (plugin.entry->init(&host, &sink) != CLOUDTRACK_STATUS_OK) {
        plugin.fail(State::initialized,
                    "init failed: " + (error.empty() ? std::string("no reason given") : error));
        return;
    }
    plugin.state = State::ready;
}

} // namespace cloudtrack::host::catalog
