// The queries of the PostgreSQL store: every mutating call is committed before it returns; calls
// that check an attempt before writing do both in one transaction, the attempt's row locked.
#include "store/pg_store.hpp"

#include "store/newest_attempt.hpp"
#include "util/error.hpp"

#include <string>
#include <utility>

namespace cloudtrack::host::store::detail {

namespace {

constexpr const char* k_attempt_columns = "id, profile, track_id, track_version, content_sha256, form_json,"
                                          " started_at, finished_at, overall_level";

Attempt read_attempt(const PgResult& rows, int row)
{
    Attempt attempt;
    attempt.id = rows.int64(row, 0);
    attempt.profile = rows.text(row, 1);
    attempt.track_id = rows.text(row, 2);
    attempt.track_version = rows.text(row, 3);
    attempt.content_sha256 = rows.text(row, 4);
    attempt.form_json = rows.text(row, 5);
    attempt.started_at = rows.text(row, 6);
    if (!rows.is_null(row, 7)) {
        attempt.finished_at = rows.text(row, 7);
    }
    attempt.overall_level = rows.text(row, 8);
    return attempt;
}

// Each row's first three columns as the three text fields of a T (Answer, Certification).
template <class T> std::vector<T> three_texts(const PgResult& rows)
{
    std::vector<T> found;
    found.reserve(static_cast<size_t>(rows.rows()));
    for (int row = 0; row < rows.rows(); ++row) {
        found.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2)});
    }
    return found;
}

std::string select_attempts(const std::string& rest)
{
    return std::string("SELECT ") + k_attempt_columns + " FROM attempts " + rest;
}

// PostgreSQL plans `$2 = '' OR track_id = $2` per execution of an unnamed statement, with the
// value in hand, so one statement serves "every track" and "one track" alike.
constexpr const char* k_profile_track = "profile = $1 AND ($2 = '' OR track_id = $2)";

class PgStore final : public NewestAttemptStore {
public:
    explicit PgStore(std::unique_ptr<PgConnection> db) : m_db(std::move(db)) {}

