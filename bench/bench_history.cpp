// History at scale (issue 13): `progress` and `results export` over 10,000 stored results, each
// as a ratio to a floor measured in the same run (SQLite's json_extract of one figure from every
// result row kept as JSON text, as the first schema stored them, in this process), with the
// command's peak resident memory, and the store's size per result. Budgets: within 2x of the floor
// and under 50 MB. Then `cohort` over 10,000 people's files against reading and parsing
// them (budget 1.2x). Run from a release build: build/release/bin/cloudtrack_bench_history
#include "bench_results.hpp"
#include "bench_spawn.hpp"
#include "catalog/catalog.hpp"
#include "store/result_blob.hpp"
#include "store/sqlite_schema.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <sqlite3.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using namespace cloudtrack::host;
using Clock = std::chrono::steady_clock;

constexpr int k_results = 10'000;
constexpr int k_runs = 5;
constexpr const char* k_profile = "bench";
constexpr std::int64_t k_placeholder_id = 987654321987;

[[noreturn]] void die(const std::string& what)
{
    std::fprintf(stderr, "cloudtrack_bench_history: %s\n", what.c_str());
    std::exit(1);
}

void check(int rc, sqlite3* db, const char* what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        die(std::string(what) + ": " + sqlite3_errmsg(db));
    }
}

// The results are written straight into the store's tables in one transaction (through the Store
// API every result would be its own committed transaction, minutes of fsync for no measurement).
// Result `i` of the history: one of the scored documents, with attempt id `i` in place of the
// placeholder (documents are scored once, not 10,000 times).
std::string numbered(const std::vector<std::string>& documents, int i)
{
    static const std::string placeholder = std::to_string(k_placeholder_id);
    auto document = documents[static_cast<size_t>(i) % documents.size()];
    document.replace(document.find(placeholder), placeholder.size(), std::to_string(i));
    return document;
}

// `insert` with attempt `i` bound as ?1 and, from ?2 on, what `bind` binds for its document.
template <class Bind>
void fill_rows(sqlite3* db, const char* insert_result, const std::vector<std::string>& documents, Bind bind)
{
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* attempt = nullptr;
    sqlite3_stmt* result = nullptr;
    check(sqlite3_prepare_v2(db,
                             "INSERT INTO attempts (id, profile, track_id, track_version, content_sha256,"
                             " form_json, started_at, finished_at, overall_level)"
                             " VALUES (?1, ?2, 'devops', '1', 'x', '{}', 't', ?3, 'L')",
                             -1, &attempt, nullptr),
          db, "prepare");
    check(sqlite3_prepare_v2(db, insert_result, -1, &result, nullptr), db, "prepare");
    for (int i = 1; i <= k_results; ++i) {
        const auto document = numbered(documents, i);
        const std::string finished = "2026-01-01T11:00:" + std::to_string(10 + i % 50) + "Z";
        sqlite3_bind_int64(attempt, 1, i);
        sqlite3_bind_text(attempt, 2, k_profile, -1, SQLITE_STATIC);
        sqlite3_bind_text(attempt, 3, finished.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(attempt), db, "insert attempt");
        sqlite3_reset(attempt);
        sqlite3_bind_int64(result, 1, i);
        bind(result, document);
        check(sqlite3_step(result), db, "insert result");
        sqlite3_reset(result);
    }
    sqlite3_finalize(attempt);
    sqlite3_finalize(result);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
}

// The store as cloudtrack writes it (compressed documents with their summaries), through the
// store's own insert statement.
void fill(const fs::path& file, const std::vector<std::string>& documents)
{
    store::open_sqlite(file); // creates and migrates
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    fill_rows(db, store::detail::k_insert_result, documents,
              [](sqlite3_stmt* result, const std::string& document) {
                  const auto blob = store::compress_result(document);
                  sqlite3_bind_blob64(result, 2, blob.data(), blob.size(), SQLITE_TRANSIENT);
                  sqlite3_bind_text(result, 3, document.c_str(), static_cast<int>(document.size()),
                                    SQLITE_TRANSIENT);
              });
    sqlite3_close(db); // the last connection: the WAL is checkpointed into the file and removed
}

