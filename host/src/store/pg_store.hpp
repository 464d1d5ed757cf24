// The PostgreSQL implementation of Store, over a connection that pg_open.cpp has checked and
// migrated. Same contract as the SQLite store (tests/unit/store/test_store_conformance.cpp runs
// against both).
#pragma once

#include "store/pg_conn.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cloudtrack::host::store::detail {

std::unique_ptr<Store> make_pg_store(std::unique_ptr<PgConnection> db);

// A JSON path of k_result_summary_paths (store.hpp) ("$.x.theta", "$.areas[0]") as the text of a PostgreSQL
// text[] literal for json_extract_path ('{"x","theta"}'). Throws util::Error (storage) for a path
// outside that simple form: paths come from the program, never from input.
std::string json_path_array(const std::string& path);

// JSON text without the whitespace between its tokens, as SQLite's json functions render it.
std::string minify_json(std::string_view text);

} // namespace cloudtrack::host::store::detail
