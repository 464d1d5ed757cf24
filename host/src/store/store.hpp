// Where attempts, answers, results, certifications and portfolio progress are kept, per profile.
// One interface, one conformance suite (tests/unit/store) run against every backend; SQLite is the
// embedded default, PostgreSQL the shared store of an organization. Every write is committed before the call
// returns: a killed process loses nothing that a call had returned from.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudtrack::host::store {

struct NewAttempt {
    std::string profile;
    std::string track_id;
    std::string track_version;
    std::string content_sha256;
    std::string form_json;  // the drawn form: {"seed": n, "mode": "...", "items": [ids...]}
    std::string started_at; // ISO 8601 UTC
};

struct Attempt {
    int64_t id = 0;
    std::string profile;
    std::string track_id;
    std::string track_version;
    std::string content_sha256;
    std::string form_json;
    std::string started_at;
    std::optional<std::string> finished_at;
    std::string overall_level; // level name when finished, else empty
};

struct Answer {
    std::string item_id;
    std::string response_json; // the response as given: "a", ["a","c"], 42.5
    std::string answered_at;
};

struct Certification {
    std::string track_id;
    std::string rung_id;
    std::string earned_on; // YYYY-MM-DD
};

struct ChecklistMark {
    std::string track_id;
    std::string project_id;
    std::string item_id;
    std::string evidence;  // text, URL, or JSON of probe evidence
    std::string source;    // "manual" or "probe"
    std::string marked_at; // ISO 8601 UTC
};

enum class Order { newest_first, oldest_first };

// The parts of a result document (docs/assessment.md) a summary holds, in its order: what
// `progress` reads. Changing them needs a migration of the SQLite store, which keeps the summary
// beside the compressed document (sqlite_schema.cpp).
inline constexpr std::array<std::string_view, 5> k_result_summary_paths = {
    "$.attempt.id", "$.attempt.finished_at", "$.track", "$.overall", "$.areas"};

// Contract of every backend (checked by tests/unit/store/test_store_conformance.cpp):
// - a finished attempt is frozen: answering, rating, finishing or discarding it again throws
//   util::Error (exit code `storage`); writes naming an unknown attempt throw (`not_found`);
//   reads of unknown ids return empty values;
// - "newest" is the order attempts were begun (by id), not their timestamps;
// - an empty track id means every track, in every lookup that takes one;
// - one Store object per thread; several processes may share one database.
class Store {
public:
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    Store(Store&&) = delete;
    Store& operator=(Store&&) = delete;
    virtual ~Store() = default;

    // Attempts
    virtual int64_t begin_attempt(const NewAttempt& attempt) = 0;
    // Inserts or replaces the answer to `item_id`.
    virtual void record_answer(int64_t attempt, const std::string& item_id, const std::string& response_json,
                               const std::string& answered_at) = 0;
    virtual void clear_answer(int64_t attempt, const std::string& item_id) = 0;
    virtual void record_self_rating(int64_t attempt, const std::string& area_id, int rating) = 0;
    // Stores the result document and marks the attempt finished, in one transaction.
    virtual void finish_attempt(int64_t attempt, const std::string& result_json,
                                const std::string& overall_level, const std::string& finished_at) = 0;
    // Removes an unfinished attempt and its answers (the user chose to start over).
    virtual void discard_attempt(int64_t attempt) = 0;

    [[nodiscard]] virtual std::optional<Attempt> attempt(int64_t id) const = 0;
    // Newest first; `track_id` empty for every track.
    [[nodiscard]] virtual std::vector<Attempt> attempts(const std::string& profile,
                                                        const std::string& track_id) const = 0;
    [[nodiscard]] virtual std::optional<Attempt> unfinished_attempt(const std::string& profile,
                                                                    const std::string& track_id) const = 0;
    // The newest finished attempt of `profile` on `track_id`.
    [[nodiscard]] virtual std::optional<Attempt> latest_finished(const std::string& profile,
                                                                 const std::string& track_id) const = 0;
    // In the order they were first given.
    [[nodiscard]] virtual std::vector<Answer> answers(int64_t attempt) const = 0;
    [[nodiscard]] virtual std::map<std::string, int> self_ratings(int64_t attempt) const = 0;
    [[nodiscard]] virtual std::optional<std::string> result_document(int64_t attempt) const = 0;
    // Calls `visit` with each stored result document of `profile` (every track when `track_id` is
    // empty), newest first, one at a time: memory does not grow with the number of results. The
    // document is valid only during the call.
    virtual void visit_results(const std::string& profile, const std::string& track_id,
                               const std::function<void(const std::string& document)>& visit) const = 0;
    // Calls `visit` with the summary of each stored result of `profile` (as visit_results selects
    // them), in `order`: the text of one JSON array holding the values at k_result_summary_paths
    // (null where a path is missing; the whole summary is "null" when the stored text is not
    // JSON), so history commands never read a document whole. Values are copied as their text
    // stood in the document: numbers keep every digit. `attempt` names the result in errors.
    virtual void visit_result_summaries(
        const std::string& profile, const std::string& track_id, Order order,
        const std::function<void(int64_t attempt, const std::string& summary)>& visit) const = 0;

    // Certifications held
    virtual void add_certification(const std::string& profile, const Certification& cert) = 0;
    // Returns false when the profile did not hold it.
    virtual bool remove_certification(const std::string& profile, const std::string& track_id,
                                      const std::string& rung_id) = 0;
    [[nodiscard]] virtual std::vector<Certification> certifications(const std::string& profile) const = 0;

    // Portfolio checklist progress
    virtual void mark_checklist(const std::string& profile, const ChecklistMark& mark) = 0;
    virtual bool unmark_checklist(const std::string& profile, const std::string& track_id,
                                  const std::string& project_id, const std::string& item_id) = 0;
    [[nodiscard]] virtual std::vector<ChecklistMark> checklist(const std::string& profile,
                                                               const std::string& track_id) const = 0;
};

// Opens (creating and migrating as needed) the SQLite store at `file`, or an in-memory one for
// ":memory:". Checks up front that the database can be written, so a read-only folder fails
// before the first question. Throws util::Error (exit code `storage`) naming the file: corrupt
// or foreign files are reported and never overwritten.
std::unique_ptr<Store> open_sqlite(const std::filesystem::path& file);

// Opens (creating and migrating as needed) the PostgreSQL store at `uri`, a libpq connection URI
// ("postgresql://..." or "postgres://...": TLS settings, password and service files work as
// libpq documents them). Throws util::Error (exit code `storage`) on one line naming the store
// without its password: the server is down, the login is refused, the schema is another
// program's or a newer cloudtrack's, or is older and this login may not migrate it.
std::unique_ptr<Store> open_postgres(const std::string& uri);

// The store a setting names (--store, or "store" in config.json): a PostgreSQL URI, else the
// path of a SQLite file; empty for the default file in `data_dir`.
std::unique_ptr<Store> open_store(const std::string& spec, const std::filesystem::path& data_dir);

// The store file inside a data folder.
std::filesystem::path default_store_file(const std::filesystem::path& data_dir);

} // namespace cloudtrack::host::store
