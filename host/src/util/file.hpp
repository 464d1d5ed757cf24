// Whole-file reads and crash-safe writes.
#pragma once

#include "util/expected.hpp"

#include <filesystem>
#include <string>

namespace cloudtrack::util {

Expected<std::string> read_file(const std::filesystem::path& path);

// For files a user hands over (results to pool, a calibration): opened without blocking (a FIFO
// cannot hang us), regular files only, refused beyond `max_bytes` before and while reading.
Expected<std::string> read_bounded_file(const std::filesystem::path& path, size_t max_bytes);

// Writes through a temporary file in the same folder and renames it over `path`, so a reader
// sees either the old or the new content, never a torn file.
Expected<bool> write_file_atomic(const std::filesystem::path& path, const std::string& content);

} // namespace cloudtrack::util