    int64_t begin_attempt(const NewAttempt& attempt) override
    {
        return m_db
            ->query("INSERT INTO attempts (profile, track_id, track_version, content_sha256, form_json,"
                    " started_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    {attempt.profile, attempt.track_id, attempt.track_version, attempt.content_sha256,
                     attempt.form_json, attempt.started_at})
            .int64(0, 0);
    }

    void record_answer(int64_t attempt, const std::string& item_id, const std::string& response_json,
                       const std::string& answered_at) override
    {
        PgTransaction transaction(*m_db);
        require_unfinished(attempt);
        // A replaced answer keeps its place (seq); a new one goes last. The attempt's row is
        // locked, so no other writer can take the same seq.
        m_db->query("INSERT INTO answers (attempt_id, item_id, seq, response_json, answered_at)"
                    " VALUES ($1, $2, (SELECT coalesce(max(seq), 0) + 1 FROM answers WHERE attempt_id = $1),"
                    " $3, $4)"
                    " ON CONFLICT (attempt_id, item_id) DO UPDATE"
                    " SET response_json = excluded.response_json, answered_at = excluded.answered_at",
                    {attempt, item_id, response_json, answered_at});
        transaction.commit();
    }

    void clear_answer(int64_t attempt, const std::string& item_id) override
    {
        PgTransaction transaction(*m_db);
        require_unfinished(attempt);
        m_db->query("DELETE FROM answers WHERE attempt_id = $1 AND item_id = $2", {attempt, item_id});
        transaction.commit();
    }

    void record_self_rating(int64_t attempt, const std::string& area_id, int rating) override
    {
        PgTransaction transaction(*m_db);
        require_unfinished(attempt);
        m_db->query("INSERT INTO self_ratings (attempt_id, area_id, rating) VALUES ($1, $2, $3)"
                    " ON CONFLICT (attempt_id, area_id) DO UPDATE SET rating = excluded.rating",
                    {attempt, area_id, rating});
        transaction.commit();
    }

    // One statement, so one round trip and one transaction: the check, the result and the
    // closing of the attempt commit together or not at all. FOR UPDATE makes a second finisher
    // wait, then see the attempt finished.
    void finish_attempt(int64_t attempt, const std::string& result_json, const std::string& overall_level,
                        const std::string& finished_at) override
    {
        const auto outcome =
            m_db->query("WITH target AS (SELECT id, finished_at IS NOT NULL AS finished FROM attempts"
                        "                WHERE id = $1 FOR UPDATE),"
                        " stored AS (INSERT INTO results (attempt_id, result_json)"
                        "            SELECT id, $2 FROM target WHERE NOT finished RETURNING attempt_id),"
                        " closed AS (UPDATE attempts SET finished_at = $3, overall_level = $4"
                        "            WHERE id IN (SELECT attempt_id FROM stored) RETURNING id)"
                        " SELECT (SELECT count(*) FROM target), (SELECT count(*) FROM closed)",
                        {attempt, result_json, finished_at, overall_level});
        if (outcome.int64(0, 0) == 0) {
            throw_not_found(attempt);
        }
        if (outcome.int64(0, 1) == 0) {
            throw_finished(attempt);
        }
    }

    void discard_attempt(int64_t attempt) override
    {
        PgTransaction transaction(*m_db);
        require_unfinished(attempt); // a finished attempt has a result that reports refer to
        // Answers and self-ratings go with it (ON DELETE CASCADE).
        m_db->query("DELETE FROM attempts WHERE id = $1", {attempt});
        transaction.commit();
    }

    [[nodiscard]] std::optional<Attempt> attempt(int64_t id) const override
    {
        const auto rows = m_db->query(select_attempts("WHERE id = $1"), {id});
        if (rows.rows() == 0) {
            return std::nullopt;
        }
        return read_attempt(rows, 0);
    }

    // "Newest" is the order attempts were begun (ids only grow), not the clock in started_at.
    [[nodiscard]] std::vector<Attempt> attempts(const std::string& profile,
                                                const std::string& track_id) const override
    {
        const auto rows =
            m_db->query(select_attempts(std::string("WHERE ") + k_profile_track + " ORDER BY id DESC"),
                        {profile, track_id});
        std::vector<Attempt> found;
        found.reserve(static_cast<size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) {
            found.push_back(read_attempt(rows, row));
        }
        return found;
    }

    [[nodiscard]] std::vector<Answer> answers(int64_t attempt) const override
    {
        const auto rows = m_db->query(
            "SELECT item_id, response_json, answered_at FROM answers WHERE attempt_id = $1 ORDER BY seq",
            {attempt});
        return three_texts<Answer>(rows);
    }

    [[nodiscard]] std::map<std::string, int> self_ratings(int64_t attempt) const override
    {
        const auto rows =
            m_db->query("SELECT area_id, rating FROM self_ratings WHERE attempt_id = $1", {attempt});
        std::map<std::string, int> found;
        for (int row = 0; row < rows.rows(); ++row) {
            found.emplace(rows.text(row, 0), static_cast<int>(rows.int64(row, 1)));
        }
        return found;
    }

    [[nodiscard]] std::optional<std::string> result_document(int64_t attempt) const override
    {
        const auto rows = m_db->query("SELECT result_json FROM results WHERE attempt_id = $1", {attempt});
        if (rows.rows() == 0) {
            return std::nullopt;
        }
        return rows.text(0, 0);
    }

    void visit_results(const std::string& profile, const std::string& track_id,
                       const std::function<void(const std::string& document)>& visit) const override
    {
        for (const auto id : finished_ids(profile, track_id, Order::newest_first)) {
            const auto rows = m_db->query("SELECT result_json FROM results WHERE attempt_id = $1", {id});
            if (rows.rows() > 0) {
                visit(rows.text(0, 0));
            }
        }
    }

    void visit_result_summaries(
        const std::string& profile, const std::string& track_id, Order order,
        const std::function<void(int64_t attempt, const std::string& summary)>& visit) const override
    {
        // The json type (not jsonb) keeps each value's text as it stood in the document, so
        // numbers keep every digit; only the whitespace between tokens is dropped afterwards, as
        // SQLite's json functions drop it. Paths are parameters $2, $3, ...
        // The documents stay text here (the server compresses large values itself, TOAST), so
        // the summary is extracted as it is read.
        const auto& paths = k_result_summary_paths;
        std::string sql = "SELECT ";
        std::vector<PgParam> params = {int64_t{0}};
        for (size_t i = 0; i < paths.size(); ++i) {
            sql += (i == 0 ? "" : ", ") + std::string("json_extract_path(d, VARIADIC $") +
                   std::to_string(i + 2) + "::text[])::text";
            params.emplace_back(json_path_array(std::string(paths.at(i))));
        }
        sql += " FROM (SELECT result_json::json AS d FROM results WHERE attempt_id = $1) r";
        for (const auto id : finished_ids(profile, track_id, order)) {
            params[0] = PgParam(id);
            const auto rows = m_db->query(sql, params);
            if (rows.rows() == 0) {
                continue;
            }
            std::string parts = "[";
            for (size_t i = 0; i < paths.size(); ++i) {
                const int column = static_cast<int>(i);
                parts += i == 0 ? "" : ",";
                parts += rows.is_null(0, column) ? "null" : minify_json(rows.text(0, column));
            }
            visit(id, parts + "]");
        }
    }

    void add_certification(const std::string& profile, const Certification& cert) override
    {
        m_db->query(
            "INSERT INTO certifications (profile, track_id, rung_id, earned_on) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (owner, profile, track_id, rung_id) DO UPDATE SET earned_on = excluded.earned_on",
            {profile, cert.track_id, cert.rung_id, cert.earned_on});
    }

    bool remove_certification(const std::string& profile, const std::string& track_id,
                              const std::string& rung_id) override
    {
        return m_db->query("DELETE FROM certifications WHERE profile = $1 AND track_id = $2 AND rung_id = $3",
                           {profile, track_id, rung_id})
                   .changed() > 0;
    }

    [[nodiscard]] std::vector<Certification> certifications(const std::string& profile) const override
    {
        const auto rows =
            m_db->query("SELECT track_id, rung_id, earned_on FROM certifications WHERE profile = $1"
                        " ORDER BY track_id, rung_id",
                        {profile});
        return three_texts<Certification>(rows);
    }

    void mark_checklist(const std::string& profile, const ChecklistMark& mark) override
    {
        m_db->query(
            "INSERT INTO checklist_marks (profile, track_id, project_id, item_id, evidence, source,"
            " marked_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
            " ON CONFLICT (owner, profile, track_id, project_id, item_id) DO UPDATE"
            " SET evidence = excluded.evidence, source = excluded.source, marked_at = excluded.marked_at",
            {profile, mark.track_id, mark.project_id, mark.item_id, mark.evidence, mark.source,
             mark.marked_at});
    }

    bool unmark_checklist(const std::string& profile, const std::string& track_id,
                          const std::string& project_id, const std::string& item_id) override
    {
        return m_db->query("DELETE FROM checklist_marks"
                           " WHERE profile = $1 AND track_id = $2 AND project_id = $3 AND item_id = $4",
                           {profile, track_id, project_id, item_id})
                   .changed() > 0;
    }

    [[nodiscard]] std::vector<ChecklistMark> checklist(const std::string& profile,
                                                       const std::string& track_id) const override
    {
        const auto rows =
            m_db->query(std::string("SELECT track_id, project_id, item_id, evidence, source, marked_at"
                                    " FROM checklist_marks WHERE ") +
                            k_profile_track + " ORDER BY track_id, project_id, item_id",
                        {profile, track_id});
        std::vector<ChecklistMark> found;
        found.reserve(static_cast<size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) {
            found.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3),
                             rows.text(row, 4), rows.text(row, 5)});
        }
        return found;
    }

