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
// The SQL behind the result visits: `column` selected from each stored result `r` joined to its
// attempt `a`, newest first, with the parameters of attempts_query().
std::string results_query(const std::string& column, bool by_track);

} // namespace cloudtrack::host::store::detail
