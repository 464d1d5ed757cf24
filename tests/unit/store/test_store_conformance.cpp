// The Store contract, written once and run against every backend: a new backend adds one line to
// `Backends` and must pass every case here unchanged.
#include "store/store.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <tuple>
#include <vector>

namespace {

using namespace cloudtrack::host::store;
using cloudtrack::util::Error;
using cloudtrack::util::ExitCode;

// A file database in its own folder (the folder does not exist yet: opening creates it).
struct FileBackend {
    cloudtrack::test::TempDir dir;
    std::unique_ptr<Store> open() { return open_sqlite(default_store_file(dir / "data")); }
};

struct MemoryBackend {
    std::unique_ptr<Store> open() { return open_sqlite(":memory:"); }
};

// A fresh database on the test run's PostgreSQL server, reached over its Unix socket.
struct PostgresBackend {
    cloudtrack::test::TempDatabase database;
    std::unique_ptr<Store> open() { return open_postgres(database.uri()); }
};

using Backends = std::tuple<FileBackend, MemoryBackend, PostgresBackend>;

NewAttempt new_attempt(const std::string& profile, const std::string& track, const std::string& started_at)
{
    return {
        profile,   track, "1.2.0", std::string(64, 'a'), R"({"seed": 7, "mode": "full", "items": ["i1"]})",
        started_at};
}

std::vector<int64_t> ids_of(const std::vector<Attempt>& attempts)
{
    std::vector<int64_t> ids;
    for (const auto& attempt : attempts) {
        ids.push_back(attempt.id);
    }
    return ids;
}

std::vector<std::string> items_of(const std::vector<Answer>& answers)
{
    std::vector<std::string> items;
    for (const auto& answer : answers) {
        items.push_back(answer.item_id + "=" + answer.response_json);
    }
    return items;
}

template <class Call> ExitCode code_of(Call&& call)
{
    try {
        call();
    } catch (const Error& error) {
        return error.code();
    }
    FAIL("no util::Error was thrown");
    return ExitCode::ok;
}

} // namespace

TEMPLATE_LIST_TEST_CASE("store: a begun attempt reads back field for field", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    // Quotes, SQL and non-ASCII text are values like any other.
    NewAttempt in = new_attempt("ana'; DROP TABLE attempts; --", "aws-sa", "2024-05-01T10:00:00Z");
    in.form_json = R"({"items": ["q\"1", "é"]})";
    const int64_t id = store->begin_attempt(in);

    const auto out = store->attempt(id);
    REQUIRE(out);
    CHECK(out->id == id);
    CHECK(out->profile == in.profile);
    CHECK(out->track_id == in.track_id);
    CHECK(out->track_version == in.track_version);
    CHECK(out->content_sha256 == in.content_sha256);
    CHECK(out->form_json == in.form_json);
    CHECK(out->started_at == in.started_at);
    CHECK_FALSE(out->finished_at);
    CHECK(out->overall_level.empty());

    CHECK_FALSE(store->attempt(id + 1000));
    CHECK(store->begin_attempt(in) > id);
    CHECK(store->attempts(in.profile, "").size() == 2);
}

TEMPLATE_LIST_TEST_CASE("store: attempts are listed newest first, per profile and track", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    // Begun in this order; the clock says otherwise on purpose: order is the order begun.
    const auto a1 = store->begin_attempt(new_attempt("ana", "aws", "2024-05-03T00:00:00Z"));
    const auto b1 = store->begin_attempt(new_attempt("bo", "aws", "2024-05-01T00:00:00Z"));
    const auto a2 = store->begin_attempt(new_attempt("ana", "gcp", "2024-05-01T00:00:00Z"));
    const auto a3 = store->begin_attempt(new_attempt("ana", "aws", "2024-05-01T00:00:00Z"));

    CHECK(ids_of(store->attempts("ana", "")) == std::vector<int64_t>{a3, a2, a1});
    CHECK(ids_of(store->attempts("ana", "aws")) == std::vector<int64_t>{a3, a1});
    CHECK(ids_of(store->attempts("ana", "gcp")) == std::vector<int64_t>{a2});
    CHECK(ids_of(store->attempts("bo", "")) == std::vector<int64_t>{b1});
    CHECK(store->attempts("bo", "gcp").empty());
    CHECK(store->attempts("nobody", "").empty());
}