private:
    // The ids of the finished attempts in `order`. Documents are then read by id one at a
    // time, so the client never holds more than one.
    [[nodiscard]] std::vector<int64_t> finished_ids(const std::string& profile, const std::string& track_id,
                                                    Order order) const
    {
        const auto rows = m_db->query(std::string("SELECT id FROM attempts WHERE ") + k_profile_track +
                                          " AND finished_at IS NOT NULL ORDER BY id" +
                                          (order == Order::newest_first ? " DESC" : ""),
                                      {profile, track_id});
        std::vector<int64_t> ids;
        ids.reserve(static_cast<size_t>(rows.rows()));
        for (int row = 0; row < rows.rows(); ++row) {
            ids.push_back(rows.int64(row, 0));
        }
        return ids;
    }

    [[nodiscard]] std::optional<Attempt> newest(const std::string& profile, const std::string& track_id,
                                                const char* condition) const override
    {
        const auto rows = m_db->query(select_attempts(std::string("WHERE ") + k_profile_track + " AND " +
                                                      condition + " ORDER BY id DESC LIMIT 1"),
                                      {profile, track_id});
        if (rows.rows() == 0) {
            return std::nullopt;
        }
        return read_attempt(rows, 0);
    }

    // Answers, ratings and the result of a finished attempt are what its report was computed
    // from; they do not change afterwards. The row stays locked until the transaction ends, so no
    // other process can finish or discard the attempt between this check and the write.
    void require_unfinished(int64_t attempt) const
    {
        const auto rows =
            m_db->query("SELECT finished_at IS NOT NULL FROM attempts WHERE id = $1 FOR UPDATE", {attempt});
        if (rows.rows() == 0) {
            throw_not_found(attempt);
        }
        if (rows.text(0, 0) == "t") {
            throw_finished(attempt);
        }
    }

    [[noreturn]] void throw_not_found(int64_t attempt) const
    {
        throw util::Error(m_db->name() + ": no attempt " + std::to_string(attempt),
                          util::ExitCode::not_found);
    }

    [[noreturn]] void throw_finished(int64_t attempt) const
    {
        throw util::Error(m_db->name() + ": attempt " + std::to_string(attempt) +
                              " is finished; it can no longer change",
                          util::ExitCode::storage);
    }

    std::unique_ptr<PgConnection> m_db;
};

} // namespace

