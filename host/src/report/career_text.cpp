#include "report/career_text.hpp"

#include "content/model.hpp"
#include "report/format.hpp"
#include "util/table.hpp"
#include "util/term.hpp"

namespace cloudtrack::host::report {

using nlohmann::json;

namespace {

std::string status_text(const std::string& status)
{
    return status == "not_yet" ? "not yet" : status;
}

const char* status_colour(const std::string& status)
{
    if (status == "held" || status == "ready") {
        return "32";
    }
    return status == "expired" ? "31" : status == "retired" ? "2" : "0";
}

// "cka", or "one of az-104 or az-204" for an any_of choice.
std::string prerequisite_text(const json& pre)
{
    if (pre.contains("rung")) {
        return pre["rung"].get<std::string>();
    }
    content::Prerequisite choice;
    choice.any_of = pre["any_of"].get<std::vector<std::string>>();
    return content::to_string(choice);
}

} // namespace

void print_ladder(std::ostream& out, const json& ladder, bool color)
{
    out << util::paint(ladder["track_name"].get<std::string>() + " certification ladder", "1", color) << '\n';
    if (ladder["based_on_result"].is_null()) {
        out << "No finished assessment yet: readiness is unknown (cloudtrack assess "
            << ladder["track"].get<std::string>() << ").\n";
    } else {
        out << "Readiness from result " << ladder["based_on_result"] << " (measured level "
            << ladder["measured_level"].get<std::string>() << "); ready means at least "
            << ladder["ready_percent"]
            << "% weighted by the exam blueprint, the rung's level reached and its "
            << "prerequisites held.\n";
    }
    out << '\n';
    util::Table table({"RUNG", "EXAM", "LEVEL", "STATUS", "READY", "REQUIRES"});
    for (const auto& rung : ladder["rungs"]) {
        std::string requires_text;
        for (const auto& pre : rung["prerequisites"]) {
            requires_text += (requires_text.empty() ? "" : ", ") + prerequisite_text(pre) +
                             (pre["met"].get<bool>() ? " (held)" : " (missing)");
        }
        const auto status = rung["status"].get<std::string>();
        table.add({rung["id"].get<std::string>(), rung["exam_code"].get<std::string>(),
                   rung["level_name"].get<std::string>(),
                   util::paint(status_text(status), status_colour(status), color),
                   rung["readiness"].is_null() ? "-" : rung["readiness"].dump() + "%",
                   requires_text.empty() ? "-" : requires_text});
    }
    table.print(out);
    for (const auto& rung : ladder["rungs"]) {
        if (rung["status"] == "retired") {
            out << "  " << rung["id"].get<std::string>() << " is retired; take "
                << rung["successor"].get<std::string>() << " instead.\n";
        } else if (rung.contains("expires_on") && !rung["expires_on"].is_null()) {
            out << "  " << rung["id"].get<std::string>()
                << (rung["status"] == "expired" ? " expired on " : " valid until ")
                << rung["expires_on"].get<std::string>() << ".\n";
        }
    }
    if (!ladder["next"].is_null()) {
        out << '\n'
            << util::paint("Next: " + ladder["next"]["name"].get<std::string>(), "1", color) << '\n'
            << util::wrap(ladder["next"]["reason"].get<std::string>(), 78, "  ") << '\n';
        for (const auto& rung : ladder["rungs"]) {
            if (rung["id"] != ladder["next"]["rung"]) {
                continue;
            }
            for (const auto& domain : rung["blueprint"]) {
                out << "    " << domain["weight"] << "%  " << domain["domain"].get<std::string>() << ": "
                    << (domain["percent"].is_null() ? std::string("not measured")
                                                    : domain["percent"].dump() + "%")
                    << '\n';
            }
            out << util::wrap("Facts as of " + rung["as_of"].get<std::string>() + " (" +
                                  rung["confidence"].get<std::string>() + " confidence), " +
                                  rung["source"].get<std::string>(),
                              78, "  ")
                << '\n';
            if (const auto unconfirmed = rung.find("unconfirmed");
                unconfirmed != rung.end() && !unconfirmed->empty()) {
                std::string fields;
                for (const auto& field : *unconfirmed) {
                    fields += (fields.empty() ? "" : ", ") + field.get<std::string>();
                }
                out << util::wrap("Not confirmed at that date: " + fields, 78, "  ") << '\n';
            }
            if (!rung["notes"].get<std::string>().empty()) {
                out << util::wrap("Note: " + rung["notes"].get<std::string>(), 78, "  ") << '\n';
            }
        }
    }
}

void print_portfolio(std::ostream& out, const json& document, bool color)
{
    const auto portfolio = terminal_safe(document); // evidence quotes lines of the person's files
    out << util::paint(portfolio["track_name"].get<std::string>() + " portfolio", "1", color) << '\n';
    for (const auto& project : portfolio["projects"]) {
        out << '\n'
            << util::paint(project["title"].get<std::string>(), "1", color) << "  ("
            << project["id"].get<std::string>() << ", " << project["done"] << "/" << project["total"]
            << " done)\n"
            << util::wrap("Question: " + project["business_question"].get<std::string>(), 78, "  ") << '\n'
            << util::wrap("Outcome metric: " + project["outcome_metric"].get<std::string>(), 78, "  ")
            << '\n';
        if (const auto target = project.find("outcome_target");
            target != project.end() && !target->get<std::string>().empty()) {
            out << util::wrap("Target: " + target->get<std::string>(), 78, "  ") << '\n';
        }
        for (const auto& item : project["checklist"]) {
            const bool done = item["done"].get<bool>();
            out << util::wrap(std::string(done ? "[x] " : "[ ] ") + item["id"].get<std::string>() + ": " +
                                  item["text"].get<std::string>(),
                              78, "  ", "      ")
                << '\n';
            if (done && !item["evidence"].get<std::string>().empty()) {
                out << util::wrap("evidence (" + item["source"].get<std::string>() +
                                      "): " + item["evidence"].get<std::string>(),
                                  78, "      ")
                    << '\n';
            }
        }
    }
}

void print_roadmap(std::ostream& out, const json& roadmap, bool color)
{
    out << util::paint("12-month roadmap: " + roadmap["primary"].get<std::string>() +
                           (roadmap["secondary"].is_null()
                                ? std::string()
                                : " with " + roadmap["secondary"].get<std::string>()),
                       "1", color)
        << '\n';
    for (const auto& phase : roadmap["phases"]) {
        out << "\nMonths " << phase["months"].get<std::string>() << ": " << phase["title"].get<std::string>()
            << '\n';
        for (const auto& action : phase["actions"]) {
            out << util::wrap("- [" + action["track"].get<std::string>() + "] " +
                                  action["text"].get<std::string>(),
                              78, "  ", "    ")
                << '\n';
        }
    }
    out << "\nBusiness metrics to move:\n";
    for (const auto& metric : roadmap["metrics"]) {
        out << "  " << (metric["focus"].get<bool>() ? "* " : "  ") << "["
            << metric["track"].get<std::string>() << "] " << metric["name"].get<std::string>()
            << (metric["direction"] == "up" ? " (raise it)" : " (bring it down)") << '\n';
    }
    out << "  (* the outcome metric of the project you build)\n";
}

void print_recommendation(std::ostream& out, const json& recommendation, bool color)
{
    if (recommendation["ranked"].empty()) {
        out << "No track assessed yet.\n";
    } else {
        out << util::paint("Tracks by fit", "1", color) << '\n';
        size_t rank = 0;
        for (const auto& entry : recommendation["ranked"]) {
            std::string why;
            for (const auto& reason : entry["reasons"]) {
                why += (why.empty() ? "" : "; ") + reason.get<std::string>();
            }
            out << "  " << ++rank << ". " << entry["name"].get<std::string>() << " ("
                << entry["track"].get<std::string>() << "), fit " << entry["fit"].dump() << " of 100\n"
                << util::wrap(why, 78, "     ") << '\n';
        }
        out << '\n' << util::wrap(recommendation["why"].get<std::string>(), 78) << '\n';
        out << "Primary: " << recommendation["primary"].get<std::string>();
        if (!recommendation["secondary"].is_null()) {
            out << ", secondary: " << recommendation["secondary"].get<std::string>();
        }
        out << '\n';
    }
    if (!recommendation["not_assessed"].empty()) {
        out << "\nNot assessed yet:\n";
        for (const auto& entry : recommendation["not_assessed"]) {
            out << "  " << entry["name"].get<std::string>() << ": " << entry["command"].get<std::string>()
                << '\n';
        }
    }
}

namespace {

std::string percent_text(const json& point)
{
    return fixed(point["percent"].get<double>(), 0) + "%";
}

// Percent points first to latest, and whether θ moved beyond the noise; 80 columns in all.
void add_progress_row(util::Table& table, const std::string& name, const json& points, const json& change)
{
    if (points.empty()) {
        return;
    }
    if (change.is_null()) {
        table.add({name, percent_text(points.front()), points.size() > 1 ? percent_text(points.back()) : "-",
                   "-", "-"});
        return;
    }
    const auto delta = change["percent"].get<double>();
    const auto verdict = change["verdict"].get<std::string>();
    table.add({name, percent_text(points.front()), percent_text(points.back()),
               (delta > 0 ? "+" : "") + fixed(delta, 0),
               verdict == "within_noise" ? std::string("within noise") : verdict});
}

// "Observability and SLOs: Foundation → Associate" for every area whose level changed.
void print_level_changes(std::ostream& out, const json& progress)
{
    bool heading = false;
    const auto line = [&](const std::string& name, const json& points) {
        if (points.size() < 2 || points.front()["level_name"] == points.back()["level_name"]) {
            return;
        }
        if (!heading) {
            out << "Levels that changed:\n";
            heading = true;
        }
        out << "  " << name << ": " << points.front()["level_name"].get<std::string>() << " → "
            << points.back()["level_name"].get<std::string>() << '\n';
    };
    for (const auto& area : progress["areas"]) {
        line(area["name"].get<std::string>(), area["points"]);
    }
    line("Overall", progress["overall"]["points"]);
    if (heading) {
        out << '\n';
    }
}

} // namespace

void print_progress(std::ostream& out, const json& progress, bool color)
{
    const auto& attempts = progress["attempts"];
    out << util::paint(progress["track_name"].get<std::string>() + " progress", "1", color) << ": "
        << util::count_of(attempts.size(), "result") << ", "
        << attempts.front()["finished_at"].get<std::string>().substr(0, 10) << " to "
        << attempts.back()["finished_at"].get<std::string>().substr(0, 10) << "\n";
    if (!progress["same_content"].get<bool>()) {
        out << util::wrap("The track's questions changed between these results: compare with care.", 78, "")
            << '\n';
    }
    out << '\n';
    util::Table table({"AREA", "FIRST", "LATEST", "CHANGE", "VERDICT"});
    for (const auto& area : progress["areas"]) {
        add_progress_row(table, area["name"].get<std::string>(), area["points"], area["change"]);
    }
    add_progress_row(table, "Overall", progress["overall"]["points"], progress["overall"]["change"]);
    table.print(out);
    out << '\n';
    print_level_changes(out, progress);
    if (attempts.size() == 1) {
        out << util::wrap("One result so far: take the assessment again in a few months to see what moved.",
                          78, "")
            << '\n';
        return;
    }
    out << util::wrap("A change is called improved or declined only when the ability estimate moved by more "
                      "than 1.96 standard errors of the difference (95%); smaller ones may be the "
                      "measurement's own noise.",
                      78, "")
        << '\n';
}

} // namespace cloudtrack::host::report