TEMPLATE_LIST_TEST_CASE("store: answers keep the order first given", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto id = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    const auto other = store->begin_attempt(new_attempt("ana", "gcp", "t0"));

    store->record_answer(id, "q3", R"("a")", "t1");
    store->record_answer(id, "q1", R"(["a","c"])", "t2");
    store->record_answer(id, "q2", "42.5", "t3");
    store->record_answer(other, "q9", R"("b")", "t3");
    CHECK(items_of(store->answers(id)) ==
          std::vector<std::string>{R"(q3="a")", R"(q1=["a","c"])", "q2=42.5"});

    SECTION("replacing an answer keeps its place and takes the new response and time")
    {
        store->record_answer(id, "q3", R"("d")", "t4");
        const auto answers = store->answers(id);
        CHECK(items_of(answers) == std::vector<std::string>{R"(q3="d")", R"(q1=["a","c"])", "q2=42.5"});
        CHECK(answers.front().answered_at == "t4");
        CHECK(answers.back().answered_at == "t3");
    }
    SECTION("a cleared answer is gone; answering it again puts it last")
    {
        store->clear_answer(id, "q3");
        store->clear_answer(id, "never-answered");
        CHECK(items_of(store->answers(id)) == std::vector<std::string>{R"(q1=["a","c"])", "q2=42.5"});
        store->record_answer(id, "q3", R"("b")", "t5");
        CHECK(items_of(store->answers(id)) ==
              std::vector<std::string>{R"(q1=["a","c"])", "q2=42.5", R"(q3="b")"});
    }
    CHECK(items_of(store->answers(other)) == std::vector<std::string>{R"(q9="b")"});
    CHECK(store->answers(other + 1000).empty());
}

TEMPLATE_LIST_TEST_CASE("store: self-ratings are kept per area, the last one wins", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto id = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    CHECK(store->self_ratings(id).empty());
    store->record_self_rating(id, "network", 2);
    store->record_self_rating(id, "compute", 4);
    store->record_self_rating(id, "network", 5);
    CHECK(store->self_ratings(id) == std::map<std::string, int>{{"compute", 4}, {"network", 5}});
}

TEMPLATE_LIST_TEST_CASE("store: finishing stores the result and closes the attempt", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto older = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    const auto newer = store->begin_attempt(new_attempt("ana", "aws", "t1"));
    CHECK_FALSE(store->latest_finished("ana", "aws"));
    CHECK_FALSE(store->result_document(newer));

    store->finish_attempt(older, R"({"level": "associate"})", "Associate", "t2");
    const auto finished = store->attempt(older);
    REQUIRE(finished);
    CHECK(finished->finished_at == std::optional<std::string>("t2"));
    CHECK(finished->overall_level == "Associate");
    CHECK(store->result_document(older) == std::optional<std::string>(R"({"level": "associate"})"));
    CHECK(store->latest_finished("ana", "aws")->id == older);
    CHECK(store->unfinished_attempt("ana", "aws")->id == newer);

    store->finish_attempt(newer, R"({"level": "professional"})", "Professional", "t3");
    CHECK(store->latest_finished("ana", "aws")->id == newer);
    CHECK(store->latest_finished("ana", "")->id == newer);
    CHECK_FALSE(store->unfinished_attempt("ana", "aws"));
    CHECK_FALSE(store->latest_finished("ana", "gcp"));
    CHECK_FALSE(store->latest_finished("bo", "aws"));
}

TEMPLATE_LIST_TEST_CASE("store: stored results are visited one at a time, newest first", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto first = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    store->finish_attempt(first, R"({"n": 1, "x": {"theta": 0.10000000000000001, "s": "a\"b"}})", "L", "t1");
    store->begin_attempt(new_attempt("ana", "aws", "t2")); // unfinished: no result
    const auto other = store->begin_attempt(new_attempt("ana", "gcp", "t3"));
    store->finish_attempt(other, R"({"n": 2, "x": {"theta": -1.25e-7}})", "L", "t4");
    const auto someone = store->begin_attempt(new_attempt("bo", "aws", "t5"));
    store->finish_attempt(someone, R"({"n": 3})", "L", "t6");

    const auto documents = [&](const std::string& track) {
        std::vector<std::string> seen;
        store->visit_results("ana", track, [&](const std::string& document) { seen.push_back(document); });
        return seen;
    };
    CHECK(documents("aws") ==
          std::vector<std::string>{R"({"n": 1, "x": {"theta": 0.10000000000000001, "s": "a\"b"}})"});
    CHECK(documents("").size() == 2);
    CHECK(documents("").front() == R"({"n": 2, "x": {"theta": -1.25e-7}})");
    CHECK(documents("azure").empty());
}

