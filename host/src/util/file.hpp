// Whole-file reads and crash-safe writes.
#pragma once

#include "util/expected.hpp"

#include <filesystem>
#include <string>

namespace cloudtrack::util {

Expected<std::string> read_file(const std::filesystem::path& path);

// Writes through a temporary file in the same folder and renames it over `path`, so a reader
// sees either the old or the new content, never a torn file.
Expected<bool> write_file_atomic(const std::filesystem::path& path, const std::string& content);

} // namespace cloudtrack::util
