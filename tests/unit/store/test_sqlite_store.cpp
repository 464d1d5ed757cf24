// What only the SQLite backend promises: a file that survives reopening and SIGKILL, refusal
// (without touching) of files it does not own, failure at open when it cannot write, and
// serialized writes from two connections.
#include "store/sqlite_schema.hpp"
#include "store/sqlite_store.hpp"
#include "store/store.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <latch>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include <grp.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace cloudtrack::host::store;
using cloudtrack::test::read_text;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using cloudtrack::util::Error;
using cloudtrack::util::ExitCode;

NewAttempt new_attempt(const std::string& profile)
{
    return {profile,
            "aws",
            "1.0.0",
            std::string(64, 'f'),
            R"({"seed": 1, "mode": "full", "items": []})",
            "2024-05-01T10:00:00Z"};
}

// Runs SQL on a database through the plain C API, as another program would.
void run_sql(const fs::path& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
}

std::string query_text(const fs::path& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::string value;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW) {
        value = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// The detail lines of EXPLAIN QUERY PLAN for `sql`, with its parameters unbound.
std::vector<std::string> query_plan(const fs::path& file, const std::string& sql)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    std::vector<std::string> lines;
    const int rc = sqlite3_prepare_v2(db, ("EXPLAIN QUERY PLAN " + sql).c_str(), -1, &stmt, nullptr);
    while (rc == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
        lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 3)));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);
    return lines;
}

std::vector<std::string> folder_listing(const fs::path& folder)
{
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

// The message of the util::Error that opening `file` throws; fails the test if it is not a
// storage error or if the message does not start with the file's name.
std::string open_error(const fs::path& file)
{
    try {
        open_sqlite(file);
    } catch (const Error& error) {
        CHECK(error.code() == ExitCode::storage);
        std::string message = error.what();
        CHECK(message.rfind(file.string() + ": ", 0) == 0);
        CHECK(message.find('\n') == std::string::npos);
        return message;
    }
    FAIL("opening " << file << " did not fail");
    return {};
}

// Opening `file` refuses it and leaves every byte, and the folder, as they were.
std::string refused_untouched(const fs::path& file)
{
    const std::string before = read_text(file);
    const auto listing = folder_listing(file.parent_path());
    std::string message = open_error(file);
    CHECK(read_text(file) == before);
    CHECK(folder_listing(file.parent_path()) == listing);
    return message;
}

struct ChildOpen {
    int status = -1;     // 0: refused with a storage error, 1: opened, 2: another error
    std::string message; // the error's text
};

// Opens `file` in a child process that holds no root privileges (as root, the child becomes
// "nobody"), since root writes through any permission bits. Empty when privileges cannot be dropped.
std::optional<ChildOpen> open_unprivileged(const fs::path& file)
{
    constexpr uid_t k_nobody = 65534;
    std::array<int, 2> pipe_fds{};
    REQUIRE(::pipe(pipe_fds.data()) == 0);
    std::cout.flush(); // or the child would write the parent's pending output again
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::close(pipe_fds[0]);
        if (::geteuid() == 0 &&
            (::setgroups(0, nullptr) != 0 || ::setgid(k_nobody) != 0 || ::setuid(k_nobody) != 0)) {
            ::_exit(77);
        }
        int status = 1;
        std::string message;
        try {
            open_sqlite(file);
        } catch (const Error& error) {
            status = error.code() == ExitCode::storage ? 0 : 2;
            message = error.what();
        } catch (...) {
            status = 2;
        }
        const auto written = ::write(pipe_fds[1], message.data(), message.size());
        ::_exit(written < 0 ? 3 : status);
    }
    ::close(pipe_fds[1]);
    ChildOpen result;
    std::array<char, 512> buffer{};
    ssize_t n = 0;
    while ((n = ::read(pipe_fds[0], buffer.data(), buffer.size())) > 0) {
        result.message.append(buffer.data(), static_cast<size_t>(n));
    }
    ::close(pipe_fds[0]);
    int wait_status = 0;
    REQUIRE(::waitpid(pid, &wait_status, 0) == pid);
    REQUIRE(WIFEXITED(wait_status));
    if (WEXITSTATUS(wait_status) == 77) {
        return std::nullopt;
    }
    result.status = WEXITSTATUS(wait_status);
    return result;
}

} // namespace

TEST_CASE("sqlite store: the store file lives in the data folder", "[store]")
{
    CHECK(default_store_file("/x/data") == fs::path("/x/data/cloudtrack.db"));
}

