#include "report/markdown.hpp"
#include "report/format.hpp"

#include <cmath>
#include <sstream>

namespace cloudtrack::host::report {

using nlohmann::json;

namespace {

// Table cells cannot hold a raw '|' or a newline.
std::string cell(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        out += c == '|' ? std::string("\\|") : c == '\n' ? std::string(" ") : std::string(1, c);
    }
    return out;
}

void result_section(std::ostringstream& out, const json& result)
{
    const auto& overall = result["overall"];
    out << "# " << result["track"]["name"].get<std::string>() << " report\n\n"
        << "Result " << result["attempt"]["id"] << " of profile `"
        << result["attempt"]["profile"].get<std::string>() << "`, finished "
        << result["attempt"]["finished_at"].get<std::string>() << ". Track version "
        << result["track"]["version"].get<std::string>() << ".\n\n"
        << "**Overall: " << overall["level_name"].get<std::string>() << "** — "
        << fixed(overall["percent"].get<double>(), 0) << "%, θ " << fixed(overall["theta"].get<double>(), 2)
        << " ± " << fixed(overall["se"].get<double>(), 2) << " (" << overall["answered"] << " of "
        << overall["items"] << " scored items answered).\n\n"
        << "## Areas\n\n| Area | Percent | θ ± SE | Level | Self-rated |\n|---|---|---|---|---|\n";
    for (const auto& area : result["areas"]) {
        if (area["items"].get<int>() == 0) {
            continue;
        }
        out << "| " << cell(area["name"]) << " | " << fixed(area["percent"].get<double>(), 0) << "% | "
            << fixed(area["theta"].get<double>(), 2) << " ± " << fixed(area["se"].get<double>(), 2) << " | "
            << cell(area["level_name"]) << " | "
            << (area["self_rating"].is_null() ? std::string("–") : cell(area["self_level_name"])) << " |\n";
    }
    bool gaps = false;
    for (const auto& area : result["areas"]) {
        if (area.contains("gap") && area["gap"].get<int>() != 0) {
            if (!gaps) {
                out << "\n## Where self-rating and measurement disagree\n\n";
                gaps = true;
            }
            out << "- **" << area["name"].get<std::string>() << "**: " << area["gap_note"].get<std::string>()
                << "\n";
        }
    }
    bool targets = false;
    for (const auto& area : result["areas"]) {
        if (const auto note = below_target_note(area); !note.empty()) {
            if (!targets) {
                out << "\n## Below the expected level\n\n";
                targets = true;
            }
            out << "- **" << area["name"].get<std::string>() << "**: " << note << "\n";
        }
    }
    if (!result["missed"].empty()) {
        out << "\n## Missed items\n";
    }
    for (const auto& m : result["missed"]) {
        out << "\n### " << m["item"].get<std::string>() << " (score " << fixed(m["score"].get<double>(), 2)
            << ")\n\n"
            << m["stem"].get<std::string>() << "\n\n"
            << "- Your answer: " << response_text(m["response"]) << "\n- Key: " << response_text(m["key"])
            << "\n- Why: " << m["explanation"].get<std::string>() << "\n";
        for (const auto& option : m["options"]) {
            out << "  - `" << option["option"].get<std::string>() << "` "
                << option["rationale"].get<std::string>() << "\n";
        }
        for (const auto& ref : m["references"]) {
            out << "- Read: [" << ref["title"].get<std::string>() << "](" << ref["url"].get<std::string>()
                << ")\n";
        }
    }
}

void ladder_section(std::ostringstream& out, const json& ladder)
{
    out << "\n## Certification ladder\n\n| Rung | Exam | Level | Status | Readiness "
           "|\n|---|---|---|---|---|\n";
    for (const auto& rung : ladder["rungs"]) {
        const bool next = !ladder["next"].is_null() && ladder["next"]["rung"] == rung["id"];
        out << "| " << (next ? "**" : "") << cell(rung["name"]) << (next ? "** (next)" : "") << " | "
            << cell(rung["exam_code"]) << " | " << cell(rung["level_name"]) << " | "
            << cell(rung["status"] == "not_yet" ? "not yet" : rung["status"].get<std::string>()) << " | "
            << (rung["readiness"].is_null() ? std::string("–") : rung["readiness"].dump() + "%") << " |\n";
    }
    if (!ladder["next"].is_null()) {
        out << "\n**Next: " << ladder["next"]["name"].get<std::string>() << ".** "
            << ladder["next"]["reason"].get<std::string>() << "\n";
    }
}

void portfolio_section(std::ostringstream& out, const json& portfolio)
{
    out << "\n## Portfolio\n";
    for (const auto& project : portfolio["projects"]) {
        out << "\n### " << project["title"].get<std::string>() << " (" << project["done"] << "/"
            << project["total"] << ")\n\n"
            << project["business_question"].get<std::string>()
            << " Outcome metric: " << project["outcome_metric"].get<std::string>() << ".\n\n";
        for (const auto& item : project["checklist"]) {
            out << "- [" << (item["done"].get<bool>() ? "x" : " ") << "] " << item["text"].get<std::string>()
                << "\n";
        }
    }
}

void roadmap_section(std::ostringstream& out, const json& roadmap)
{
    out << "\n## 12-month roadmap\n";
    for (const auto& phase : roadmap["phases"]) {
        out << "\n**Months " << phase["months"].get<std::string>() << ": "
            << phase["title"].get<std::string>() << "**\n\n";
        for (const auto& action : phase["actions"]) {
            out << "- [" << action["track"].get<std::string>() << "] " << action["text"].get<std::string>()
                << "\n";
        }
    }
    out << "\nBusiness metrics to move: ";
    std::string list;
    for (const auto& metric : roadmap["metrics"]) {
        list += (list.empty() ? "" : "; ") + metric["name"].get<std::string>() +
                (metric["direction"] == "up" ? " (up)" : " (down)") +
                (metric["focus"].get<bool>() ? " ★" : "");
    }
    out << list << ".\n";
}

} // namespace

std::string render_markdown(const json& report)
{
    std::ostringstream out;
    result_section(out, report["result"]);
    ladder_section(out, report["ladder"]);
    portfolio_section(out, report["portfolio"]);
    roadmap_section(out, report["roadmap"]);
    out << "\n---\nGenerated by cloudtrack on " << report["generated_at"].get<std::string>() << ".\n";
    return out.str();
}

} // namespace cloudtrack::host::report
