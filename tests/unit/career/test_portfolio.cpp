// Portfolio status: marks counted per project, the outcome metric named, and the JSON shape
// (probe null when none; evidence, source and marked_at only on done items).
#include "career/portfolio.hpp"
#include "report/career_text.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace {

using cloudtrack::content::ChecklistItem;
using cloudtrack::content::Project;
using cloudtrack::content::Track;
using cloudtrack::host::career::portfolio_status;
using cloudtrack::host::career::to_json;
using cloudtrack::host::store::ChecklistMark;
using nlohmann::json;

Track track()
{
    Track t;
    t.info.id = "sre";
    t.info.name = "SRE";
    t.metrics = {{"p99", "Latency p99", "", "down"}};
    Project slo;
    slo.id = "slo";
    slo.title = "SLOs";
    slo.outcome_metric = "p99";
    slo.checklist = {ChecklistItem{"alerts", "Alerts", "an alert rule", "alert-rules"},
                     ChecklistItem{"review", "Review", "a review doc", ""}};
    Project free;
    free.id = "free";
    free.outcome_metric = "hours saved"; // not a metric id: kept as written
    t.portfolio = {slo, free};
    return t;
}

ChecklistMark mark(const std::string& item, const std::string& evidence)
{
    return {"sre", "slo", item, evidence, "probe", "2026-12-01T10:00:00Z"};
}

} // namespace

TEST_CASE("portfolio: done items carry their mark, others only a done flag", "[career]")
{
    const auto status = portfolio_status(track(), {mark("alerts", "rules.yaml:3")});
    REQUIRE(status.projects.size() == 2);
    CHECK(status.projects[0].done == 1);
    CHECK(status.projects[0].total == 2);
    CHECK(status.projects[0].outcome_metric == "Latency p99");
    CHECK(status.projects[1].outcome_metric == "hours saved");
    CHECK(status.projects[0].checklist[0].done());
    CHECK_FALSE(status.projects[0].checklist[1].done());

    const auto j = to_json(status);
    CHECK(j["track"] == "sre");
    CHECK(j["track_name"] == "SRE");
    const auto& project = j["projects"][0];
    CHECK(project["done"].is_number_unsigned());
    CHECK(project["total"].dump() == "2");
    CHECK(project.size() == 9);
    CHECK(project["checklist"][0] == json{{"id", "alerts"},
                                          {"text", "Alerts"},
                                          {"evidence_hint", "an alert rule"},
                                          {"probe", "alert-rules"},
                                          {"done", true},
                                          {"evidence", "rules.yaml:3"},
                                          {"source", "probe"},
                                          {"marked_at", "2026-12-01T10:00:00Z"}});
    CHECK(project["checklist"][1] == json{{"id", "review"},
                                          {"text", "Review"},
                                          {"evidence_hint", "a review doc"},
                                          {"probe", nullptr},
                                          {"done", false}});
    CHECK(j["projects"][1]["checklist"] == json::array());
}

TEST_CASE("portfolio: evidence from a person's files is printed made visible, JSON stays exact", "[career]")
{
    const auto status = portfolio_status(track(), {mark("alerts", "rules.yaml:3 \x1b[2J")});
    std::ostringstream out;
    cloudtrack::host::report::print_portfolio(out, status, false);
    CHECK(out.str().find('\x1b') == std::string::npos);
    CHECK(out.str().find("rules.yaml:3") != std::string::npos);
    CHECK(to_json(status)["projects"][0]["checklist"][0]["evidence"] == "rules.yaml:3 \x1b[2J");
}