TEST_CASE("sqlite store: a reopened file holds everything written to it", "[store]")
{
    TempDir dir;
    const auto file = default_store_file(dir / "deep" / "data"); // folders created on open
    int64_t finished = 0;
    int64_t open = 0;
    {
        auto store = open_sqlite(file);
        finished = store->begin_attempt(new_attempt("ana"));
        store->record_answer(finished, "q2", R"("b")", "t1");
        store->record_answer(finished, "q1", R"("a")", "t2");
        store->record_self_rating(finished, "network", 4);
        store->finish_attempt(finished, R"({"theta": 0.5})", "Associate", "t3");
        open = store->begin_attempt(new_attempt("ana"));
        store->record_answer(open, "q7", "7", "t4");
        store->add_certification("ana", {"aws", "saa", "2024-01-02"});
        store->mark_checklist("ana", {"aws", "vpc", "subnets", "https://example.org", "manual", "t5"});
    }
    REQUIRE(fs::exists(file));
    CHECK(query_text(file, "PRAGMA journal_mode") == "wal");
    CHECK(query_text(file, "PRAGMA user_version") == std::to_string(detail::schema_version()));
    CHECK(query_text(file, "PRAGMA application_id") == std::to_string(detail::k_application_id));

    auto store = open_sqlite(file);
    CHECK(store->latest_finished("ana", "aws")->overall_level == "Associate");
    CHECK(store->unfinished_attempt("ana", "aws")->id == open);
    const auto answers = store->answers(finished);
    REQUIRE(answers.size() == 2);
    CHECK(answers[0].item_id == "q2");
    CHECK(answers[1].item_id == "q1");
    CHECK(store->answers(open).size() == 1);
    CHECK(store->self_ratings(finished).at("network") == 4);
    CHECK(store->result_document(finished) == std::optional<std::string>(R"({"theta": 0.5})"));
    CHECK(store->certifications("ana").size() == 1);
    CHECK(store->checklist("ana", "aws").size() == 1);
}

TEST_CASE("sqlite store: the history of one track is read through the track index", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    open_sqlite(file)->begin_attempt(new_attempt("ana"));

    const auto by_track = query_plan(file, detail::attempts_query(true));
    INFO(Catch::Detail::stringify(by_track));
    REQUIRE(by_track.size() == 1);
    // Both columns are searched, and the index's order is the order asked for (no sort step).
    CHECK(by_track[0] == "SEARCH attempts USING INDEX attempts_by_profile (profile=? AND track_id=?)");

    const auto every = query_plan(file, detail::attempts_query(false));
    INFO(Catch::Detail::stringify(every));
    REQUIRE_FALSE(every.empty());
    CHECK(every[0] == "SEARCH attempts USING INDEX attempts_by_profile (profile=?)");
}

TEST_CASE("sqlite store: every answer survives SIGKILL of the process that gave it", "[store]")
{
    TempDir dir;
    const auto file = default_store_file(dir.path());
    std::cout.flush();
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        try {
            auto store = open_sqlite(file);
            const auto id = store->begin_attempt(new_attempt("ana"));
            store->record_answer(id, "q1", "1", "t1");
            store->record_answer(id, "q2", "2", "t2");
            store->record_answer(id, "q1", "3", "t3");
            ::raise(SIGKILL); // no destructor, no close, no checkpoint
        } catch (...) {
        }
        ::_exit(1);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    REQUIRE(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == SIGKILL);

    auto store = open_sqlite(file);
    const auto attempt = store->unfinished_attempt("ana", "aws");
    REQUIRE(attempt);
    const auto answers = store->answers(attempt->id);
    REQUIRE(answers.size() == 2);
    CHECK((answers[0].item_id == "q1" && answers[0].response_json == "3"));
    CHECK((answers[1].item_id == "q2" && answers[1].response_json == "2"));
}

TEST_CASE("sqlite store: an empty file becomes a new store", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    write_text(file, "");
    auto store = open_sqlite(file);
    CHECK(store->begin_attempt(new_attempt("ana")) > 0);
}

TEST_CASE("sqlite store: a file of random bytes is refused and left untouched", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    std::mt19937 random(42);
    std::string bytes(8192, '\0');
    for (auto& byte : bytes) {
        byte = static_cast<char>(random() & 0xffU);
    }
    write_text(file, bytes);
    const auto message = refused_untouched(file);
    CHECK(message ==
          file.string() + ": not a cloudtrack database (file is not a database); it was left untouched");
}

TEST_CASE("sqlite store: a short text file is refused and left untouched", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";
    write_text(file, "my notes, not a database\n");
    CHECK_THAT(refused_untouched(file), Catch::Contains("not a cloudtrack database"));
}

TEST_CASE("sqlite store: another program's SQLite database is refused and left untouched", "[store]")
{
    TempDir dir;
    const auto file = dir / "cloudtrack.db";

    SECTION("tables without a version")
    {
        run_sql(file, "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');");
        CHECK_THAT(refused_untouched(file), Catch::Contains("not a cloudtrack database (it holds tables"));
    }
    SECTION("another application id")
    {
        run_sql(file,
                "PRAGMA application_id = 1; PRAGMA user_version = 1; CREATE TABLE attempts (id INTEGER);");
        CHECK_THAT(refused_untouched(file),
                   Catch::Contains("not a cloudtrack database (it belongs to another"));
    }
}