// The floor's database: the same rows with every document as plain JSON text, as the first
// schema kept them, so the floor is the one issue 13 measured against.
void fill_text(const fs::path& file, const std::vector<std::string>& documents)
{
    sqlite3* db = nullptr;
    check(sqlite3_open(file.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "CREATE TABLE attempts (id INTEGER PRIMARY KEY, profile TEXT, track_id TEXT,"
                       " track_version TEXT, content_sha256 TEXT, form_json TEXT, started_at TEXT,"
                       " finished_at TEXT, overall_level TEXT);"
                       " CREATE INDEX attempts_by_profile ON attempts (profile, track_id, id);"
                       " CREATE TABLE results (attempt_id INTEGER PRIMARY KEY, result_json TEXT NOT NULL);",
                       nullptr, nullptr, nullptr),
          db, "create");
    fill_rows(db, "INSERT INTO results (attempt_id, result_json) VALUES (?1, ?2)", documents,
              [](sqlite3_stmt* result, const std::string& document) {
                  sqlite3_bind_text(result, 2, document.c_str(), static_cast<int>(document.size()),
                                    SQLITE_TRANSIENT);
              });
    sqlite3_close(db);
}

// The floor: SQLite reading one figure out of every result document of the profile on the track.
double floor_ms(const fs::path& file)
{
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    const auto start = Clock::now();
    sqlite3_stmt* query = nullptr;
    check(sqlite3_prepare_v2(db,
                             "SELECT json_extract(r.result_json, '$.overall.theta') FROM attempts a"
                             " JOIN results r ON r.attempt_id = a.id"
                             " WHERE a.profile = ?1 AND a.track_id = 'devops' ORDER BY a.id DESC",
                             -1, &query, nullptr),
          db, "prepare");
    sqlite3_bind_text(query, 1, k_profile, -1, SQLITE_STATIC);
    double sum = 0.0;
    int rows = 0;
    while (sqlite3_step(query) == SQLITE_ROW) {
        sum += sqlite3_column_double(query, 0);
        ++rows;
    }
    sqlite3_finalize(query);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    sqlite3_close(db);
    if (rows != k_results || std::isnan(sum)) {
        die("the floor query read " + std::to_string(rows) + " rows");
    }
    return ms;
}

using cloudtrack::bench::Run;

