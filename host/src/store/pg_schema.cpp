#include "store/pg_schema.hpp"

#include "store/sql_cohort.hpp"

#include <array>
#include <string>

namespace cloudtrack::host::store::detail {

namespace {

// Step N (1-based) takes a database from version N-1 to N. Append new steps; never edit a
// released one, since databases in the field already ran it.
//
// Times stay ISO 8601 text, as the SQLite store keeps them, so both backends hand back the
// bytes they were given. Every row carries `owner`, the login that wrote it: organization mode
// (sql/org.sql) keys its row-level security on it. Tables are created in the connection's
// current schema, so an organization may keep them in a schema of their own (search_path).
constexpr std::array k_migrations = {
    // 1: the initial schema.
    R"sql(
-- The parts of a result document that cohort summaries read (sql/cohort.sql), kept beside the
-- document as it is stored, so that a cohort of thousands never parses whole documents (a full
-- form's result is hundreds of KB, mostly responses and explanations): the figures, and of the
-- missed items only their ids (null when an entry lacks its item, area or stem). NULL for text
-- that is not a JSON object.
CREATE FUNCTION cloudtrack_cohort_parts(document text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE AS $parts$
DECLARE
    d jsonb;
BEGIN
    BEGIN
        d := document::jsonb;
    EXCEPTION WHEN others THEN
        RETURN NULL;
    END;
    IF jsonb_typeof(d) <> 'object' THEN
        RETURN NULL;
    END IF;
    RETURN jsonb_build_object(
        'schema', d->'schema', 'track', d->'track', 'levels', d->'levels', 'areas', d->'areas',
        'overall', d->'overall',
        'attempt', jsonb_build_object('id', d->'attempt'->'id', 'profile', d->'attempt'->'profile',
                                      'finished_at', d->'attempt'->'finished_at'),
        'missed', CASE WHEN jsonb_typeof(d->'missed') = 'array' AND NOT jsonb_path_exists(d->'missed',
                '$[*] ? (!(@.item.type() == "string" && @.area.type() == "string" && @.stem.type() == "string"))')
            THEN coalesce((SELECT jsonb_agg(m->'item' ORDER BY ord)
                           FROM jsonb_array_elements(d->'missed') WITH ORDINALITY AS e(m, ord)), '[]'::jsonb) END);
END
$parts$;

CREATE TABLE attempts (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- never reused, even after a discard
    owner          text NOT NULL DEFAULT session_user,
    profile        text NOT NULL,
    track_id       text NOT NULL,
    track_version  text NOT NULL,
    content_sha256 text NOT NULL,
    form_json      text NOT NULL,
    started_at     text NOT NULL,
    finished_at    text,                                            -- NULL while under way
    overall_level  text NOT NULL DEFAULT ''
);
CREATE INDEX attempts_by_profile ON attempts (profile, track_id, id);

CREATE TABLE answers (
    attempt_id    bigint NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    owner         text NOT NULL DEFAULT session_user,
    item_id       text NOT NULL,
    seq           integer NOT NULL, -- order first given; kept when the answer is replaced
    response_json text NOT NULL,
    answered_at   text NOT NULL,
    PRIMARY KEY (attempt_id, item_id),
    UNIQUE (attempt_id, seq)
);

CREATE TABLE self_ratings (
    attempt_id bigint NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    owner      text NOT NULL DEFAULT session_user,
    area_id    text NOT NULL,
    rating     integer NOT NULL,
    PRIMARY KEY (attempt_id, area_id)
);

CREATE TABLE results (
    attempt_id  bigint PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    owner       text NOT NULL DEFAULT session_user,
    result_json text NOT NULL,
    cohort_parts jsonb GENERATED ALWAYS AS (cloudtrack_cohort_parts(result_json)) STORED
);

CREATE TABLE certifications (
    owner     text NOT NULL DEFAULT session_user,
    profile   text NOT NULL,
    track_id  text NOT NULL,
    rung_id   text NOT NULL,
    earned_on text NOT NULL, -- YYYY-MM-DD
    PRIMARY KEY (owner, profile, track_id, rung_id)
);

CREATE TABLE checklist_marks (
    owner      text NOT NULL DEFAULT session_user,
    profile    text NOT NULL,
    track_id   text NOT NULL,
    project_id text NOT NULL,
    item_id    text NOT NULL,
    evidence   text NOT NULL,
    source     text NOT NULL, -- "manual" or "probe"
    marked_at  text NOT NULL,
    PRIMARY KEY (owner, profile, track_id, project_id, item_id)
);

-- Results a person copied here from their own store ('cloudtrack results share'); withdrawn by
-- deleting the row.
CREATE TABLE shared_results (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner          text NOT NULL DEFAULT session_user,
    track_id       text NOT NULL,
    source_attempt bigint NOT NULL, -- the attempt's id in the person's own store
    finished_at    text NOT NULL,
    result_sha256  text NOT NULL,
    result_json    text NOT NULL,
    cohort_parts   jsonb GENERATED ALWAYS AS (cloudtrack_cohort_parts(result_json)) STORED,
    shared_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (owner, result_sha256)
);
CREATE INDEX shared_results_by_track ON shared_results (track_id);
)sql",
};

// Any 64-bit number that other programs sharing the database are unlikely to lock: "CTRKMIGR".
constexpr const char* k_migration_lock = "4851750498413734226";

[[noreturn]] void refuse(const PgConnection& db, const std::string& why)
{
    throw PgError(db.name() + ": " + why + "; it was left untouched", "");
}

} // namespace

int pg_schema_version()
{
    return static_cast<int>(k_migrations.size());
}

int pg_check_schema(const PgConnection& db)
{
    // One statement, one snapshot: another process may be migrating this database right now.
    const auto found =
        db.query("SELECT to_regclass('cloudtrack_schema_version') IS NOT NULL,"
                 " (SELECT count(*) FROM pg_catalog.pg_class c"
                 "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                 "  WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm'))");
    const bool versioned = found.text(0, 0) == "t";
    if (!versioned) {
        if (found.int64(0, 1) != 0) {
            refuse(db, "not a cloudtrack store (its schema holds tables of another program)");
        }
        return 0; // empty: a new store
    }
    const auto version =
        db.query("SELECT coalesce(max(version), 0) FROM cloudtrack_schema_version").int64(0, 0);
    if (version > pg_schema_version()) {
        refuse(db, "created by a newer cloudtrack (schema version " + std::to_string(version) +
                       ", this build knows up to " + std::to_string(pg_schema_version()) + ")");
    }
    return static_cast<int>(version);
}

void pg_migrate(const PgConnection& db)
{
    if (pg_check_schema(db) == pg_schema_version()) {
        return; // the common case takes no lock and needs no right to change the schema
    }
    try {
        PgTransaction transaction(db);
        db.query("SELECT pg_advisory_xact_lock($1::bigint)", {k_migration_lock});
        db.exec("CREATE TABLE IF NOT EXISTS cloudtrack_schema_version ("
                " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
        const int current = pg_check_schema(db); // another process may have migrated while we waited
        for (int version = current + 1; version <= pg_schema_version(); ++version) {
            db.exec(k_migrations.at(static_cast<size_t>(version - 1)));
            if (version == 1) {
                db.exec(k_cohort_sql); // replaced (CREATE OR REPLACE) by any later step that changes it
            }
            db.query("INSERT INTO cloudtrack_schema_version (version) VALUES ($1)", {version});
        }
        transaction.commit();
    } catch (const PgError& error) {
        if (error.sqlstate() == k_insufficient_privilege) {
            throw PgError(db.name() + ": the store's schema is older than this cloudtrack's (version " +
                              std::to_string(pg_schema_version()) +
                              ") and this login may not change it; the database administrator upgrades it"
                              " with 'cloudtrack store init'",
                          error.sqlstate());
        }
        throw;
    }
}

} // namespace cloudtrack::host::store::detail