TEMPLATE_LIST_TEST_CASE("store: a result's summary holds the parts history reads, in either order", "[store]",
                        Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto first = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    store->finish_attempt(
        first,
        R"({"attempt": {"id": 1, "finished_at": "t1", "form": {"items": ["i1"]}},)"
        R"( "track": {"id": "aws", "s": "a\"b"}, "overall": {"theta": 0.10000000000000001},)"
        R"( "areas": [{"id": "net", "se": -1.25e-7}], "missed": [{"stem": "long"}]})",
        "L", "t1");
    const auto second = store->begin_attempt(new_attempt("ana", "aws", "t2"));
    store->finish_attempt(second, R"({"attempt": {"id": 2}})", "L", "t3");
    const auto other = store->begin_attempt(new_attempt("ana", "gcp", "t4"));
    store->finish_attempt(other, "{}", "L", "t5");

    const auto summaries = [&](const std::string& track, Order order) {
        std::vector<std::string> seen;
        store->visit_result_summaries("ana", track, order, [&](int64_t attempt, const std::string& text) {
            seen.push_back(std::to_string(attempt == first ? 1 : attempt == second ? 2 : 3) + " " + text);
        });
        return seen;
    };
    // Numbers and strings keep their text, whitespace goes; a missing path is null; the rest of
    // the document is left out.
    const std::vector<std::string> oldest_first = {
        R"(1 [1,"t1",{"id":"aws","s":"a\"b"},{"theta":0.10000000000000001},[{"id":"net","se":-1.25e-7}]])",
        R"(2 [2,null,null,null,null])"};
    CHECK(summaries("aws", Order::oldest_first) == oldest_first);
    CHECK(summaries("aws", Order::newest_first) ==
          std::vector<std::string>{oldest_first[1], oldest_first[0]});
    CHECK(summaries("", Order::newest_first).size() == 3);
    CHECK(summaries("azure", Order::oldest_first).empty());
}

TEMPLATE_LIST_TEST_CASE("store: a finished attempt no longer changes", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto id = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    store->record_answer(id, "q1", R"("a")", "t1");
    store->record_self_rating(id, "network", 3);
    store->finish_attempt(id, "{}", "Associate", "t2");

    CHECK(code_of([&] { store->record_answer(id, "q1", R"("b")", "t3"); }) == ExitCode::storage);
    CHECK(code_of([&] { store->clear_answer(id, "q1"); }) == ExitCode::storage);
    CHECK(code_of([&] { store->record_self_rating(id, "network", 1); }) == ExitCode::storage);
    CHECK(code_of([&] { store->finish_attempt(id, R"({"again": true})", "Expert", "t4"); }) ==
          ExitCode::storage);
    CHECK(code_of([&] { store->discard_attempt(id); }) == ExitCode::storage);

    CHECK(items_of(store->answers(id)) == std::vector<std::string>{R"(q1="a")"});
    CHECK(store->self_ratings(id) == std::map<std::string, int>{{"network", 3}});
    CHECK(store->result_document(id) == std::optional<std::string>("{}"));
    CHECK(store->attempt(id)->overall_level == "Associate");
}

TEMPLATE_LIST_TEST_CASE("store: an unknown attempt is not found, and nothing is written", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    const int64_t missing = 4242;
    CHECK(code_of([&] { store->record_answer(missing, "q1", "1", "t"); }) == ExitCode::not_found);
    CHECK(code_of([&] { store->clear_answer(missing, "q1"); }) == ExitCode::not_found);
    CHECK(code_of([&] { store->record_self_rating(missing, "a", 1); }) == ExitCode::not_found);
    CHECK(code_of([&] { store->finish_attempt(missing, "{}", "L", "t"); }) == ExitCode::not_found);
    CHECK(code_of([&] { store->discard_attempt(missing); }) == ExitCode::not_found);
    CHECK(store->answers(missing).empty());
    CHECK_FALSE(store->result_document(missing));
    // The store is still usable after a refused call.
    CHECK(store->begin_attempt(new_attempt("ana", "aws", "t0")) > 0);
}

TEMPLATE_LIST_TEST_CASE("store: the unfinished attempt is the newest one under way", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    CHECK_FALSE(store->unfinished_attempt("ana", "aws"));
    const auto first = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    const auto second = store->begin_attempt(new_attempt("ana", "aws", "t1"));
    const auto finished = store->begin_attempt(new_attempt("ana", "aws", "t2"));
    store->finish_attempt(finished, "{}", "L", "t3");
    store->begin_attempt(new_attempt("ana", "gcp", "t4"));
    store->begin_attempt(new_attempt("bo", "aws", "t5"));

    CHECK(store->unfinished_attempt("ana", "aws")->id == second);
    store->discard_attempt(second);
    CHECK(store->unfinished_attempt("ana", "aws")->id == first);
    CHECK(store->unfinished_attempt("ana", "gcp")->track_id == "gcp");
    CHECK(store->unfinished_attempt("bo", "aws")->profile == "bo");
    CHECK_FALSE(store->unfinished_attempt("bo", "gcp"));
}

