// cloudtrack results: the attempts kept for a profile, and what can be done with them.
#include "career/progress.hpp"
#include "cli/attempts.hpp"
#include "cli/commands.hpp"
#include "cli/org_commands.hpp"
#include "report/result_text.hpp"
#include "util/error.hpp"
#include "util/json_read.hpp"
#include "util/table.hpp"

#include <iostream>
#include <sstream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

int list(Context& context, const CommandLine& cl, const std::string& track)
{
    auto store = open_store(context);
    const auto attempts = store->attempts(context.profile(), track);
    if (cl.flag("json")) {
        auto out = json::array();
        for (const auto& a : attempts) {
            out.push_back({{"id", a.id},
                           {"track", a.track_id},
                           {"version", a.track_version},
                           {"started_at", a.started_at},
                           {"finished_at", a.finished_at ? json(*a.finished_at) : json(nullptr)},
                           {"level", a.overall_level.empty() ? json(nullptr) : json(a.overall_level)}});
        }
        context.out() << out.dump(2) << '\n';
        return 0;
    }
    if (attempts.empty()) {
        context.out() << "No results yet for profile '" << context.profile()
                      << "'. Start with 'cloudtrack assess " << (track.empty() ? "devops" : track) << "'.\n";
        return 0;
    }
    util::Table table({"ID", "DATE", "TRACK", "VERSION", "LEVEL", "STATUS"});
    for (const auto& a : attempts) {
        table.add({std::to_string(a.id), a.started_at.substr(0, 10), a.track_id, a.track_version,
                   a.overall_level.empty() ? "-" : a.overall_level,
                   a.finished_at ? "finished" : "unfinished"});
    }
    table.print(context.out());
    return 0;
}

int show(Context& context, const CommandLine& cl, const std::vector<std::string>& rest)
{
    if (rest.empty()) {
        throw util::Error("results show needs a result ID", util::ExitCode::usage);
    }
    auto store = open_store(context);
    const auto result = finished_result(*store, find_attempt(*store, context, rest[0]));
    if (cl.flag("json")) {
        context.out() << assessment::serialize(result);
    } else {
        report::print_result(context.out(), result, {context.color(), cl.flag("explain"), 80});
    }
    return 0;
}

int rescore(Context& context, const std::vector<std::string>& rest)
{
    if (rest.empty()) {
        throw util::Error("results rescore needs a result ID", util::ExitCode::usage);
    }
    auto store = open_store(context);
    const auto attempt = find_attempt(*store, context, rest[0]);
    const auto stored = finished_result(*store, attempt);
    const auto& track = context.catalog().track(attempt.track_id);
    const auto fresh =
        assessment::serialize(assessment::score_attempt(track, load_record(*store, attempt, track)));
    context.out() << fresh;
    const auto& stored_sha = stored.track.content_sha256;
    if (stored_sha != track.sha256) {
        std::cerr << "cloudtrack: note: the " << attempt.track_id << " track changed since result "
                  << attempt.id << " was scored (content " << stored_sha.substr(0, 12) << " then, "
                  << track.sha256.substr(0, 12) << " now, version " << stored.track.version << " → "
                  << track.info.version << "); the scores above use the installed track\n";
    } else if (fresh != assessment::serialize(stored)) {
        std::cerr
            << "cloudtrack: note: re-scoring differs from the stored result although the content is the same "
               "(a different scoring engine: "
            << stored.engine << ")\n";
    }
    return 0;
}

std::string csv_field(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos) {
        return text;
    }
    std::string out = "\"";
    for (const char c : text) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

// One row per area and one for the overall figures of a result, from its stored summary: the
// same values the document holds, numbers printed as the document printed them.
void write_csv_rows(std::ostream& out, const std::string& profile, const career::ProgressResult& r)
{
    const auto number = [](double value) { return json(value).dump(); };
    const auto row_start = std::to_string(r.attempt) + "," + csv_field(profile) + "," +
                           csv_field(r.track_id) + "," + csv_field(r.version) + "," +
                           csv_field(r.finished_at) + ",";
    std::string rows;
    for (const auto& area : r.areas) {
        const auto& f = area.figures;
        rows += row_start + csv_field(area.id) + "," + csv_field(area.name) + "," + number(f.percent) + "," +
                number(f.theta) + "," + number(f.se) + "," + csv_field(f.level_name) + "," +
                csv_field(area.self_level_name.value_or("")) + "\n";
    }
    const auto& f = r.overall;
    rows += row_start + "overall,Overall," + number(f.percent) + "," + number(f.theta) + "," + number(f.se) +
            "," + csv_field(f.level_name) + ",\n";
    out.write(rows.data(), static_cast<std::streamsize>(rows.size()));
}

