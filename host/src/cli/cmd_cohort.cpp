// cloudtrack cohort TRACK FILE...: what a group's shared results say together, naming no one.
#include "career/cohort.hpp"
#include "cli/commands.hpp"
#include "cli/org_commands.hpp"
#include "report/cohort_text.hpp"
#include "store/org_store.hpp"
#include "store/pg_conn.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/json_fields.hpp"
#include "util/json_read.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <ostream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

// The result documents in one file (a single result, or an array as `results export` writes),
// each handed to the cohort and reduced before the next file is read.
void read_results(const std::string& file, career::CohortBuilder& cohort)
{
    const auto text = util::read_file(file, util::file_kind::result);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::bad_input);
    }
    auto parsed = util::parse_json(*text);
    if (!parsed) {
        throw util::Error(file + ": " + parsed.error(), util::ExitCode::bad_input);
    }
    const auto& document = *parsed;
    const auto add = [&](const std::string& source, const json& result) {
        if (auto added = cohort.add(source, result); !added) {
            throw util::Error(added.error(), util::ExitCode::bad_input);
        }
    };
    if (document.is_object()) {
        add(file, document);
    } else if (document.is_array()) {
        for (size_t i = 0; i < document.size(); ++i) {
            add(file + ": result " + std::to_string(i + 1), document[i]);
        }
    } else {
        throw util::Error(file + ": not a result document or an array of them (JSON from 'cloudtrack results "
                                 "export --format json' or 'results show ID --json')",
                          util::ExitCode::bad_input);
    }
}

// The summary as the organization's database computed it (sql/cohort.sql), read into the same
// model as a summary of files; a document the database should never produce is storage damage.
util::Expected<career::Cohort> store_summary(const Context& context, const std::string& track_id,
                                             size_t min_size)
{
    auto org = open_org_store(context, "cohort without result files", false);
    auto parsed = util::parse_json(org->cohort(track_id, static_cast<int>(min_size)));
    try {
        if (!parsed) {
            throw util::FieldError("(root)", "a cohort document: " + parsed.error());
        }
        return career::parse_cohort(*parsed);
    } catch (const util::FieldError& e) {
        throw util::Error("the organization's cohort: " + std::string(e.what()), util::ExitCode::storage);
    }
}

} // namespace

int cmd_cohort(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack cohort TRACK FILE... [--min-size N] [--json] | cloudtrack cohort TRACK --store "
        "postgresql://... [--json]",
        "Summarizes a group's results on TRACK: per area the median and middle half of the\n"
        "percent scores, how many reached each level, how many are below the expected level,\n"
        "how self-ratings compare, and the items most often missed. FILEs hold result\n"
        "documents people shared ('cloudtrack results export --format json'); each person\n"
        "counts once, with their newest result. No one is named, counts below 3 are not\n"
        "shown, and fewer than --min-size people (default 5, at least 3) is refused.\n"
        "Without FILEs, from an organization's PostgreSQL store (--store): the database\n"
        "computes the same summary from what people shared, at least 5 people.");
    cl.add()("min-size", po::value<std::string>(), "people needed for a summary (default 5, at least 3)")(
        "json", po::bool_switch(), "print the cloudtrack.cohort/1 document");
    cl.positional("track", 1);
    cl.positional("files", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const bool from_store = !cl.has("files") && store::detail::is_postgres_uri(context.store_spec());
    if (!cl.has("track") || (!cl.has("files") && !from_store)) {
        throw util::Error("cohort needs a TRACK and at least one FILE of results, or an organization's store "
                          "(--store postgresql://...)",
                          util::ExitCode::usage);
    }
    career::CohortOptions options;
    if (cl.has("min-size")) {
        options.min_size = cl.number("min-size", options.min_cell, 1000000);
    }
    util::Expected<career::Cohort> summary = util::fail("");
    if (from_store) {
        summary = store_summary(context, cl.text("track"), options.min_size);
    } else {
        career::CohortBuilder cohort(cl.text("track"), options);
        for (const auto& file : cl.texts("files")) {
            read_results(file, cohort);
            cohort.next_file();
        }
        summary = cohort.summary();
        if (const auto shared = cohort.profiles_in_several_files(); summary && shared > 0) {
            // Not who: the operator holds the files, the output may travel.
            std::cerr << "cloudtrack: note: " << shared << (shared == 1 ? " profile has" : " profiles have")
                      << " results in more than one file, each counted once with its newest result; "
                         "if different people share a profile name (the default is the login name), "
                         "have them export with distinct --profile names\n";
        }
    }
    if (!summary) {
        throw util::Error(summary.error(), util::ExitCode::bad_input);
    }
    if (cl.flag("json")) {
        context.out() << to_json(*summary).dump(2) << '\n';
    } else {
        report::print_cohort(context.out(), *summary, context.color());
    }
    return 0;
}

} // namespace cloudtrack::host::cli