TEMPLATE_LIST_TEST_CASE("store: discarding removes the attempt with its answers and ratings", "[store]",
                        Backends)
{
    TestType backend;
    auto store = backend.open();
    const auto kept = store->begin_attempt(new_attempt("ana", "aws", "t0"));
    const auto dropped = store->begin_attempt(new_attempt("ana", "aws", "t1"));
    store->record_answer(kept, "q1", "1", "t2");
    store->record_answer(dropped, "q1", "2", "t2");
    store->record_self_rating(dropped, "network", 4);

    store->discard_attempt(dropped);
    CHECK_FALSE(store->attempt(dropped));
    CHECK(store->answers(dropped).empty());
    CHECK(store->self_ratings(dropped).empty());
    CHECK(ids_of(store->attempts("ana", "aws")) == std::vector<int64_t>{kept});
    CHECK(items_of(store->answers(kept)) == std::vector<std::string>{"q1=1"});
    CHECK(code_of([&] { store->discard_attempt(dropped); }) == ExitCode::not_found);
    // Ids are never reused, so an old id can never name a new attempt.
    CHECK(store->begin_attempt(new_attempt("ana", "aws", "t3")) > dropped);
}

TEMPLATE_LIST_TEST_CASE("store: certifications are per profile; adding again updates the date", "[store]",
                        Backends)
{
    TestType backend;
    auto store = backend.open();
    CHECK(store->certifications("ana").empty());
    store->add_certification("ana", {"gcp", "ace", "2023-01-10"});
    store->add_certification("ana", {"aws", "saa", "2024-02-01"});
    store->add_certification("bo", {"aws", "saa", "2022-12-24"});
    store->add_certification("ana", {"aws", "saa", "2024-06-30"});

    const auto held = store->certifications("ana");
    REQUIRE(held.size() == 2);
    CHECK((held[0].track_id == "aws" && held[0].rung_id == "saa" && held[0].earned_on == "2024-06-30"));
    CHECK((held[1].track_id == "gcp" && held[1].rung_id == "ace" && held[1].earned_on == "2023-01-10"));

    CHECK(store->remove_certification("ana", "aws", "saa"));
    CHECK_FALSE(store->remove_certification("ana", "aws", "saa"));
    CHECK_FALSE(store->remove_certification("ana", "aws", "nope"));
    CHECK(store->certifications("ana").size() == 1);
    REQUIRE(store->certifications("bo").size() == 1);
    CHECK(store->certifications("bo").front().earned_on == "2022-12-24");
}

TEMPLATE_LIST_TEST_CASE("store: checklist marks are per profile; marking again replaces", "[store]", Backends)
{
    TestType backend;
    auto store = backend.open();
    store->mark_checklist("ana", {"aws", "vpc", "subnets", "https://example.org/pr/1", "manual", "t1"});
    store->mark_checklist("ana", {"aws", "iam", "roles", "", "manual", "t2"});
    store->mark_checklist("ana", {"gcp", "gke", "cluster", R"({"probe": "ok"})", "probe", "t3"});
    store->mark_checklist("bo", {"aws", "vpc", "subnets", "bo's", "manual", "t4"});
    store->mark_checklist("ana", {"aws", "vpc", "subnets", R"({"cidr": 3})", "probe", "t5"});

    const auto aws = store->checklist("ana", "aws");
    REQUIRE(aws.size() == 2);
    CHECK((aws[0].project_id == "iam" && aws[0].item_id == "roles" && aws[0].evidence.empty()));
    CHECK(aws[1].project_id == "vpc");
    CHECK(aws[1].evidence == R"({"cidr": 3})");
    CHECK(aws[1].source == "probe");
    CHECK(aws[1].marked_at == "t5");
    CHECK(aws[1].track_id == "aws");
    CHECK(store->checklist("ana", "").size() == 3);
    CHECK(store->checklist("ana", "gcp").front().source == "probe");

    CHECK(store->unmark_checklist("ana", "aws", "vpc", "subnets"));
    CHECK_FALSE(store->unmark_checklist("ana", "aws", "vpc", "subnets"));
    CHECK(store->checklist("ana", "aws").size() == 1);
    REQUIRE(store->checklist("bo", "aws").size() == 1);
    CHECK(store->checklist("bo", "aws").front().evidence == "bo's");
    CHECK(store->checklist("nobody", "").empty());
}