// `document` as an element of the exported array: after `separator`, every line but the first
// moved two spaces right, without its final newline. A stored document is the text serialize()
// wrote (sorted keys, two-space indent, a final newline), so this gives the bytes that
// `json::array(documents).dump(2)` would (strings hold no raw line breaks: JSON escapes them),
// without parsing the document into a tree and printing it again.
void indent_into(std::string& out, std::string_view separator, std::string_view document)
{
    const std::string_view text(document.data(), document.size() - (document.ends_with('\n') ? 1 : 0));
    out.assign(separator);
    out.reserve(separator.size() + text.size() + text.size() / 8);
    size_t from = 0;
    for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', from)) {
        out.append(text, from, at - from).append("\n  ");
        from = at + 1;
    }
    out.append(text, from);
}

// Streams the results, one document in memory at a time.
int export_results(Context& context, const CommandLine& cl, const std::string& track)
{
    const auto format = cl.text("format", "json");
    if (format != "json" && format != "csv") {
        throw util::Error("--format must be json or csv", util::ExitCode::usage);
    }
    auto store = open_store(context);
    auto& out = context.out();
    if (format == "csv") {
        // The figures a CSV row holds are all in the summary kept beside each document, so no
        // document is decompressed or parsed.
        out << "result_id,profile,track,track_version,finished_at,area,area_name,percent,theta,se,level,self_"
               "rating\n";
        store->visit_result_summaries(context.profile(), track, store::Order::newest_first,
                                      [&](std::int64_t attempt, const std::string& summary) {
                                          write_csv_rows(out, context.profile(),
                                                         career::progress_result(attempt, summary));
                                      });
        return 0;
    }
    std::string element;
    bool first = true;
    store->visit_results(context.profile(), track, [&](const std::string& document) {
        // Written unparsed, so checked first (simdjson, at gigabytes a second): a damaged row
        // cannot break the array.
        if (!util::is_json_text(document)) {
            throw util::Error("a stored result of profile '" + context.profile() + "' is not valid JSON",
                              util::ExitCode::storage);
        }
        indent_into(element, first ? "[\n  " : ",\n  ", document);
        first = false;
        out.write(element.data(), static_cast<std::streamsize>(element.size()));
    });
    out << (first ? "[]\n" : "\n]\n");
    return 0;
}

} // namespace

int cmd_results(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack results [list] [TRACK] [--json] | results show ID [--json] [--explain] | results rescore "
        "ID "
        "| results export [TRACK] --format json|csv | results share [ID] | results shared [--json] | results "
        "withdraw ENTRY",
        "Lists the attempts of the profile (newest first; 'results list' is the same), shows one\n"
        "result, re-scores a stored result with the installed track (byte-identical when the track\n"
        "is unchanged; a changed track is reported on stderr), or exports every finished result.\n"
        "With an organization's store (--store postgresql://...): 'share' copies a finished result\n"
        "(default: the newest) from your own store into it, 'shared' lists what you shared and\n"
        "when, 'withdraw' deletes a shared copy (docs/organizations.md).");
    cl.add()("json", po::bool_switch(), "print JSON")(
        "explain", po::bool_switch(), "show: add the scoring path")("format", po::value<std::string>(),
                                                                    "export: json or csv");
    cl.positional("words", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto words = cl.texts("words");
    const auto verb = words.empty() ? std::string() : words[0];
    const std::vector<std::string> rest(words.empty() ? words.end() : words.begin() + 1, words.end());
    if (verb == "show") {
        return show(context, cl, rest);
    }
    if (verb == "rescore") {
        return rescore(context, rest);
    }
    if (verb == "list") {
        return list(context, cl, rest.empty() ? "" : rest[0]);
    }
    if (verb == "share") {
        return results_share(context, cl, rest);
    }
    if (verb == "shared") {
        return results_shared(context, cl);
    }
    if (verb == "withdraw") {
        return results_withdraw(context, rest);
    }
    if (verb == "export") {
        return export_results(context, cl, rest.empty() ? "" : rest[0]);
    }
    return list(context, cl, verb);
}

} // namespace cloudtrack::host::cli
