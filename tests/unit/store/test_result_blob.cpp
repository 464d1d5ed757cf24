// Result documents in the SQLite store: compressed, read back byte for byte, refused by name when
// damaged; and a database written by the first schema converted in place.
#include "store/result_blob.hpp"
#include "store/sqlite_schema.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <functional>
#include <string>

#include <sqlite3.h>

namespace {

namespace fs = std::filesystem;
using namespace cloudtrack::host::store;
using Catch::Matchers::Contains;
using cloudtrack::test::TempDir;
using cloudtrack::util::Error;
using cloudtrack::util::ExitCode;

// A document with what makes JSON text hard to keep exact: spacing, escapes, UTF-8, digits.
std::string document(int id)
{
    std::string text =
        "{\n  \"attempt\": {\"id\": " + std::to_string(id) + ", \"finished_at\": \"2024-05-0" +
        std::to_string(id) +
        "T10:00:00Z\"},\n  \"track\": {\"id\": \"aws\", \"name\": \"Cloud \\u00e9 — \\\"x\\\"\"," +
        " \"version\": \"1.0.0\", \"content_sha256\": \"ab\"},\n  \"overall\": {\"percent\": 50.0," +
        " \"theta\": 0.10000000000000001, \"se\": 3e-1, \"level_name\": \"Mid\"},\n  \"areas\": [],\n"
        "  \"missed\": [";
    for (int i = 0; i < 500; ++i) {
        text += std::string(i == 0 ? "" : ", ") + "{\"stem\": \"Which VPC option is cheapest? " +
                std::to_string(i) + "\"}";
    }
    return text + "]\n}";
}

void run_sql(const fs::path& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    INFO((error == nullptr ? "" : error));
    sqlite3_free(error);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

ExitCode code_of(const std::function<void()>& call)
{
    try {
        call();
    } catch (const Error& error) {
        return error.code();
    }
    return ExitCode::ok;
}

} // namespace

TEST_CASE("result blob: a document comes back byte for byte, much smaller", "[store]")
{
    const auto text = document(1);
    const auto blob = compress_result(text);
    CHECK(blob.size() * 5 < text.size());
    CHECK(decompress_result(blob, 1) == text);
    CHECK(decompress_result(compress_result(""), 1).empty());
}

TEST_CASE("result blob: damaged bytes are refused with the result's id", "[store]")
{
    const auto blob = compress_result(document(1));
    auto flipped = blob;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5a);
    for (const auto& damaged : {std::string("not zstd at all"), std::string(),
                                blob.substr(0, blob.size() / 2), blob + "x", flipped}) {
        CHECK_THROWS_WITH(decompress_result(damaged, 42),
                          Contains("stored result 42: the compressed document is damaged"));
        CHECK(code_of([&] { (void)decompress_result(damaged, 42); }) == ExitCode::storage);
    }
}

