// `cloudtrack progress`: results over time, with changes judged against the measurement's noise.
#include "scripted_answers.hpp"
#include "store/result_blob.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>

#include <sqlite3.h>

namespace {

using Catch::Matchers::Contains;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

// A scripted DevOps assessment answering the first `right` single-choice and true/false items
// correctly and nothing else.
void take(const TempDir& home, const json& track, size_t right)
{
    const auto file = home.path() / "answers.json";
    write_text(file, json{{"responses", cloudtrack::test::right_answers(track, right)}}.dump());
    const auto taken = run_cli({"assess", "devops", "--full", "--answers", file.string()}, home.path());
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
}

} // namespace

TEST_CASE("progress sets results side by side and tells real change from noise", "[cli][career]")
{
    const TempDir home;
    const auto none = run_cli({"progress", "devops"}, home.path());
    CHECK(none.exit_code == 6);
    CHECK_THAT(none.err, Contains("no finished result on 'devops'"));

    const auto track = json::parse(run_cli({"show", "devops", "--json"}, home.path()).out);
    take(home, track, 0);
    const auto single = run_cli({"progress", "devops"}, home.path());
    CHECK(single.exit_code == 0);
    CHECK_THAT(single.out, Contains("One result so far"));

    take(home, track, 40);
    const auto result = run_cli({"progress", "devops", "--json"}, home.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto progress = json::parse(result.out);
    CHECK(progress["attempts"].size() == 2);
    CHECK(progress["same_content"] == true);
    const auto& overall = progress["overall"]["change"];
    CHECK(overall["percent"].get<double>() > 30.0);
    CHECK(overall["verdict"] == "improved");
    // The verdict follows the stated rule: |Δθ| against 1.96 standard errors of the difference.
    for (const auto& area : progress["areas"]) {
        const auto& change = area["change"];
        REQUIRE_FALSE(change.is_null());
        const bool real = std::abs(change["theta"].get<double>()) > 1.96 * change["se"].get<double>() + 0.01;
        const bool noise = std::abs(change["theta"].get<double>()) < 1.96 * change["se"].get<double>() - 0.01;
        if (real) {
            CHECK(change["verdict"] != "within_noise");
        }
        if (noise) {
            CHECK(change["verdict"] == "within_noise");
        }
    }
    // The terminal form fits 80 columns.
    const auto text = run_cli({"progress", "devops"}, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Contains("Overall") && Contains("improved") && Contains("Levels that changed:"));
    std::istringstream lines(text.out);
    for (std::string line; std::getline(lines, line);) {
        INFO(line);
        CHECK(line.size() <= 80 + 2); // "→" is three bytes, one column
    }
}

TEST_CASE("a damaged stored document is named by its result; progress reads past it", "[cli][career]")
{
    const TempDir home;
    const auto track = json::parse(run_cli({"show", "devops", "--json"}, home.path()).out);
    take(home, track, 0);
    take(home, track, 40);
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((home.path() / "data" / "cloudtrack.db").c_str(), &db) == SQLITE_OK);
    const int rc = sqlite3_exec(db, "UPDATE results SET document = x'28b52ffd0000' WHERE attempt_id = 1",
                                nullptr, nullptr, nullptr);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_OK);

    const auto shown = run_cli({"results", "show", "1"}, home.path());
    CHECK(shown.exit_code == 5);
    CHECK_THAT(shown.err, Contains("stored result 1: the compressed document is damaged"));
    CHECK(std::count(shown.err.begin(), shown.err.end(), '\n') == 1);
    // progress reads the figures kept beside each document, never the document.
    const auto progress = run_cli({"progress", "devops", "--json"}, home.path());
    CHECK(progress.exit_code == 0);
    CHECK(json::parse(progress.out)["attempts"].size() == 2);
}

TEST_CASE("export refuses a stored document that is not JSON instead of breaking its array", "[cli][career]")
{
    const TempDir home;
    const auto track = json::parse(run_cli({"show", "devops", "--json"}, home.path()).out);
    take(home, track, 0);
    // An intact frame (its checksum holds) of text that is not JSON: what export writes unparsed
    // must still be checked.
    const auto blob = cloudtrack::host::store::compress_result("{\"schema\": \"cloudtrack.result/1\",\n");
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((home.path() / "data" / "cloudtrack.db").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* update = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "UPDATE results SET document = ?1 WHERE attempt_id = 1", -1, &update,
                               nullptr) == SQLITE_OK);
    sqlite3_bind_blob(update, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
    const int rc = sqlite3_step(update);
    sqlite3_finalize(update);
    sqlite3_close(db);
    REQUIRE(rc == SQLITE_DONE);

    const auto exported = run_cli({"results", "export", "--format", "json"}, home.path());
    CHECK(exported.exit_code == 5);
    CHECK_THAT(exported.err, Contains("a stored result of profile") && Contains("is not valid JSON"));
    CHECK(std::count(exported.err.begin(), exported.err.end(), '\n') == 1);
}
