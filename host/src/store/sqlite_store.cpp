// The queries of the SQLite store: every mutating call is one BEGIN IMMEDIATE transaction,
// committed before it returns.
#include "store/sqlite_store.hpp"

#include "store/newest_attempt.hpp"
#include "store/result_blob.hpp"
#include "store/sqlite_schema.hpp"
#include "util/error.hpp"

#include <string>
#include <utility>

namespace cloudtrack::host::store::detail {

namespace {

constexpr const char* k_attempt_columns = "id, profile, track_id, track_version, content_sha256, form_json,"
                                          " started_at, finished_at, overall_level";

Attempt read_attempt(const Statement& row)
{
    Attempt attempt;
    attempt.id = row.int64(0);
    attempt.profile = row.text(1);
    attempt.track_id = row.text(2);
    attempt.track_version = row.text(3);
    attempt.content_sha256 = row.text(4);
    attempt.form_json = row.text(5);
    attempt.started_at = row.text(6);
    if (!row.is_null(7)) {
        attempt.finished_at = row.text(7);
    }
    attempt.overall_level = row.text(8);
    return attempt;
}

std::string select_attempts(const char* rest)
{
    return std::string("SELECT ") + k_attempt_columns + " FROM attempts " + rest;
}

// "Every track" and "one track" are two statements rather than one `(?2 = '' OR track_id = ?2)`:
// SQLite plans a statement once, before it sees the parameter, so that form can use only the
// profile column of an index and scans every track's rows. `column` names the track column.
std::string track_filter(const std::string& track_id, const char* column = "track_id")
{
    return track_id.empty() ? std::string() : std::string(" AND ") + column + " = ?2";
}

void bind_profile_track(Statement& query, const std::string& profile, const std::string& track_id)
{
    query.bind(1, profile);
    if (!track_id.empty()) {
        query.bind(2, track_id);
    }
}

class SqliteStore final : public NewestAttemptStore {
public:
    explicit SqliteStore(std::unique_ptr<Database> db) : m_db(std::move(db)) {}

