// What only an organization's PostgreSQL store does, beyond the Store interface: setting it up
// (schema, and in organization mode the roles and row-level security of sql/org.sql), the
// results a person shared with it, and cohort summaries computed inside the database
// (sql/cohort.sql). docs/organizations.md describes the whole arrangement.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace cloudtrack::host::store {

namespace detail {
class PgConnection;
}

// One result a login copied into the store.
struct SharedEntry {
    int64_t id = 0; // the shared copy's id in the organization's store
    std::string track_id;
    int64_t source_attempt = 0; // the attempt's id in the person's own store
    std::string finished_at;
    std::string shared_at; // ISO 8601 UTC, from the server's clock
};

class OrgStore {
public:
    // Connects to `uri` (a PostgreSQL URI). Throws util::Error (exit code `storage`) as
    // open_postgres does. `migrate`: create or upgrade the schema (store init); otherwise the
    // schema must already be current.
    OrgStore(const std::string& uri, bool migrate);
    ~OrgStore();
    OrgStore(const OrgStore&) = delete;
    OrgStore& operator=(const OrgStore&) = delete;
    OrgStore(OrgStore&&) = delete;
    OrgStore& operator=(OrgStore&&) = delete;

    // The store as messages name it: its URI without the password.
    [[nodiscard]] const std::string& name() const;
    // The login this connection acts as: the owner of what it shares.
    [[nodiscard]] std::string login() const;
    [[nodiscard]] int schema_version() const;

    // Runs sql/org.sql: roles, grants, row-level security, the cohort function's rights.
    void enable_organization_mode();

    // Copies a finished result in, once: the same document shared again returns the existing
    // entry with `added` false.
    struct Shared {
        SharedEntry entry;
        bool added = false;
    };
    Shared share(const std::string& track_id, int64_t source_attempt, const std::string& finished_at,
                 const std::string& result_json);
    // What this login shared, newest first.
    [[nodiscard]] std::vector<SharedEntry> shared() const;
    // Deletes this login's shared copy `id`; false when this login has no such entry.
    bool withdraw(int64_t id);

    // The cloudtrack.cohort/1 document of `track_id` as the database computes it (JSON text).
    // Throws util::Error: bad_input when fewer than max(min_size, 5) people shared a result (the
    // floor is the database's), storage when this login may not ask.
    [[nodiscard]] std::string cohort(const std::string& track_id, int min_size) const;

private:
    std::unique_ptr<detail::PgConnection> m_db;
};

} // namespace cloudtrack::host::store
