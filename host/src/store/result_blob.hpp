// How the SQLite store keeps a result document: its JSON text compressed as one zstd frame (a
// 120 KB DevOps result becomes about 25 KB); decompressing gives back the exact bytes that were
// written, so a stored result still rescores byte for byte. The PostgreSQL store keeps text: the server
// compresses large values itself (TOAST).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cloudtrack::host::store {

// The zstd frame of `document` (the frame records its size, so reading needs no side column).
[[nodiscard]] std::string compress_result(std::string_view document);

// The document back from its frame. Throws util::Error (exit code `storage`) naming "stored result
// `attempt`" when the bytes are not one whole zstd frame, or decompress to something other than
// the size the frame records, or to more than a result document may hold.
[[nodiscard]] std::string decompress_result(std::string_view blob, std::int64_t attempt);

} // namespace cloudtrack::host::store
