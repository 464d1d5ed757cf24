// Certifications, ladder, portfolio, recommendation, roadmap and reports, end to end on the
// built-in tracks.
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace cloudtrack::test;
using nlohmann::json;

namespace {

// Answers every item of `track` with its key, or (when `right` is false) with a wrong answer
// where one exists.
json answers_for(const json& track, bool right, const std::string& area_to_miss = "")
{
    json responses = json::object();
    for (const auto& item : track["items"]) {
        const auto id = item["id"].get<std::string>();
        const auto type = item["type"].get<std::string>();
        const bool miss = !right || item["area"] == area_to_miss;
        if (type == "numeric") {
            responses[id] = item["answer"].get<double>() + (miss ? 1e6 : 0.0);
        } else if (type == "ordering") {
            json order = json::array();
            for (const auto& o : item["options"]) {
                order.push_back(o["id"]);
            }
            if (miss) {
                std::reverse(order.begin(), order.end());
            }
            responses[id] = order;
        } else if (type == "multiple_choice") {
            json chosen = json::array();
            for (const auto& o : item["options"]) {
                if (o["correct"].get<bool>() != miss) {
                    chosen.push_back(o["id"]);
                }
            }
            responses[id] = chosen;
        } else {
            for (const auto& o : item["options"]) {
                if (o["correct"].get<bool>() != miss) {
                    responses[id] = o["id"];
                    break;
                }
            }
        }
    }
    return {{"responses", responses}};
}

json track_document(const TempDir& home, const std::string& track)
{
    const auto shown = run_cli({"show", track, "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    return json::parse(shown.out);
}

void take(const TempDir& home, const std::string& track, const json& answers)
{
    const auto file = home / (track + "-answers.json");
    write_text(file, answers.dump());
    const auto run = run_cli({"assess", track, "--full", "--answers", file.string()}, home.path());
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
}

const json& rung(const json& ladder, const std::string& id)
{
    for (const auto& r : ladder["rungs"]) {
        if (r["id"] == id) {
            return r;
        }
    }
    FAIL("no rung " << id);
    return ladder;
}

} // namespace

TEST_CASE("certifications held set ladder status, expiry and prerequisites", "[cli][career]")
{
    TempDir home;
    CHECK(run_cli({"certs", "add", "cka", "--date", "2025-01-15"}, home.path()).exit_code == 0);
    CHECK(run_cli({"certs", "add", "kcna", "--date", "2020-03-01", "--track", "devops"}, home.path())
              .exit_code == 0);
    const auto ladder = json::parse(run_cli({"ladder", "devops", "--json"}, home.path()).out);
    CHECK(rung(ladder, "cka")["status"] == "held");
    CHECK(rung(ladder, "cka")["expires_on"] == "2027-01-15");
    CHECK(rung(ladder, "kcna")["status"] == "expired");
    CHECK(rung(ladder, "cks")["prerequisites_met"] == true);
    CHECK(ladder["based_on_result"].is_null());

    const auto listed = json::parse(run_cli({"certs", "list", "--json"}, home.path()).out);
    CHECK(listed.size() >= 3); // cka is on several tracks' ladders

    CHECK(run_cli({"certs", "add", "cka", "--date", "2025-13-40"}, home.path()).exit_code == 2);
    CHECK(run_cli({"certs", "add", "no-such-cert"}, home.path()).exit_code == 6);
    CHECK(run_cli({"certs", "remove", "cka"}, home.path()).exit_code == 0);
    const auto after = json::parse(run_cli({"ladder", "devops", "--json"}, home.path()).out);
    CHECK(rung(after, "cks")["prerequisites_met"] == false);
    CHECK(run_cli({"certs", "remove", "cka"}, home.path()).exit_code == 6);
}

TEST_CASE("an any_of prerequisite is met by any one of its rungs held", "[cli][career]")
{
    // DevOps Engineer Expert (AZ-400) needs Azure Administrator (AZ-104) or the retired Azure
    // Developer (AZ-204): one held now is enough.
    TempDir home;
    const auto before = json::parse(run_cli({"ladder", "devops", "--json"}, home.path()).out);
    CHECK(rung(before, "az-400")["prerequisites"] ==
          json::parse(R"([{"any_of": ["az-104", "az-204"], "held": [], "met": false}])"));
    CHECK(run_cli({"ladder", "devops"}, home.path()).out.find("one of az-104 or az-204 (missing)") !=
          std::string::npos);
    CHECK(run_cli({"show", "devops"}, home.path()).out.find("one of az-104 or az-204") != std::string::npos);

    CHECK(run_cli({"certs", "add", "az-204", "--track", "devops"}, home.path()).exit_code == 0);
    const auto after = json::parse(run_cli({"ladder", "devops", "--json"}, home.path()).out);
    CHECK(rung(after, "az-400")["prerequisites"][0]["held"] == json::array({"az-204"}));
    CHECK(rung(after, "az-400")["prerequisites_met"] == true);
    CHECK(run_cli({"ladder", "devops"}, home.path()).out.find("one of az-104 or az-204 (held)") !=
          std::string::npos);
}

TEST_CASE("a strong result makes rungs ready and names the next one", "[cli][career]")
{
    TempDir home;
    take(home, "devops", answers_for(track_document(home, "devops"), true));
    const auto ladder = json::parse(run_cli({"ladder", "devops", "--json"}, home.path()).out);
    CHECK(rung(ladder, "kcna")["status"] == "ready");
    CHECK(rung(ladder, "kcna")["readiness"] == 100.0);
    CHECK(rung(ladder, "tf-associate-003")["status"] == "retired");
    CHECK(rung(ladder, "cks")["status"] == "not_yet"); // CKA is not held
    REQUIRE_FALSE(ladder["next"].is_null());
    const auto text = run_cli({"ladder", "devops"}, home.path());
    CHECK(text.out.find("Next: ") != std::string::npos);
}

TEST_CASE("portfolio items are marked, unmarked and listed", "[cli][career]")
{
    TempDir home;
    const auto doc = track_document(home, "devops");
    const auto project = doc["portfolio"][0]["id"].get<std::string>();
    const auto item = doc["portfolio"][0]["checklist"][0]["id"].get<std::string>();
    CHECK(run_cli({"portfolio", "devops", "mark", project, item, "--evidence", "https://example.org/pr/1"},
                  home.path())
              .exit_code == 0);
    auto status = json::parse(run_cli({"portfolio", "devops", "--json"}, home.path()).out);
    CHECK(status["projects"][0]["done"] == 1);
    CHECK(status["projects"][0]["checklist"][0]["evidence"] == "https://example.org/pr/1");
    CHECK(run_cli({"portfolio", "devops", "mark", project, "nope"}, home.path()).exit_code == 6);
    CHECK(run_cli({"portfolio", "devops", "unmark", project, item}, home.path()).exit_code == 0);
    status = json::parse(run_cli({"portfolio", "devops", "--json"}, home.path()).out);
    CHECK(status["projects"][0]["done"] == 0);
}

TEST_CASE("recommend ranks assessed tracks and roadmap plans twelve months", "[cli][career]")
{
    TempDir home;
    CHECK(run_cli({"roadmap"}, home.path()).exit_code == 6);
    take(home, "finops", answers_for(track_document(home, "finops"), true));
    take(home, "devops", answers_for(track_document(home, "devops"), true, "incident"));
    const auto rec = json::parse(run_cli({"recommend", "--json"}, home.path()).out);
    CHECK(rec["primary"] == "finops");
    CHECK(rec["secondary"] == "devops");
    CHECK(rec["not_assessed"].size() == 3);
    CHECK(rec["not_assessed"][0]["command"].get<std::string>().rfind("cloudtrack assess ", 0) == 0);

    const auto plan = json::parse(
        run_cli({"roadmap", "--primary", "devops", "--secondary", "finops", "--json"}, home.path()).out);
    REQUIRE(plan["phases"].size() == 3);
    CHECK(plan["phases"][0]["months"] == "1-3");
    // The weakest devops area leads the plan.
    CHECK(plan["phases"][0]["actions"][0]["text"].get<std::string>().find("Incident") != std::string::npos);
    bool case_study = false;
    for (const auto& action : plan["phases"][2]["actions"]) {
        case_study = case_study || action["kind"] == "case_study";
    }
    CHECK(case_study);
    CHECK(plan["phases"][1]["actions"].size() == 2);
    CHECK(run_cli({"roadmap", "--primary", "security"}, home.path()).exit_code == 6);
}

TEST_CASE("reports render as text, Markdown, HTML and JSON", "[cli][career]")
{
    TempDir home;
    take(home, "devops", answers_for(track_document(home, "devops"), false));
    const auto md = run_cli({"report", "--latest", "devops", "--format", "md"}, home.path());
    CHECK(md.exit_code == 0);
    CHECK(md.out.find("## Certification ladder") != std::string::npos);
    CHECK(md.out.find("## 12-month roadmap") != std::string::npos);
    const auto out = home / "report.html";
    CHECK(run_cli({"report", "1", "--format", "html", "-o", out.string()}, home.path()).exit_code == 0);
    const auto html = read_text(out);
    CHECK(html.find("<svg class=\"radar\"") != std::string::npos);
    CHECK(html.find("CI/CD pipelines") != std::string::npos);
    CHECK(html.find("http://") == std::string::npos); // self-contained: no external assets
    CHECK(html.find("<script") == std::string::npos);
    const auto doc = json::parse(run_cli({"report", "1", "--format", "json"}, home.path()).out);
    CHECK(doc["schema"] == "cloudtrack.report/1");
    CHECK(doc["roadmap"]["phases"].size() == 3);
    CHECK(run_cli({"report", "99", "--format", "md"}, home.path()).exit_code == 6);
    CHECK(run_cli({"report", "1", "--format", "pdf"}, home.path()).exit_code == 2);
}