    int64_t begin_attempt(const NewAttempt& attempt) override
    {
        Transaction transaction(*m_db);
        Statement(*m_db, "INSERT INTO attempts (profile, track_id, track_version, content_sha256, form_json,"
                         " started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, attempt.profile)
            .bind(2, attempt.track_id)
            .bind(3, attempt.track_version)
            .bind(4, attempt.content_sha256)
            .bind(5, attempt.form_json)
            .bind(6, attempt.started_at)
            .run();
        const int64_t id = m_db->last_insert_id();
        transaction.commit();
        return id;
    }

    void record_answer(int64_t attempt, const std::string& item_id, const std::string& response_json,
                       const std::string& answered_at) override
    {
        Transaction transaction(*m_db);
        require_unfinished(attempt);
        // A replaced answer keeps its place (seq); a new one goes last.
        Statement(*m_db,
                  "INSERT INTO answers (attempt_id, item_id, seq, response_json, answered_at)"
                  " VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM answers WHERE attempt_id = ?1),"
                  " ?3, ?4)"
                  " ON CONFLICT (attempt_id, item_id) DO UPDATE"
                  " SET response_json = excluded.response_json, answered_at = excluded.answered_at")
            .bind(1, attempt)
            .bind(2, item_id)
            .bind(3, response_json)
            .bind(4, answered_at)
            .run();
        transaction.commit();
    }

    void clear_answer(int64_t attempt, const std::string& item_id) override
    {
        Transaction transaction(*m_db);
        require_unfinished(attempt);
        Statement(*m_db, "DELETE FROM answers WHERE attempt_id = ?1 AND item_id = ?2")
            .bind(1, attempt)
            .bind(2, item_id)
            .run();
        transaction.commit();
    }

    void record_self_rating(int64_t attempt, const std::string& area_id, int rating) override
    {
        Transaction transaction(*m_db);
        require_unfinished(attempt);
        Statement(*m_db, "INSERT INTO self_ratings (attempt_id, area_id, rating) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (attempt_id, area_id) DO UPDATE SET rating = excluded.rating")
            .bind(1, attempt)
            .bind(2, area_id)
            .bind(3, rating)
            .run();
        transaction.commit();
    }

    void finish_attempt(int64_t attempt, const std::string& result_json, const std::string& overall_level,
                        const std::string& finished_at) override
    {
        // Compressed before the transaction begins, so other writers do not wait for zstd.
        const auto blob = compress_result(result_json);
        Transaction transaction(*m_db);
        require_unfinished(attempt);
        Statement(*m_db, k_insert_result).bind(1, attempt).bind_blob(2, blob).bind(3, result_json).run();
        Statement(*m_db, "UPDATE attempts SET finished_at = ?2, overall_level = ?3 WHERE id = ?1")
            .bind(1, attempt)
            .bind(2, finished_at)
            .bind(3, overall_level)
            .run();
        transaction.commit();
    }

    void discard_attempt(int64_t attempt) override
    {
        Transaction transaction(*m_db);
        require_unfinished(attempt); // a finished attempt has a result that reports refer to
        // Answers and self-ratings go with it (ON DELETE CASCADE).
        Statement(*m_db, "DELETE FROM attempts WHERE id = ?1").bind(1, attempt).run();
        transaction.commit();
    }

    [[nodiscard]] std::optional<Attempt> attempt(int64_t id) const override
    {
        Statement query(*m_db, select_attempts("WHERE id = ?1"));
        query.bind(1, id);
        if (!query.step()) {
            return std::nullopt;
        }
        return read_attempt(query);
    }

    // "Newest" is the order attempts were begun (ids only grow), not the clock in started_at,
    // which can go backwards or repeat within a second.
    [[nodiscard]] std::vector<Attempt> attempts(const std::string& profile,
                                                const std::string& track_id) const override
    {
        Statement query(*m_db, attempts_query(!track_id.empty()));
        bind_profile_track(query, profile, track_id);
        std::vector<Attempt> found;
        while (query.step()) {
            found.push_back(read_attempt(query));
        }
        return found;
    }

    [[nodiscard]] std::vector<Answer> answers(int64_t attempt) const override
    {
        Statement query(*m_db, "SELECT item_id, response_json, answered_at FROM answers WHERE attempt_id = ?1"
                               " ORDER BY seq");
        query.bind(1, attempt);
        std::vector<Answer> found;
        while (query.step()) {
            found.push_back({query.text(0), query.text(1), query.text(2)});
        }
        return found;
    }

    [[nodiscard]] std::map<std::string, int> self_ratings(int64_t attempt) const override
    {
        Statement query(*m_db, "SELECT area_id, rating FROM self_ratings WHERE attempt_id = ?1");
        query.bind(1, attempt);
        std::map<std::string, int> found;
        while (query.step()) {
            found.emplace(query.text(0), query.int32(1));
        }
        return found;
    }

    [[nodiscard]] std::optional<std::string> result_document(int64_t attempt) const override
    {
        Statement query(*m_db, results_query("r.document"));
        query.bind(1, attempt);
        if (!query.step()) {
            return std::nullopt;
        }
        return decompress_result(query.blob(0), attempt);
    }

    void visit_results(const std::string& profile, const std::string& track_id,
                       const std::function<void(const std::string& document)>& visit) const override
    {
        Statement query(*m_db, results_query("r.document"));
        for (const auto id : finished_ids(profile, track_id, Order::newest_first)) {
            query.bind(1, id);
            if (query.step()) {
                visit(decompress_result(query.blob(0), id));
            }
            query.reset();
        }
    }

    void visit_result_summaries(
        const std::string& profile, const std::string& track_id, Order order,
        const std::function<void(int64_t attempt, const std::string& summary)>& visit) const override
    {
        // The summary was extracted when the result was written (k_insert_result), so no
        // document is decompressed or parsed here.
        Statement query(*m_db, results_query("COALESCE(r.summary, 'null')"));
        for (const auto id : finished_ids(profile, track_id, order)) {
            query.bind(1, id);
            if (query.step()) {
                visit(id, query.text(0));
            }
            query.reset();
        }
    }

    void add_certification(const std::string& profile, const Certification& cert) override
    {
        Transaction transaction(*m_db);
        Statement(*m_db,
                  "INSERT INTO certifications (profile, track_id, rung_id, earned_on) VALUES (?1, ?2, ?3, ?4)"
                  " ON CONFLICT (profile, track_id, rung_id) DO UPDATE SET earned_on = excluded.earned_on")
            .bind(1, profile)
            .bind(2, cert.track_id)
            .bind(3, cert.rung_id)
            .bind(4, cert.earned_on)
            .run();
        transaction.commit();
    }

    bool remove_certification(const std::string& profile, const std::string& track_id,
                              const std::string& rung_id) override
    {
        Transaction transaction(*m_db);
        Statement(*m_db, "DELETE FROM certifications WHERE profile = ?1 AND track_id = ?2 AND rung_id = ?3")
            .bind(1, profile)
            .bind(2, track_id)
            .bind(3, rung_id)
            .run();
        const bool removed = m_db->changes() > 0;
        transaction.commit();
        return removed;
    }

    [[nodiscard]] std::vector<Certification> certifications(const std::string& profile) const override
    {
        Statement query(*m_db, "SELECT track_id, rung_id, earned_on FROM certifications WHERE profile = ?1"
                               " ORDER BY track_id, rung_id");
        query.bind(1, profile);
        std::vector<Certification> found;
        while (query.step()) {
            found.push_back({query.text(0), query.text(1), query.text(2)});
        }
        return found;
    }

    void mark_checklist(const std::string& profile, const ChecklistMark& mark) override
    {
        Transaction transaction(*m_db);
        Statement(*m_db,
                  "INSERT INTO checklist_marks (profile, track_id, project_id, item_id, evidence, source,"
                  " marked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                  " ON CONFLICT (profile, track_id, project_id, item_id) DO UPDATE"
                  " SET evidence = excluded.evidence, source = excluded.source,"
                  " marked_at = excluded.marked_at")
            .bind(1, profile)
            .bind(2, mark.track_id)
            .bind(3, mark.project_id)
            .bind(4, mark.item_id)
            .bind(5, mark.evidence)
            .bind(6, mark.source)
            .bind(7, mark.marked_at)
            .run();
        transaction.commit();
    }

    bool unmark_checklist(const std::string& profile, const std::string& track_id,
                          const std::string& project_id, const std::string& item_id) override
    {
        Transaction transaction(*m_db);
        Statement(*m_db, "DELETE FROM checklist_marks"
                         " WHERE profile = ?1 AND track_id = ?2 AND project_id = ?3 AND item_id = ?4")
            .bind(1, profile)
            .bind(2, track_id)
            .bind(3, project_id)
            .bind(4, item_id)
            .run();
        const bool removed = m_db->changes() > 0;
        transaction.commit();
        return removed;
    }

    [[nodiscard]] std::vector<ChecklistMark> checklist(const std::string& profile,
                                                       const std::string& track_id) const override
    {
        Statement query(*m_db, "SELECT track_id, project_id, item_id, evidence, source, marked_at"
                               " FROM checklist_marks WHERE profile = ?1" +
                                   track_filter(track_id) + " ORDER BY track_id, project_id, item_id");
        bind_profile_track(query, profile, track_id);
        std::vector<ChecklistMark> found;
        while (query.step()) {
            found.push_back(
                {query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5)});
        }
        return found;
    }

private:
    // The ids of the finished attempts in `order`, through the track index. Documents are then
    // read by id one at a time: one joined query ordered by id would make SQLite sort the selected
    // documents themselves, holding them all.
    [[nodiscard]] std::vector<int64_t> finished_ids(const std::string& profile, const std::string& track_id,
                                                    Order order) const
    {
        Statement query(*m_db, "SELECT id FROM attempts WHERE profile = ?1" + track_filter(track_id) +
                                   " AND finished_at IS NOT NULL ORDER BY id" +
                                   (order == Order::newest_first ? " DESC" : ""));
        bind_profile_track(query, profile, track_id);
        std::vector<int64_t> ids;
        while (query.step()) {
            ids.push_back(query.int64(0));
        }
        return ids;
    }

