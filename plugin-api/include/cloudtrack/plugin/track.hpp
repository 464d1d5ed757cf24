// The C++ author layer over abi.h: derive from cloudtrack::plugin::Track, override what the
// track provides, and emit the entry with CLOUDTRACK_TRACK(YourTrack). Header-only.
//
// Every call from the host goes through a noexcept trampoline here, which catches any exception
// from author code and returns it to the host as a status plus message: no exception ever crosses
// the C boundary, and the plugin never hands the host memory to free.
#pragma once

#include <cloudtrack/plugin/abi.h>

#include <nlohmann/json.hpp>

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::plugin {

// Logging through the host (plugins never configure logging or print).
class Host {
public:
    explicit Host(const cloudtrack_host_v1_t* host) noexcept : m_host(host) {}

    void log(cloudtrack_log_level level, std::string_view message) const noexcept
    {
        if (m_host != nullptr && m_host->log != nullptr) {
            m_host->log(m_host, level, message.data(), message.size());
        }
    }
    void info(std::string_view message) const noexcept { log(CLOUDTRACK_LOG_INFO, message); }
    void warn(std::string_view message) const noexcept { log(CLOUDTRACK_LOG_WARN, message); }

private:
    const cloudtrack_host_v1_t* m_host;
};

namespace detail {
inline void append_to_string(void* context, const char* data, size_t size)
{
    static_cast<std::string*>(context)->append(data, size);
}
inline cloudtrack_sink_t string_sink(std::string& target) noexcept
{
    return cloudtrack_sink_t{&target, &append_to_string};
}
inline void write(cloudtrack_sink_t* sink, std::string_view text) noexcept
{
    if (sink != nullptr && sink->write != nullptr) {
        sink->write(sink->context, text.data(), text.size());
    }
}
} // namespace detail

// The project directory a probe inspects, confined by the host beneath its root.
class Files {
public:
    explicit Files(const cloudtrack_files_v1_t* files) noexcept : m_files(files) {}

    // Every regular file beneath the root, as '/'-separated relative paths. Throws on failure.
    [[nodiscard]] std::vector<std::string> list() const
    {
        std::string out;
        std::string error;
        auto out_sink = detail::string_sink(out);
        auto error_sink = detail::string_sink(error);
        if (m_files->list(m_files, &out_sink, &error_sink) != CLOUDTRACK_STATUS_OK) {
            throw std::runtime_error(error);
        }
        return nlohmann::json::parse(out).get<std::vector<std::string>>();
    }

    // The bytes of one file; std::nullopt when the host refuses it (absent, too large, escapes).
    [[nodiscard]] std::optional<std::string> read(std::string_view path) const
    {
        std::string out;
        std::string error;
        auto out_sink = detail::string_sink(out);
        auto error_sink = detail::string_sink(error);
        if (m_files->read(m_files, path.data(), path.size(), &out_sink, &error_sink) !=
            CLOUDTRACK_STATUS_OK) {
            return std::nullopt;
        }
        return out;
    }

private:
    const cloudtrack_files_v1_t* m_files;
};

// One place in the project that supports (or was checked for) a checklist item.
struct Evidence {
    std::string path;
    int line = 0;
    std::string text;
};

struct ProbeResult {
    bool verified = false;
    std::vector<Evidence> evidence;
    std::string note; // what was looked for, or why it was not found
};

// Thrown by a probe for an id the track does not know.
class UnknownProbe : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Base class of every track's code. All members have safe defaults: a track that only ships
// content needs no overrides at all.
class Track {
public:
    Track() = default;
    Track(const Track&) = delete;
    Track& operator=(const Track&) = delete;
    Track(Track&&) = delete;
    Track& operator=(Track&&) = delete;
    virtual ~Track() = default;

    // Called once after loading. Throw to refuse to start; the message reaches the user.
    virtual void init(const Host& /*host*/) {}

    // Evidence probes (interface cloudtrack.evidence-probe/1). Return false from has_probes() to
    // not offer the interface; run_probe() throws UnknownProbe for ids it does not know.
    [[nodiscard]] virtual bool has_probes() const { return false; }
    virtual ProbeResult run_probe(std::string_view probe_id, const Files& /*files*/)
    {
        throw UnknownProbe("no probe named '" + std::string(probe_id) + "'");
    }
};

namespace detail {

template <class T> std::optional<T>& instance() noexcept
{
    static std::optional<T> track;
    return track;
}

inline std::string to_json(const ProbeResult& result)
{
    auto evidence = nlohmann::json::array();
    for (const auto& item : result.evidence) {
        evidence.push_back({{"path", item.path}, {"line", item.line}, {"text", item.text}});
    }
    return nlohmann::json{{"verified", result.verified}, {"evidence", evidence}, {"note", result.note}}
        .dump();
}

template <class T>
cloudtrack_status run_probe(const char* probe_id, const cloudtrack_files_v1_t* files, cloudtrack_sink_t* out,
                            cloudtrack_sink_t* error) noexcept
{
    try {
        auto& track = instance<T>();
        if (!track) {
            write(error, "plugin not initialized");
            return CLOUDTRACK_STATUS_ERROR;
        }
        write(out, to_json(track->run_probe(probe_id, Files(files))));
        return CLOUDTRACK_STATUS_OK;
    } catch (const UnknownProbe& e) {
        write(error, e.what());
        return CLOUDTRACK_STATUS_UNSUPPORTED;
    } catch (const std::exception& e) {
        write(error, e.what());
        return CLOUDTRACK_STATUS_ERROR;
    } catch (...) {
        write(error, "unknown exception");
        return CLOUDTRACK_STATUS_ERROR;
    }
}

template <class T>
inline const cloudtrack_evidence_probe_v1_t k_probe_interface = {sizeof(cloudtrack_evidence_probe_v1_t),
                                                                 &run_probe<T>};

template <class T> cloudtrack_status init(const cloudtrack_host_v1_t* host, cloudtrack_sink_t* error) noexcept
{
    try {
        auto& track = instance<T>();
        track.emplace();
        try {
            track->init(Host(host));
        } catch (...) {
            track.reset();
            throw;
        }
        return CLOUDTRACK_STATUS_OK;
    } catch (const std::exception& e) {
        write(error, e.what());
    } catch (...) {
        write(error, "unknown exception");
    }
    return CLOUDTRACK_STATUS_ERROR;
}

template <class T> void deinit() noexcept
{
    instance<T>().reset();
}

template <class T> const void* get_interface(const char* interface_id) noexcept
{
    try {
        const auto& track = instance<T>();
        if (track && track->has_probes() && std::string_view(interface_id) == CLOUDTRACK_EVIDENCE_PROBE_V1) {
            return &k_probe_interface<T>;
        }
    } catch (...) {
        // A throwing has_probes() means the interface is not offered.
    }
    return nullptr;
}

template <class T>
constexpr cloudtrack_plugin_entry_v1_t make_entry(const char* track_id, const char* track_version) noexcept
{
    return cloudtrack_plugin_entry_v1_t{sizeof(cloudtrack_plugin_entry_v1_t),
                                        CLOUDTRACK_ABI_MAJOR,
                                        CLOUDTRACK_ABI_MINOR,
                                        track_id,
                                        track_version,
                                        &init<T>,
                                        &deinit<T>,
                                        &get_interface<T>};
}

} // namespace detail
} // namespace cloudtrack::plugin

// cloudtrack_add_track() generates this header from the track document, so the entry always
// agrees with the embedded content.
#if __has_include(<cloudtrack_track_identity.h>)
#include <cloudtrack_track_identity.h>
#endif
#if !defined(CLOUDTRACK_TRACK_ID) || !defined(CLOUDTRACK_TRACK_VERSION)
#error "build track plugins with cloudtrack_add_track(), which defines CLOUDTRACK_TRACK_ID/VERSION"
#endif

// Emits the one exported symbol for TrackClass. Use once per plugin, at namespace scope.
// Constant-initialized: loading the library runs no code of the track. A macro because an
// exported extern "C" definition with a fixed name cannot come from a template.
// NOLINTNEXTLINE(cppcoreguidelines-macro-usage)
#define CLOUDTRACK_TRACK(TrackClass)                                                                         \
    extern "C" __attribute__((visibility("default")))                                                        \
    const cloudtrack_plugin_entry_v1_t cloudtrack_plugin_entry_v1 =                                          \
        ::cloudtrack::plugin::detail::make_entry<TrackClass>(CLOUDTRACK_TRACK_ID, CLOUDTRACK_TRACK_VERSION)
