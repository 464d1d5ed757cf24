// The PostgreSQL store (issue 14): storing a result over a Unix socket against SQLite in the same
// run (budget: within 2x), and a cohort of 10,000 people computed in the database (budget: under
// 5 s, client memory that does not grow with the people). Needs a server: start one with
//   tests/support/postgres-fixture start /tmp/pg && export CLOUDTRACK_BENCH_PG_URI=$(cat /tmp/pg/uri)
// (a login that may create schemas), then run build/release/bin/cloudtrack_bench_store.
#include "bench_results.hpp"
#include "bench_timing.hpp"
#include "catalog/catalog.hpp"
#include "store/org_store.hpp"
#include "store/pg_conn.hpp"
#include "store/store.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using namespace cloudtrack::host;
using store::detail::PgConnection;

constexpr int k_people = 10'000;
constexpr int k_writes = 200;
constexpr int k_cohort_runs = 3;
constexpr std::int64_t k_placeholder_id = 987654321987;

[[noreturn]] void die(const std::string& what)
{
    std::fprintf(stderr, "cloudtrack_bench_store: %s\n", what.c_str());
    std::exit(1);
}

// `uri` with extra server options (libpq's "options" parameter, percent-encoded).
std::string with_options(const std::string& uri, const std::string& options)
{
    return uri + (uri.find('?') == std::string::npos ? "?" : "&") + "options=" + options;
}

// The median time of storing one result (finish_attempt of a begun attempt), in ms.
double store_result_ms(store::Store& target, const std::vector<std::string>& documents)
{
    std::vector<double> samples;
    for (int i = 0; i < k_writes; ++i) {
        const auto id = target.begin_attempt({"bench", "devops", "1", "x", "{}", "t"});
        const auto& document = documents[static_cast<size_t>(i) % documents.size()];
        samples.push_back(
            cloudtrack::bench::median_ms(1, [&] { target.finish_attempt(id, document, "L", "t"); }));
    }
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

// 10,000 people's shared results, each under its own login name, in one transaction.
void fill_people(const PgConnection& db, const std::vector<std::string>& documents)
{
    const std::string placeholder = std::to_string(k_placeholder_id);
    store::detail::PgTransaction transaction(db);
    for (int i = 1; i <= k_people; ++i) {
        auto document = documents[static_cast<size_t>(i) % documents.size()];
        document.replace(document.find(placeholder), placeholder.size(), std::to_string(i));
        db.query("INSERT INTO shared_results (owner, track_id, source_attempt, finished_at, result_sha256,"
                 " result_json) VALUES ($1, 'devops', $2, '2026-01-01T11:00:00Z', md5($3), $3)",
                 {"person" + std::to_string(i), i, document});
    }
    transaction.commit();
}

long peak_rss_kb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main()
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is measured
    const char* server = std::getenv("CLOUDTRACK_BENCH_PG_URI");
    if (server == nullptr || *server == '\0') {
        die("set CLOUDTRACK_BENCH_PG_URI to a PostgreSQL URI (see the comment at the top of "
            "bench_store.cpp)");
    }
    const fs::path plugin = fs::path(CLOUDTRACK_BENCH_PLUGINS) / "devops.so";
    const auto inspected = catalog::inspect_file(plugin);
    if (!inspected.track) {
        die(plugin.string() + ": " + inspected.reason);
    }
    const auto documents =
        cloudtrack::bench::scored_documents(*inspected.track, 40, "bench", k_placeholder_id);
    try {
        // A schema of its own, dropped at the end: the bench never touches the database's tables.
        const std::string schema = "cloudtrack_bench_" + std::to_string(::getpid());
        const PgConnection admin(server);
        admin.exec("CREATE SCHEMA " + schema);
        const auto uri = with_options(server, "-csearch_path%3D" + schema);
        const auto relaxed =
            with_options(server, "-csearch_path%3D" + schema + "%20-csynchronous_commit%3Doff");
        const auto settings =
            admin.query("SELECT current_setting('fsync'), current_setting('synchronous_commit')");
        std::printf(
            "storing one result of devops (%zu KB), median of %d; server fsync=%s synchronous_commit=%s\n",
            documents.front().size() / 1024, k_writes, settings.text(0, 0).c_str(),
            settings.text(0, 1).c_str());

        const auto home =
            fs::temp_directory_path() / ("cloudtrack-bench-store-" + std::to_string(::getpid()));
        const double sqlite_ms =
            store_result_ms(*store::open_sqlite(store::default_store_file(home)), documents);
        const double pg_ms = store_result_ms(*store::open_postgres(uri), documents);
        const double pg_relaxed_ms = store_result_ms(*store::open_postgres(relaxed), documents);
        std::printf("  SQLite (WAL, synchronous=NORMAL)            %7.3f ms\n", sqlite_ms);
        std::printf("  PostgreSQL, Unix socket                     %7.3f ms  %5.2fx SQLite\n", pg_ms,
                    pg_ms / sqlite_ms);
        std::printf("  PostgreSQL, synchronous_commit=off          %7.3f ms  %5.2fx SQLite  (budget 2x)%s\n",
                    pg_relaxed_ms, pg_relaxed_ms / sqlite_ms,
                    pg_relaxed_ms <= 2 * sqlite_ms ? "" : "  MISSED");

        fill_people(PgConnection(uri), documents);
        const store::OrgStore org(uri, false);
        const long before = peak_rss_kb();
        size_t summary_bytes = 0;
        const double cohort_ms = cloudtrack::bench::median_ms(
            k_cohort_runs, [&] { summary_bytes = org.cohort("devops", 5).size(); });
        const long grown = peak_rss_kb() - before;
        std::printf(
            "cohort of %d people on devops, median of %d: %8.0f ms (budget 5000 ms)%s; summary %zu bytes,"
            " client peak memory grew %ld KB\n",
            k_people, k_cohort_runs, cohort_ms, cohort_ms < 5000 ? "" : "  MISSED", summary_bytes, grown);
        admin.exec("DROP SCHEMA " + schema + " CASCADE");
        std::error_code ec;
        fs::remove_all(home, ec);
    } catch (const std::exception& error) {
        die(error.what());
    }
    return 0;
}