TEST_CASE("result blob: a store of the first schema is converted, documents kept exactly", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    // Schema 1 as released: documents as text.
    run_sql(file, R"sql(
CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL, track_id TEXT NOT NULL,
    track_version TEXT NOT NULL, content_sha256 TEXT NOT NULL, form_json TEXT NOT NULL,
    started_at TEXT NOT NULL, finished_at TEXT, overall_level TEXT NOT NULL DEFAULT '');
CREATE INDEX attempts_by_profile ON attempts (profile, track_id, id);
CREATE TABLE answers (attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    item_id TEXT NOT NULL, seq INTEGER NOT NULL, response_json TEXT NOT NULL, answered_at TEXT NOT NULL,
    PRIMARY KEY (attempt_id, item_id), UNIQUE (attempt_id, seq)) WITHOUT ROWID;
CREATE TABLE self_ratings (attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    area_id TEXT NOT NULL, rating INTEGER NOT NULL, PRIMARY KEY (attempt_id, area_id)) WITHOUT ROWID;
CREATE TABLE results (attempt_id INTEGER PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    result_json TEXT NOT NULL);
CREATE TABLE certifications (profile TEXT NOT NULL, track_id TEXT NOT NULL, rung_id TEXT NOT NULL,
    earned_on TEXT NOT NULL, PRIMARY KEY (profile, track_id, rung_id)) WITHOUT ROWID;
CREATE TABLE checklist_marks (profile TEXT NOT NULL, track_id TEXT NOT NULL, project_id TEXT NOT NULL,
    item_id TEXT NOT NULL, evidence TEXT NOT NULL, source TEXT NOT NULL, marked_at TEXT NOT NULL,
    PRIMARY KEY (profile, track_id, project_id, item_id)) WITHOUT ROWID;
PRAGMA user_version = 1;
)sql" + std::string("PRAGMA application_id = ") +
                      std::to_string(detail::k_application_id) + ";");
    const std::array<std::string, 3> documents = {document(1), document(2), "not JSON, kept as it was"};
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    for (int id = 1; id <= 3; ++id) {
        const auto& text = documents.at(static_cast<size_t>(id - 1));
        const auto attempt = "INSERT INTO attempts (id, profile, track_id, track_version, content_sha256,"
                             " form_json, started_at, finished_at) VALUES (" +
                             std::to_string(id) + ", 'ana', 'aws', '1', 'ab', '{}', 't', 't')";
        REQUIRE(sqlite3_exec(db, attempt.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_stmt* result = nullptr;
        REQUIRE(sqlite3_prepare_v2(db, "INSERT INTO results VALUES (?1, ?2)", -1, &result, nullptr) ==
                SQLITE_OK);
        sqlite3_bind_int(result, 1, id);
        sqlite3_bind_text(result, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
        CHECK(sqlite3_step(result) == SQLITE_DONE);
        sqlite3_finalize(result);
    }
    sqlite3_close(db);

    auto store = open_sqlite(file);
    for (int id = 1; id <= 3; ++id) {
        CHECK(store->result_document(id) == documents.at(static_cast<size_t>(id - 1)));
    }
    std::vector<std::string> summaries;
    store->visit_result_summaries("ana", "aws", Order::oldest_first,
                                  [&](int64_t, const std::string& summary) { summaries.push_back(summary); });
    REQUIRE(summaries.size() == 3);
    CHECK(summaries[0] ==
          R"([1,"2024-05-01T10:00:00Z",{"id":"aws","name":"Cloud \u00e9 — \"x\"","version":"1.0.0",)"
          R"("content_sha256":"ab"},{"percent":50.0,"theta":0.10000000000000001,"se":3e-1,)"
          R"("level_name":"Mid"},[]])");
    CHECK(summaries[2] == "null");
    // A result written after the migration is stored the same way.
    const auto id = store->begin_attempt({"ana", "aws", "1", "ab", "{}", "t"});
    store->finish_attempt(id, document(4), "Mid", "t");
    CHECK(store->result_document(id) == document(4));
}

TEST_CASE("result blob: a damaged stored document is an error naming the result, exit 5", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    int64_t id = 0;
    {
        auto store = open_sqlite(file);
        id = store->begin_attempt({"ana", "aws", "1", "ab", "{}", "t"});
        store->finish_attempt(id, document(1), "Mid", "t");
    }
    run_sql(file, "UPDATE results SET document = substr(document, 1, 20) || x'00112233' WHERE attempt_id = " +
                      std::to_string(id));
    auto store = open_sqlite(file);
    CHECK_THROWS_WITH(store->result_document(id), Contains("stored result " + std::to_string(id) +
                                                           ": the compressed document is damaged"));
    CHECK(code_of([&] { store->visit_results("ana", "aws", [](const std::string&) {}); }) ==
          ExitCode::storage);
}

TEST_CASE("the summary SQLite writes holds exactly the parts the store's contract names", "[store]")
{
    // k_insert_result spells the paths out for SQLite; the PostgreSQL store reads them from
    // k_result_summary_paths. A path changed in one place only would make the backends disagree.
    std::string extract = "json_extract(?3";
    for (const auto path : k_result_summary_paths) {
        extract += ", '" + std::string(path) + "'";
    }
    CHECK_THAT(std::string(detail::k_insert_result), Contains(extract + ")"));
}