    [[nodiscard]] std::optional<Attempt> newest(const std::string& profile, const std::string& track_id,
                                                const char* condition) const override
    {
        Statement query(*m_db, select_attempts("WHERE profile = ?1") + track_filter(track_id) + " AND " +
                                   condition + " ORDER BY id DESC LIMIT 1");
        bind_profile_track(query, profile, track_id);
        if (!query.step()) {
            return std::nullopt;
        }
        return read_attempt(query);
    }

    // Answers, ratings and the result of a finished attempt are what its report was computed
    // from; they do not change afterwards. Called inside the write transaction, so no other
    // process can finish or discard the attempt between this check and the write.
    void require_unfinished(int64_t attempt) const
    {
        Statement query(*m_db, "SELECT finished_at IS NOT NULL FROM attempts WHERE id = ?1");
        query.bind(1, attempt);
        if (!query.step()) {
            throw util::Error(m_db->name() + ": no attempt " + std::to_string(attempt),
                              util::ExitCode::not_found);
        }
        if (query.int32(0) != 0) {
            throw util::Error(m_db->name() + ": attempt " + std::to_string(attempt) +
                                  " is finished; it can no longer change",
                              util::ExitCode::storage);
        }
    }

    std::unique_ptr<Database> m_db;
};

} // namespace

std::string results_query(const std::string& column)
{
    return "SELECT " + column + " FROM results r WHERE r.attempt_id = ?1";
}

std::string attempts_query(bool by_track)
{
    return select_attempts("WHERE profile = ?1") + (by_track ? " AND track_id = ?2" : "") +
           " ORDER BY id DESC";
}

std::unique_ptr<Store> make_sqlite_store(std::unique_ptr<Database> db)
{
    return std::make_unique<SqliteStore>(std::move(db));
}

} // namespace cloudtrack::host::store::detail