// Runs the cloudtrack binary as the benchmark's profile, output thrown away.
Run run_command(const std::vector<std::string>& args, const fs::path& home)
{
    std::vector<std::string> all = {CLOUDTRACK_BENCH_BINARY, "--profile", k_profile};
    all.insert(all.end(), args.begin(), args.end());
    return cloudtrack::bench::run_process(
        all, {"PATH=/usr/bin:/bin", "HOME=" + home.string(), "CLOUDTRACK_HOME=" + (home / "data").string()});
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

// One shared result file per person, as a cohort collects them: the documents with the
// placeholder id and the profile made unique.
std::vector<std::string> write_team(const fs::path& folder, const std::vector<std::string>& documents)
{
    fs::create_directories(folder);
    const std::string profile = std::string("\"profile\": \"") + k_profile + "\"";
    std::vector<std::string> files;
    for (int i = 1; i <= k_results; ++i) {
        auto document = numbered(documents, i);
        document.replace(document.find(profile), profile.size(),
                         "\"profile\": \"person-" + std::to_string(i) + "\"");
        const auto file = folder / ("person-" + std::to_string(i) + ".json");
        std::ofstream out(file);
        out << document;
        out.close();
        if (!out) {
            die("cannot write " + file.string());
        }
        files.push_back(file.string());
    }
    return files;
}

// The cohort's floor: reading every file and parsing it as JSON, nothing else, in this process.
double parse_floor_ms(const std::vector<std::string>& files)
{
    const auto start = Clock::now();
    size_t keys = 0;
    for (const auto& file : files) {
        std::ifstream in(file);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        keys += nlohmann::json::parse(text).size();
    }
    if (keys == 0) {
        die("the parse floor read nothing");
    }
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

void report(const char* name, const std::vector<Run>& runs, double floor, double budget, double mb_budget)
{
    std::vector<double> ms;
    double peak = 0.0;
    for (const auto& run : runs) {
        ms.push_back(run.ms);
        peak = std::max(peak, run.peak_mb);
    }
    const double m = median(ms);
    std::printf("  %-30s %8.0f ms  %5.2fx floor  peak %6.1f MB   (budget %.1fx, %.0f MB)%s\n", name, m,
                m / floor, peak, budget, mb_budget,
                m <= budget * floor && peak < mb_budget ? "" : "  MISSED");
}

} // namespace

namespace {

// progress and export, each against the json_extract floor, runs interleaved.
void history(const fs::path& home, const fs::path& text_file)
{
    const std::vector<std::pair<const char*, std::vector<std::string>>> commands = {
        {"progress devops", {"progress", "devops"}},
        {"progress devops --json", {"progress", "devops", "--json"}},
        {"results export --format json", {"results", "export", "--format", "json"}},
        {"results export --format csv", {"results", "export", "--format", "csv"}},
    };
    std::vector<double> floors;
    std::vector<std::vector<Run>> runs(commands.size());
    floor_ms(text_file);               // warm the page cache
    for (int i = 0; i < k_runs; ++i) { // interleaved, so drifts in machine load hit all alike
        floors.push_back(floor_ms(text_file));
        for (size_t c = 0; c < commands.size(); ++c) {
            runs[c].push_back(run_command(commands[c].second, home));
        }
    }
    const double floor_median = median(floors);
    std::printf("  floor: SQLite json_extract over the same rows   %8.0f ms\n", floor_median);
    for (size_t c = 0; c < commands.size(); ++c) {
        report(commands[c].first, runs[c], floor_median, 2.0, 50);
    }
}

void cohort(const fs::path& home, const std::vector<std::string>& documents)
{
    // A cohort of 10,000 people, a file each: the whole run (start-up included) against parsing
    // the same files. Memory should follow the people, not the documents.
    const auto files = write_team(home / "team", documents);
    std::vector<std::string> command = {"cohort", "devops"};
    command.insert(command.end(), files.begin(), files.end());
    command.emplace_back("--json");
    std::vector<double> parse_floors;
    std::vector<Run> cohort_runs;
    for (int i = 0; i < k_runs; ++i) {
        parse_floors.push_back(parse_floor_ms(files));
        cohort_runs.push_back(run_command(command, home));
    }
    const double parse_median = median(parse_floors);
    std::printf("cohort of %d people, one file each\n  floor: reading and parsing the files  %8.0f ms\n",
                k_results, parse_median);
    report("cohort devops FILES --json", cohort_runs, parse_median, 1.2, 50);
}

} // namespace

// Optional argument: "history" (progress and export only) or "cohort" (the cohort only); both
// when absent.
int main(int argc, char** argv)
{
    const std::string only = argc > 1 ? argv[1] : "";
    if (!only.empty() && only != "history" && only != "cohort") {
        die("usage: cloudtrack_bench_history [history|cohort]");
    }
    const fs::path plugin = fs::path(CLOUDTRACK_BENCH_PLUGINS) / "devops.so";
    const auto inspected = catalog::inspect_file(plugin);
    if (!inspected.track) {
        die(plugin.string() + ": " + inspected.reason);
    }
    const auto home = fs::temp_directory_path() / ("cloudtrack-bench-history-" + std::to_string(::getpid()));
    fs::create_directories(home / "data");
    const auto documents =
        cloudtrack::bench::scored_documents(*inspected.track, 40, k_profile, k_placeholder_id);
    double bytes = 0;
    for (const auto& d : documents) {
        bytes += static_cast<double>(d.size());
    }
    std::printf("history of %d results on devops (documents of %.0f KB on average), median of %d runs\n",
                k_results, bytes / static_cast<double>(documents.size()) / 1024.0, k_runs);
    if (only != "cohort") { // the cohort reads files: neither database is filled for it alone
        const auto file = store::default_store_file(home / "data");
        const auto text_file = home / "floor.db";
        fill(file, documents);
        fill_text(text_file, documents);
        const auto per_result_kb = [](const fs::path& db) {
            return static_cast<double>(fs::file_size(db)) / k_results / 1024.0;
        };
        std::printf("  database: %.1f KB per result (documents as JSON text: %.1f KB)\n", per_result_kb(file),
                    per_result_kb(text_file));
        history(home, text_file);
    }
    if (only != "history") {
        cohort(home, documents);
    }
    std::error_code ec;
    fs::remove_all(home, ec);
    return 0;
}
