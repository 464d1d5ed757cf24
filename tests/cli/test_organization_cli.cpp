// Organization mode of the PostgreSQL store: privacy enforced by the database (a manager's login
// reads no result, a person's login only its own), sharing by the person's own command, and the
// cohort computed in SQL equal to the one computed from files.
#include "store/pg_conn.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace cloudtrack::test;
using cloudtrack::host::store::detail::PgConnection;
using cloudtrack::host::store::detail::PgError;
using nlohmann::json;

namespace {

// An organization's store: set up with 'store init --org', with person and manager logins whose
// names start with the database's (logins belong to the whole test server).
struct Organization {
    TempDatabase database;

    Organization()
    {
        TempDir home;
        const auto init = run_cli({"--store", database.uri(), "store", "init", "--org"}, home.path());
        INFO(init.err);
        REQUIRE(init.exit_code == 0);
        CHECK(init.out.find("organization mode") != std::string::npos);
    }
    // Creates the login `name` (prefixed) in `group`; returns the login's name.
    [[nodiscard]] std::string login(const std::string& name, const std::string& group) const
    {
        const auto login = database.name() + "_" + name;
        database.exec("CREATE ROLE " + login + " LOGIN IN ROLE " + group);
        return login;
    }
};

// `cloudtrack --profile PROFILE [--store STORE] ...` with the scoring fixture track.
RunResult as(const TempDir& home, const std::string& profile, const std::string& store,
             std::vector<std::string> args)
{
    std::vector<std::string> full = {"--plugin-path", scoring_dir().string(), "--profile", profile};
    if (!store.empty()) {
        full.insert(full.end(), {"--store", store});
    }
    full.insert(full.end(), args.begin(), args.end());
    return run_cli(full, home.path());
}

// A finished assessment of the scoring track; `variant` changes the answers.
void assess(const TempDir& home, const std::string& profile, const std::string& store, int variant)
{
    const json responses = {{"sc", variant % 2 == 0 ? "b" : "a"},
                            {"tf", variant % 3 == 0 ? "false" : "true"},
                            {"num", variant % 4 == 0 ? 15 : 10},
                            {"mc-all", variant % 5 == 0 ? json{"a", "c"} : json{"b"}}};
    write_text(home / ("answers-" + profile + ".json"), json{{"responses", responses}}.dump());
    const auto run =
        as(home, profile, store,
           {"assess", "scoring", "--full", "--answers", (home / ("answers-" + profile + ".json")).string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
}

std::string sqlstate_of(const PgConnection& db, const std::string& sql)
{
    try {
        (void)db.query(sql);
    } catch (const PgError& error) {
        return error.sqlstate();
    }
    return "none";
}

} // namespace

TEST_CASE("org: a manager's login selects no raw result; a person's login sees only its own rows",
          "[cli][postgres][org]")
{
    Organization org;
    const auto ana = org.login("ana", "cloudtrack_person");
    const auto bo = org.login("bo", "cloudtrack_person");
    const auto boss = org.login("boss", "cloudtrack_manager");
    TempDir home;
    assess(home, ana, org.database.uri(ana), 1);
    assess(home, bo, org.database.uri(bo), 2);

    const PgConnection manager(org.database.uri(boss));
    for (const char* table : {"attempts", "answers", "self_ratings", "results", "shared_results",
                              "certifications", "checklist_marks"}) {
        INFO(table);
        CHECK(sqlstate_of(manager, std::string("SELECT * FROM ") + table) == "42501");
    }
    // The cohort function is the manager's only way in, and it refuses a group under five.
    CHECK(sqlstate_of(manager, "SELECT cloudtrack_cohort('scoring')") == "P0001");
    const auto small = as(home, "boss", org.database.uri(boss), {"cohort", "scoring"});
    CHECK(small.exit_code == 3);
    CHECK(small.err.find("at least 5 people") != std::string::npos);

    const PgConnection person(org.database.uri(ana));
    CHECK(person.query("SELECT DISTINCT owner FROM attempts").rows() == 1);
    CHECK(person.query("SELECT owner FROM results").text(0, 0) == ana);
    CHECK(person.query("SELECT count(*) FROM answers WHERE owner <> session_user").int64(0, 0) == 0);
    // Not even by naming bo's attempt, or by writing a row in bo's name.
    const PgConnection administrator(org.database.uri());
    const auto theirs = administrator.query("SELECT id FROM attempts WHERE owner = $1", {bo}).text(0, 0);
    CHECK(person.query("SELECT id FROM attempts WHERE id = $1", {theirs}).rows() == 0);
    CHECK(sqlstate_of(person,
                      "INSERT INTO answers (attempt_id, item_id, seq, response_json, answered_at) VALUES (" +
                          theirs + ", 'x', 99, '1', 't')") == "42501");
    CHECK(sqlstate_of(person, "INSERT INTO certifications (owner, profile, track_id, rung_id, earned_on)"
                              " VALUES ('" +
                                  bo + "', 'p', 't', 'r', '2024-01-01')") == "42501");
    // And the command line shows ana her own result only.
    const auto listed = as(home, ana, org.database.uri(ana), {"results", "--json"});
    REQUIRE(listed.exit_code == 0);
    CHECK(json::parse(listed.out).size() == 1);
    const auto other_profile = as(home, bo, org.database.uri(ana), {"results", "--json"});
    REQUIRE(other_profile.exit_code == 0);
    CHECK(json::parse(other_profile.out).empty());
}

TEST_CASE("org: results reach the store only by the person's command, are listed with their time, and can "
          "be withdrawn",
          "[cli][postgres][org]")
{
    Organization org;
    const auto ana = org.login("ana", "cloudtrack_person");
    const auto bo = org.login("bo", "cloudtrack_person");
    TempDir ana_home;
    TempDir bo_home;
    assess(ana_home, ana, "", 1); // her own SQLite store: nothing reaches the organization
    CHECK(PgConnection(org.database.uri()).query("SELECT count(*) FROM shared_results").int64(0, 0) == 0);

    const auto shared = as(ana_home, ana, org.database.uri(ana), {"results", "share"});
    INFO(shared.err);
    REQUIRE(shared.exit_code == 0);
    CHECK(shared.out.rfind("Shared result 1 (scoring", 0) == 0);
    const auto again = as(ana_home, ana, org.database.uri(ana), {"results", "share", "1"});
    REQUIRE(again.exit_code == 0);
    CHECK(again.out.rfind("Already shared result 1", 0) == 0);

    const auto listed = as(ana_home, ana, org.database.uri(ana), {"results", "shared", "--json"});
    REQUIRE(listed.exit_code == 0);
    const auto entries = json::parse(listed.out);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0]["track"] == "scoring");
    CHECK(entries[0]["result"] == 1);
    CHECK(entries[0]["shared_at"].get<std::string>().size() == 20); // 2026-01-01T10:00:00Z

