// Discovery outside a bundle: every plugin file of the search path inspected once, in the order
// the duplicate rule prefers them (the last folder first; in a folder, file names in order), so
// that a file repeating a track id already provided is refused from its summary alone: neither
// validated nor kept (issue 13). A validated plugin keeps only its summary too; the catalog reads
// and validates the document again when a command needs the track.
#pragma once

#include "catalog/plugin.hpp"

#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace cloudtrack::host::catalog {

class PluginCache;

namespace detail {

// The files of each folder of the search path, in search-path order, each folder's files sorted.
using FolderFiles = std::vector<std::vector<std::filesystem::path>>;

// The plugins of `files` in the same order, states and reasons as the duplicate rule leaves them
// (winners `validated`, losers `disabled`), each with its summary and no document. With a
// `cache`, unchanged files are not read at all.
std::vector<Plugin> discover_plugins(const FolderFiles& files, PluginCache* cache);

// Why the permission rules refuse `path` with the status `info`, or "".
std::string permission_problem(const std::filesystem::path& path, const struct stat& info);

// Why a validated plugin whose document records an ABI this host cannot run fails at `resolved`,
// or "" when it can run (or records none).
std::string abi_refusal(const content::TrackInfo& info);

// Validates `document`, the embedded document just read from plugin.path: the plugin becomes
// `validated` with its track, or fails at `validated` with the reason.
void accept_document(Plugin& plugin, std::string document);

// "duplicate track id 'x': <kept> is used instead of <loser>"
std::string duplicate_reason(const std::string& id, const std::filesystem::path& kept,
                             const std::filesystem::path& loser);

} // namespace detail
} // namespace cloudtrack::host::catalog