TEST_CASE("sqlite store: a database from a newer cloudtrack is refused and left untouched", "[store]")
{
    TempDir dir;
    const auto file = default_store_file(dir.path());
    open_sqlite(file).reset();
    const int future = detail::schema_version() + 1;
    run_sql(file, "PRAGMA user_version = " + std::to_string(future) + "; PRAGMA journal_mode = DELETE;");
    const auto message = refused_untouched(file);
    CHECK(message == file.string() + ": created by a newer cloudtrack (schema version " +
                         std::to_string(future) + ", this build knows up to " +
                         std::to_string(detail::schema_version()) + "); it was left untouched");
    CHECK(query_text(file, "PRAGMA user_version") == std::to_string(future));
}

TEST_CASE("sqlite store: a folder that cannot be created fails at open", "[store]")
{
    TempDir dir;
    write_text(dir / "data", "a regular file where the data folder should be");
    const auto file = default_store_file(dir / "data");
    CHECK_THAT(open_error(file), Catch::Contains("cannot create its folder"));
    CHECK(read_text(dir / "data") == "a regular file where the data folder should be");
}

TEST_CASE("sqlite store: a database that cannot be written fails at open", "[store]")
{
    constexpr auto k_read_only_folder = fs::perms::owner_read | fs::perms::owner_exec |
                                        fs::perms::group_read | fs::perms::group_exec |
                                        fs::perms::others_read | fs::perms::others_exec;
    TempDir dir;
    // The unprivileged child must be able to reach the folders below.
    fs::permissions(dir.path(), fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
    const bool root = ::geteuid() == 0;

    fs::path file;
    std::string expected;
    SECTION("a new database in a read-only folder")
    {
        fs::create_directories(dir / "locked");
        fs::permissions(dir / "locked", k_read_only_folder);
        file = default_store_file(dir / "locked");
        expected = ": cannot write to its folder " + (dir / "locked").string() + " (Permission denied)";
    }
    SECTION("an existing database in a read-only folder")
    {
        file = default_store_file(dir / "locked");
        open_sqlite(file).reset();
        if (root) { // the child's user owns the file, so only the folder stands in the way
            REQUIRE(::chown(file.c_str(), 65534, 65534) == 0);
        }
        fs::permissions(dir / "locked", k_read_only_folder);
        expected = ": cannot write to its folder " + (dir / "locked").string() + " (Permission denied)";
    }
    SECTION("an existing database file the user may not write")
    {
        file = default_store_file(dir / "shared");
        open_sqlite(file).reset(); // as root, owned by root: read-only to the child
        fs::permissions(dir / "shared", fs::perms::all);
        if (!root) {
            fs::permissions(file, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
        }
        expected = ": cannot write: the database file is read-only (check its permissions)";
    }
    const auto before = read_text(file);
    const auto opened = open_unprivileged(file);
    if (!opened) {
        WARN("cannot drop root privileges here; the read-only checks were skipped");
        return;
    }
    CHECK(opened->status == 0);
    CHECK(opened->message == file.string() + expected);
    CHECK(read_text(file) == before);
}

TEST_CASE("sqlite store: two stores writing one file at once lose nothing", "[store]")
{
    TempDir dir;
    const auto file = default_store_file(dir.path());
    constexpr int k_attempts = 50;
    std::array<std::string, 2> errors;
    std::latch opened(2);
    auto writer = [&](size_t index) {
        try {
            auto store = open_sqlite(file); // both open (and migrate) the new file together
            opened.arrive_and_wait();
            const std::string profile = "writer-" + std::to_string(index);
            for (int i = 0; i < k_attempts; ++i) {
                const auto id = store->begin_attempt(new_attempt(profile));
                store->record_answer(id, "q1", std::to_string(i), "t");
                store->finish_attempt(id, R"({"n": )" + std::to_string(i) + "}", "L", "t");
            }
        } catch (const std::exception& error) {
            errors.at(index) = error.what();
        }
    };
    std::thread first(writer, 0);
    std::thread second(writer, 1);
    first.join();
    second.join();
    CHECK(errors[0].empty());
    CHECK(errors[1].empty());

    auto store = open_sqlite(file);
    for (const std::string profile : {"writer-0", "writer-1"}) {
        const auto attempts = store->attempts(profile, "");
        CHECK(attempts.size() == k_attempts);
        int with_result = 0;
        for (const auto& attempt : attempts) {
            with_result += store->result_document(attempt.id) && attempt.finished_at ? 1 : 0;
        }
        CHECK(with_result == k_attempts);
    }
}
