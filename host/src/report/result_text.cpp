#include "report/result_text.hpp"
#include "report/format.hpp"

#include "util/table.hpp"
#include "util/term.hpp"

#include <iomanip>
#include <sstream>

namespace cloudtrack::host::report {

using nlohmann::json;

namespace {

} // namespace

void print_result(std::ostream& out, const json& document, const TextOptions& options)
{
    const auto result = terminal_safe(document); // a result may come from another machine
    const auto wrap = [&](const std::string& text, const char* indent) {
        return util::wrap(text, options.width - 2, indent);
    };
    const auto& overall = result.at("overall");
    out << util::paint(result.at("track").at("name").get<std::string>() + " result", "1", options.color)
        << "  (attempt " << result.at("attempt").at("id") << ", " << overall.at("answered") << "/"
        << overall.at("items") << " scored items answered)\n\n";
    util::Table table({"AREA", "PERCENT", "θ ± SE", "LEVEL", "SELF-RATED"});
    for (const auto& area : result.at("areas")) {
        if (area.at("items").get<size_t>() == 0) {
            continue;
        }
        table.add({area.at("name").get<std::string>(), fixed(area.at("percent").get<double>(), 0) + "%",
                   fixed(area.at("theta").get<double>(), 2) + " ± " + fixed(area.at("se").get<double>(), 2),
                   area.at("level_name").get<std::string>(),
                   area.at("self_rating").is_null() ? "-" : area.at("self_level_name").get<std::string>()});
    }
    table.add({"Overall", fixed(overall.at("percent").get<double>(), 0) + "%",
               fixed(overall.at("theta").get<double>(), 2) + " ± " + fixed(overall.at("se").get<double>(), 2),
               overall.at("level_name").get<std::string>(), ""});
    table.print(out);

    bool gap_heading = false;
    for (const auto& area : result.at("areas")) {
        if (!area.contains("gap") || area.at("gap").get<int>() == 0) {
            continue;
        }
        if (!gap_heading) {
            out << '\n'
                << util::paint("Where self-rating and measurement disagree", "1", options.color) << '\n';
            gap_heading = true;
        }
        out << "  " << area.at("name").get<std::string>() << '\n'
            << wrap(area.at("gap_note").get<std::string>(), "    ") << '\n';
    }

    bool target_heading = false;
    for (const auto& area : result.at("areas")) {
        const auto note = below_target_note(area);
        if (note.empty()) {
            continue;
        }
        if (!target_heading) {
            out << '\n' << util::paint("Below the expected level", "1", options.color) << '\n';
            target_heading = true;
        }
        out << "  " << area.at("name").get<std::string>() << ": " << note << '\n';
    }

    const auto& missed = result.at("missed");
    if (!missed.empty()) {
        out << '\n'
            << util::paint("Missed items (" + std::to_string(missed.size()) + ")", "1", options.color)
            << '\n';
    }
    for (const auto& m : missed) {
        out << '\n'
            << util::paint(m.at("item").get<std::string>(), "33", options.color) << "  score "
            << fixed(m.at("score").get<double>(), 2) << '\n'
            << wrap(m.at("stem").get<std::string>(), "  ") << '\n'
            << "  Your answer: " << response_text(m.at("response"))
            << "   Key: " << response_text(m.at("key")) << '\n'
            << wrap("Why: " + m.at("explanation").get<std::string>(), "  ") << '\n';
        for (const auto& option : m.at("options")) {
            out << wrap(option.at("option").get<std::string>() + ") " +
                            option.at("rationale").get<std::string>(),
                        "    ")
                << '\n';
        }
        for (const auto& ref : m.at("references")) {
            out << "  Read: " << ref.at("title").get<std::string>() << " — "
                << ref.at("url").get<std::string>() << '\n';
        }
    }
    if (options.explain) {
        out << '\n';
        print_explanation(out, result, options);
    }
}

void print_explanation(std::ostream& out, const json& result, const TextOptions& options)
{
    out << util::paint("How the levels were reached", "1", options.color) << '\n'
        << util::wrap("Each answer scores from 0 to 1. Per area, the scores and each item's difficulty b "
                      "(and discrimination a) give an ability estimate θ: the mean of the posterior over "
                      "θ from -4 to 4, starting from a standard-normal prior (see docs/scoring.md). The "
                      "level is the highest whose cut point θ reaches.",
                      options.width - 2, "  ")
        << "\n\n  Cut points:";
    for (const auto& level : result.at("levels")) {
        out << "  " << level.at("name").get<std::string>()
            << (level.at("min_theta").is_null() ? std::string(" (start)")
                                                : " ≥ " + fixed(level.at("min_theta").get<double>(), 2));
    }
    out << '\n';
    for (const auto& area : result.at("areas")) {
        if (area.at("items").get<size_t>() == 0) {
            continue;
        }
        out << '\n' << "  " << area.at("name").get<std::string>() << '\n';
        for (const auto& r : result.at("responses")) {
            if (r.at("area") != area.at("id")) {
                continue;
            }
            out << "    " << std::left << std::setw(22) << r.at("item").get<std::string>() << " "
                << std::setw(16) << r.at("type").get<std::string>() << " answer " << std::setw(14)
                << response_text(r.at("response")).substr(0, 14) << " score "
                << fixed(r.at("score").get<double>(), 2) << "  b " << fixed(r.at("b").get<double>(), 1)
                << "  a " << fixed(r.at("a").get<double>(), 1)
                << (r.at("scored").get<bool>() ? "" : "  (beta: not scored)") << '\n';
        }
        out << "    → " << fixed(area.at("percent").get<double>(), 1)
            << "%, θ = " << fixed(area.at("theta").get<double>(), 2) << " ± "
            << fixed(area.at("se").get<double>(), 2) << " → " << area.at("level_name").get<std::string>()
            << '\n';
    }
    const auto& overall = result.at("overall");
    out << "\n  Overall (all scored items; percent weighted by area weight): "
        << fixed(overall.at("percent").get<double>(), 1)
        << "%, θ = " << fixed(overall.at("theta").get<double>(), 2) << " ± "
        << fixed(overall.at("se").get<double>(), 2) << " → " << overall.at("level_name").get<std::string>()
        << '\n';
}

} // namespace cloudtrack::host::report
