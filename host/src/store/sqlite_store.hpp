// The SQLite implementation of Store, over a connection that sqlite_open.cpp has checked,
// configured and migrated.
#pragma once

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

#include <memory>

namespace cloudtrack::host::store::detail {

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Database> db);

} // namespace cloudtrack::host::store::detail
