// Opening a PostgreSQL store: connect, check the schema before anything is written, migrate.
#include "store/pg_conn.hpp"
#include "store/pg_schema.hpp"
#include "store/pg_store.hpp"
#include "store/store.hpp"

namespace cloudtrack::host::store {

std::unique_ptr<Store> open_postgres(const std::string& uri)
{
    auto db = std::make_unique<detail::PgConnection>(uri);
    detail::pg_migrate(*db);
    return detail::make_pg_store(std::move(db));
}

std::unique_ptr<Store> open_store(const std::string& spec, const std::filesystem::path& data_dir)
{
    if (spec.empty()) {
        return open_sqlite(default_store_file(data_dir));
    }
    if (detail::is_postgres_uri(spec)) {
        return open_postgres(spec);
    }
    return open_sqlite(spec);
}

} // namespace cloudtrack::host::store