std::string json_path_array(const std::string& path)
{
    const auto refuse = [&] {
        throw util::Error("unsupported JSON path " + path + " (expected $.key.key or $.key[N])",
                          util::ExitCode::storage);
    };
    if (path.empty() || path[0] != '$') {
        refuse();
    }
    std::vector<std::string> keys;
    size_t i = 1;
    while (i < path.size()) {
        if (path[i] == '.') {
            const auto end = path.find_first_of(".[", i + 1);
            keys.push_back(path.substr(i + 1, end == std::string::npos ? std::string::npos : end - i - 1));
            if (keys.back().empty()) {
                refuse();
            }
            i = end == std::string::npos ? path.size() : end;
        } else if (path[i] == '[') {
            const auto end = path.find(']', i);
            if (end == std::string::npos || end == i + 1 ||
                path.find_first_not_of("0123456789", i + 1) != end) {
                refuse();
            }
            keys.push_back(path.substr(i + 1, end - i - 1));
            i = end + 1;
        } else {
            refuse();
        }
    }
    // Array literal syntax: every element double-quoted, with '"' and '\' escaped.
    std::string literal = "{";
    for (size_t k = 0; k < keys.size(); ++k) {
        literal += k == 0 ? "\"" : ",\"";
        for (const char c : keys[k]) {
            if (c == '"' || c == '\\') {
                literal += '\\';
            }
            literal += c;
        }
        literal += '"';
    }
    return literal + "}";
}

std::string minify_json(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    bool in_string = false;
    bool escaped = false;
    for (const char c : text) {
        if (in_string) {
            out += c;
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            out += c;
        }
    }
    return out;
}

std::unique_ptr<Store> make_pg_store(std::unique_ptr<PgConnection> db)
{
    return std::make_unique<PgStore>(std::move(db));
}

} // namespace cloudtrack::host::store::detail