    // bo sees nothing of hers and cannot withdraw it.
    const auto bo_list = as(bo_home, bo, org.database.uri(bo), {"results", "shared", "--json"});
    REQUIRE(bo_list.exit_code == 0);
    CHECK(json::parse(bo_list.out).empty());
    const auto entry = std::to_string(entries[0]["entry"].get<int64_t>());
    CHECK(as(bo_home, bo, org.database.uri(bo), {"results", "withdraw", entry}).exit_code == 6);

    const auto withdrawn = as(ana_home, ana, org.database.uri(ana), {"results", "withdraw", entry});
    REQUIRE(withdrawn.exit_code == 0);
    CHECK(PgConnection(org.database.uri()).query("SELECT count(*) FROM shared_results").int64(0, 0) == 0);
    // Sharing needs the organization's PostgreSQL store.
    CHECK(as(ana_home, ana, "", {"results", "share"}).exit_code == 2);
}

TEST_CASE("org: the cohort computed in the database is byte for byte the cohort computed from files",
          "[cli][postgres][org][cohort]")
{
    Organization org;
    const auto boss = org.login("boss", "cloudtrack_manager");
    TempDir home;
    std::vector<std::string> files = {"cohort", "scoring"};
    for (int person = 0; person < 7; ++person) {
        const auto name = org.login("p" + std::to_string(person), "cloudtrack_person");
        TempDir own;
        assess(own, name, "", person);
        if (person == 3) {
            assess(own, name, "", person + 1); // a retake: only the newest result counts
        }
        const auto exported = as(own, name, "", {"results", "export", "--format", "json"});
        REQUIRE(exported.exit_code == 0);
        write_text(home / (name + ".json"), exported.out);
        files.push_back((home / (name + ".json")).string());
        for (const char* id : {"1", "2"}) {
            if (person == 3 || std::string(id) == "1") {
                REQUIRE(as(own, name, org.database.uri(name), {"results", "share", id}).exit_code == 0);
            }
        }
    }
    for (const bool json_output : {true, false}) {
        auto file_args = files;
        auto store_args = std::vector<std::string>{"cohort", "scoring"};
        if (json_output) {
            file_args.emplace_back("--json");
            store_args.emplace_back("--json");
        }
        const auto from_files = as(home, "boss", "", file_args);
        const auto from_store = as(home, "boss", org.database.uri(boss), store_args);
        INFO(from_files.err << from_store.err);
        REQUIRE(from_files.exit_code == 0);
        REQUIRE(from_store.exit_code == 0);
        CHECK(from_store.out == from_files.out);
    }
    // Not an empty agreement: seven people, figures per area, and items most of them missed.
    const auto summary =
        json::parse(as(home, "boss", org.database.uri(boss), {"cohort", "scoring", "--json"}).out);
    CHECK(summary["people"] == 7);
    CHECK(summary["areas"].size() == 2);
    CHECK(summary["overall"]["suppressed"] == false);
    CHECK_FALSE(summary["most_missed"].empty());
}
