/*
 * cloudtrack plugin ABI, version 1.
 *
 * The only boundary between the cloudtrack host and a track plugin. Pure C: no C++ types, no
 * exceptions, and no memory allocated by one side and freed by the other. Dynamic data crosses as
 * UTF-8 JSON: inputs are (pointer, length) pairs valid only for the duration of the call; outputs
 * are written into host-owned sinks (cloudtrack_sink_t). Failures are a status code plus text
 * written to an error sink.
 *
 * A plugin exports exactly one symbol, `cloudtrack_plugin_entry_v1`, a const
 * cloudtrack_plugin_entry_v1_t. The host reads that struct's fields only within its struct_size,
 * so later minor versions may append fields. A new capability is a new interface id reached
 * through get_interface(), never a changed struct.
 *
 * Versions: this ABI (major.minor), the content schema (`cloudtrack.track/1`) and the track's
 * own semantic version are three separate things. The host accepts a plugin when
 * plugin abi_major == host abi_major and plugin abi_minor <= host abi_minor.
 *
 * Authors normally never touch these structs: <cloudtrack/plugin/track.hpp> wraps them.
 */
#ifndef CLOUDTRACK_PLUGIN_ABI_H
#define CLOUDTRACK_PLUGIN_ABI_H

/* This header is C (C99 and later) as much as C++: typedefs, macros and C headers are the point.
 * NOLINTBEGIN(modernize-use-using, modernize-deprecated-headers, cppcoreguidelines-macro-usage,
 * modernize-redundant-void-arg) */
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CLOUDTRACK_ABI_MAJOR 1u
#define CLOUDTRACK_ABI_MINOR 0u

/* The name of the one exported symbol, and of the ELF section holding the track document. */
#define CLOUDTRACK_ENTRY_SYMBOL "cloudtrack_plugin_entry_v1"
#define CLOUDTRACK_TRACK_SECTION ".cloudtrack.track"

/* Status codes returned by every fallible ABI function. */
typedef enum cloudtrack_status {
    CLOUDTRACK_STATUS_OK = 0,
    /* The call failed; the error sink holds a one-line reason. */
    CLOUDTRACK_STATUS_ERROR = 1,
    /* The request names something this plugin does not provide (an unknown probe id, say). */
    CLOUDTRACK_STATUS_UNSUPPORTED = 2
} cloudtrack_status;

/* Log levels for cloudtrack_host_v1_t.log. */
typedef enum cloudtrack_log_level {
    CLOUDTRACK_LOG_DEBUG = 0,
    CLOUDTRACK_LOG_INFO = 1,
    CLOUDTRACK_LOG_WARN = 2,
    CLOUDTRACK_LOG_ERROR = 3
} cloudtrack_log_level;

/*
 * A host-owned output buffer.
 *
 * write() appends `size` bytes from `data` to the sink; the host copies them before returning, so
 * `data` need only live for the call. A plugin may call write() any number of times during the
 * call that received the sink, and never after it returns. [same thread as the receiving call]
 */
typedef struct cloudtrack_sink {
    void* context;
    void (*write)(void* context, const char* data, size_t size);
} cloudtrack_sink_t;

/*
 * Services the host offers to a plugin. Passed to init(); the pointer stays valid until deinit()
 * returns, so a plugin may keep it.
 */
typedef struct cloudtrack_host_v1 {
    /* sizeof(cloudtrack_host_v1_t) as the host was compiled; read fields only within it. */
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    /* Opaque to the plugin; pass it back unchanged. */
    void* context;

    /*
     * Write one log line through the host's logger (plugins never print or configure logging).
     * `message` is UTF-8 of `size` bytes, copied before return. Never fails. [thread-safe]
     */
    void (*log)(const struct cloudtrack_host_v1* host, cloudtrack_log_level level, const char* message,
                size_t size);
} cloudtrack_host_v1_t;

/*
 * Read-only view of a directory, given to evidence probes (interface below). Every path is
 * relative to the directory root, uses '/', and may not contain ".." or escape through a symlink;
 * the host enforces this, together with limits on file size and file count.
 */
typedef struct cloudtrack_files_v1 {
    uint32_t struct_size;
    void* context;

    /*
     * Write a JSON array of the regular files beneath the root, as relative paths, to `out`.
     * Returns OK, or ERROR with the reason in `error` (a limit was reached, the root vanished).
     * [same thread as the probe call]
     */
    cloudtrack_status (*list)(const struct cloudtrack_files_v1* files, cloudtrack_sink_t* out,
                              cloudtrack_sink_t* error);

    /*
     * Write the bytes of the file at `path` (UTF-8, `path_size` bytes, not NUL-terminated) to
     * `out`. Returns ERROR with the reason for a path that is absent, escapes the root, is not a
     * regular file or is over the size limit. [same thread as the probe call]
     */
    cloudtrack_status (*read)(const struct cloudtrack_files_v1* files, const char* path, size_t path_size,
                              cloudtrack_sink_t* out, cloudtrack_sink_t* error);
} cloudtrack_files_v1_t;

/*
 * Interface "cloudtrack.evidence-probe/1": verifies portfolio checklist items by reading a local
 * project directory. Returned by get_interface(); lives as long as the plugin (never freed).
 */
#define CLOUDTRACK_EVIDENCE_PROBE_V1 "cloudtrack.evidence-probe/1"

typedef struct cloudtrack_evidence_probe_v1 {
    uint32_t struct_size;

    /*
     * Run probe `probe_id` (NUL-terminated) over `files`. On OK, `out` receives one JSON object:
     *   {"verified": bool, "evidence": [{"path": str, "line": int, "text": str}], "note": str}
     * UNSUPPORTED: the plugin has no such probe. ERROR: the probe failed; `error` says why.
     * Must not retain `files` after returning. [called from one host thread at a time]
     */
    cloudtrack_status (*run)(const char* probe_id, const cloudtrack_files_v1_t* files, cloudtrack_sink_t* out,
                             cloudtrack_sink_t* error);
} cloudtrack_evidence_probe_v1_t;

/*
 * The one exported symbol. Its document twin is the JSON in the CLOUDTRACK_TRACK_SECTION
 * section: track_id and track_version here must equal track.id and track.version there, or the
 * host refuses the plugin.
 */
typedef struct cloudtrack_plugin_entry_v1 {
    /* sizeof(cloudtrack_plugin_entry_v1_t) as the plugin was compiled. */
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    /* NUL-terminated, static storage. */
    const char* track_id;
    const char* track_version;

    /*
     * Called once, after loading and before any other function. `host` lives until deinit()
     * returns. Returns OK, or ERROR with a one-line reason written to `error`; after an error the
     * host never calls the plugin again (not even deinit). [main thread]
     */
    cloudtrack_status (*init)(const cloudtrack_host_v1_t* host, cloudtrack_sink_t* error);

    /* Called once, at host exit, after a successful init(). Must not fail. [main thread] */
    void (*deinit)(void);

    /*
     * Returns the interface struct named by `interface_id` (e.g. CLOUDTRACK_EVIDENCE_PROBE_V1),
     * or NULL when the plugin does not provide it. The pointer stays valid until deinit().
     * Only called between init() and deinit(). [thread-safe]
     */
    const void* (*get_interface)(const char* interface_id);
} cloudtrack_plugin_entry_v1_t;

#ifdef __cplusplus
}
#endif

/* NOLINTEND(modernize-use-using, modernize-deprecated-headers, cppcoreguidelines-macro-usage,
 * modernize-redundant-void-arg) */
#endif /* CLOUDTRACK_PLUGIN_ABI_H */
