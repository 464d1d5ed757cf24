#include "report/measure_text.hpp"

#include "report/format.hpp"

#include "util/table.hpp"
#include "util/term.hpp"

#include <string>

namespace cloudtrack::host::report {

using nlohmann::json;

namespace {

std::string percent(double share)
{
    return fixed(100.0 * share, 1) + "%";
}

std::vector<std::string> figure_cells(const json& f)
{
    return {percent(f["accuracy"].get<double>()), fixed(f["mean_length"].get<double>(), 1),
            fixed(f["p90_length"].get<double>(), 0), fixed(f["rmse"].get<double>(), 3),
            fixed(f["mean_se"].get<double>(), 3)};
}

std::string bank_line(const json& s)
{
    const auto& bank = s["bank"];
    const auto items = util::count_of(bank["items"].get<size_t>(), "scored item");
    const auto kind = bank["kind"].get<std::string>();
    if (kind == "synthetic") {
        return "Item bank: SYNTHETIC calibrated bank, " + items +
               " in the track's areas, a ~ U(0.8, 2.0), b spread over the levels, drawn from the seed.\n"
               "           These are not the track's items: the figures show what calibrated items could do.";
    }
    if (kind == "calibration") {
        return "Item bank: the track's items, " + std::to_string(bank["calibrated_items"].get<size_t>()) +
               " of " + items + " with parameters from the calibration file, the rest from their labels.";
    }
    return "Item bank: the track's items as they are, " + items +
           ", parameters from difficulty labels (easy -1, medium 0, hard +1, a = 1) or the author's a and b.";
}

} // namespace

void print_simulation(std::ostream& out, const json& s)
{
    const auto& theta = s["theta"];
    const auto distribution =
        theta["distribution"].get<std::string>() == "normal"
            ? "theta ~ N(" + util::number_text(theta["mean"].get<double>()) + ", " +
                  util::number_text(theta["sd"].get<double>()) + ")"
            : "theta from " + util::count_of(theta["count"].get<size_t>(), "given value");
    const auto people = s["people"].get<size_t>();
    out << "Simulated " << people << (people == 1 ? " person" : " people") << " on "
        << s["track"]["id"].get<std::string>() << ' ' << s["track"]["version"].get<std::string>() << ", "
        << distribution << ", seed " << s["seed"].get<std::uint64_t>() << ".\n"
        << bank_line(s) << '\n';
    const double error = s["parameter_error"].get<double>();
    out << "Parameter error: "
        << (error > 0.0 ? "SD " + util::number_text(error) +
                              " added to b and log a of what the scorer believes; answers follow the truth."
                        : std::string("none (the scorer believes the true parameters)."))
        << '\n';
    if (const double assumed = s.value("assumed_parameter_error", 0.0); assumed > 0.0) {
        out << "Reported SEs include an assumed parameter error of SD " << util::number_text(assumed)
            << (s["bank"]["kind"] == "track" ? " (the judgement error of uncalibrated items, as results do)."
                                             : " (what a calibration of that precision would report).")
            << '\n';
    }
    const auto& r = s["rules"];
    out << "Fixed form: the standard form, " << r["fixed_per_area"].get<size_t>()
        << " per area. Adaptive: " << r["min_items"].get<size_t>() << " to " << r["max_items"].get<size_t>()
        << " items, at least " << r["min_per_area"].get<size_t>() << " per area, SE target "
        << util::number_text(r["se_target"].get<double>()) << " overall and "
        << util::number_text(r["area_se_target"].get<double>()) << " per area, random among the top "
        << r["top_k"].get<size_t>() << " at the " << r.value("select_at", std::string("area"))
        << " estimate.\n\n";

    util::Table table(
        {"", "fixed: level", "items", "p90", "RMSE", "SE", "adaptive: level", "items", "p90", "RMSE", "SE"});
    const auto& f = s["fixed"];
    const auto& a = s["adaptive"];
    for (size_t i = 0; i < f["areas"].size(); ++i) {
        std::vector<std::string> row = {f["areas"][i]["id"].get<std::string>()};
        for (const auto& cell : figure_cells(f["areas"][i])) {
            row.push_back(cell);
        }
        for (const auto& cell : figure_cells(a["areas"][i])) {
            row.push_back(cell);
        }
        table.add(std::move(row));
    }
    std::vector<std::string> overall = {"overall"};
    for (const auto& cell : figure_cells(f["overall"])) {
        overall.push_back(cell);
    }
    for (const auto& cell : figure_cells(a["overall"])) {
        overall.push_back(cell);
    }
    table.add(std::move(overall));
    table.print(out);

    out << "\nlevel: share of people reported at their true level; items: mean test length (p90: 90th\n"
           "percentile); RMSE of the estimate against the true theta; SE: the mean standard error "
           "reported.\n\n"
        << "Most-shown item: fixed " << percent(f["max_exposure"].get<double>()) << " of people, adaptive "
        << percent(a["max_exposure"].get<double>()) << ". Never shown: fixed "
        << percent(f["never_used"].get<double>()) << " of the bank, adaptive "
        << percent(a["never_used"].get<double>()) << ".\n";
    std::vector<std::string> stops;
    for (const auto& [reason, count] : a["stop_reasons"].items()) {
        stops.push_back(reason + " " +
                        percent(count.get<double>() / static_cast<double>(s["people"].get<size_t>())));
    }
    out << "Adaptive stops: " << util::join(stops) << ".\n";
}

void print_calibration(std::ostream& out, const json& report)
{
    out << "Calibrated " << util::count_of(report["items_estimated"].get<size_t>(), "item") << " of "
        << report["track"]["id"].get<std::string>() << ' ' << report["track"]["version"].get<std::string>()
        << " from " << util::count_of(report["people"].get<size_t>(), "result") << " (EM, "
        << util::count_of(report["iterations"].get<size_t>(), "cycle") << ", "
        << (report["converged"].get<bool>() ? "converged" : "NOT converged") << ").\n";
    if (report["other_content"].get<size_t>() > 0) {
        out << "Note: " << util::count_of(report["other_content"].get<size_t>(), "result")
            << " were scored with other content of this track; items are matched by id.\n";
    }
    out << '\n';
    util::Table table({"item", "n", "facility", "pt-bis", "a", "se(a)", "b", "se(b)", "flags"});
    size_t flagged = 0;
    for (const auto& item : report["items"]) {
        std::vector<std::string> flags;
        for (const auto& flag : item["flags"]) {
            flags.push_back(flag.get<std::string>());
        }
        flagged += flags.empty() ? 0U : 1U;
        const bool estimated = item["estimated"].get<bool>();
        table.add({item["id"].get<std::string>(), std::to_string(item["n"].get<size_t>()),
                   fixed(item["facility"].get<double>(), 2), fixed(item["point_biserial"].get<double>(), 2),
                   estimated ? fixed(item["a"].get<double>(), 2) : "-",
                   estimated ? fixed(item["se_a"].get<double>(), 2) : "-",
                   estimated ? fixed(item["b"].get<double>(), 2) : "-",
                   estimated ? fixed(item["se_b"].get<double>(), 2) : "-", util::join(flags)});
    }
    table.print(out);
    out << '\n' << util::count_of(flagged, "item") << " flagged.";
    if (report.contains("output")) {
        out << " Wrote " << util::count_of(report["written"].get<size_t>(), "item") << " to "
            << report["output"].get<std::string>() << " (items with fewer than "
            << report["min_responses"].get<size_t>() << " responses keep their label parameters).";
    }
    out << '\n';
}

} // namespace cloudtrack::host::report
