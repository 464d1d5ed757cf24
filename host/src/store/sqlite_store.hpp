// The SQLite implementation of Store, over a connection that sqlite_open.cpp has checked,
// configured and migrated.
#pragma once

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <memory>
#include <string>

namespace cloudtrack::host::store::detail {

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Database> db);

// The SQL behind Store::attempts(): parameter 1 the profile, 2 the track when `by_track`. Exposed
// so a test can check with EXPLAIN QUERY PLAN that the track query uses the index.
std::string attempts_query(bool by_track);
// The SQL behind the result visits: `column` of the stored result `r` of attempt ?1.
std::string results_query(const std::string& column);

} // namespace cloudtrack::host::store::detail
