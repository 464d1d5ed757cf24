// cloudtrack portfolio TRACK [mark|unmark|check]: the projects that prove a skill.
#include "career/portfolio.hpp"
#include "cli/attempts.hpp"
#include "cli/commands.hpp"
#include "cli/portfolio_check.hpp"
#include "report/career_text.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

namespace {

const content::ChecklistItem& checklist_item(const content::Track& track, const std::string& project_id,
                                             const std::string& item_id)
{
    const auto* project = track.find_project(project_id);
    if (project == nullptr) {
        throw util::Error("track '" + track.info.id + "' has no project '" + project_id +
                              "' (see 'cloudtrack portfolio " + track.info.id + "')",
                          util::ExitCode::not_found);
    }
    for (const auto& item : project->checklist) {
        if (item.id == item_id) {
            return item;
        }
    }
    throw util::Error("project '" + project_id + "' has no checklist item '" + item_id + "'",
                      util::ExitCode::not_found);
}

} // namespace

int cmd_portfolio(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack portfolio TRACK [--json] | portfolio TRACK mark PROJECT ITEM [--evidence TEXT_OR_URL] | "
        "portfolio TRACK unmark PROJECT ITEM | portfolio TRACK check PROJECT DIR [--json]",
        "Shows TRACK's portfolio projects and your progress, records checklist items done by\n"
        "hand, or runs the track's evidence probes over a local repository: verified items are\n"
        "recorded with the files and lines found. A probe sees DIR only through a confined,\n"
        "read-only view (no '..', no symlink leaving DIR, size and count limits).");
    cl.add()("evidence", po::value<std::string>(),
             "mark: what proves it (text or URL)")("json", po::bool_switch(), "print JSON");
    cl.positional("words", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto words = cl.texts("words");
    if (words.empty()) {
        throw util::Error("portfolio needs a TRACK", util::ExitCode::usage);
    }
    const auto& track = context.catalog().track(words[0]);
    const auto verb = words.size() > 1 ? words[1] : std::string();
    auto store = open_store(context);
    auto& out = context.out();
    if (verb.empty()) {
        const auto status =
            career::portfolio_status(track, store->checklist(context.profile(), track.info.id));
        if (cl.flag("json")) {
            out << career::to_json(status).dump(2) << '\n';
        } else {
            report::print_portfolio(out, status, context.color());
        }
        return 0;
    }
    if (verb == "mark" || verb == "unmark") {
        if (words.size() != 4) {
            throw util::Error("usage: cloudtrack portfolio TRACK " + verb + " PROJECT ITEM",
                              util::ExitCode::usage);
        }
        const auto& item = checklist_item(track, words[2], words[3]);
        if (verb == "mark") {
            store->mark_checklist(context.profile(), {track.info.id, words[2], item.id, cl.text("evidence"),
                                                      "manual", util::now_iso8601()});
            out << "Marked " << words[2] << "/" << item.id << " done.\n";
        } else if (store->unmark_checklist(context.profile(), track.info.id, words[2], item.id)) {
            out << "Unmarked " << words[2] << "/" << item.id << ".\n";
        } else {
            throw util::Error(words[2] + "/" + item.id + " was not marked", util::ExitCode::not_found);
        }
        return 0;
    }
    if (verb == "check") {
        if (words.size() != 4) {
            throw util::Error("usage: cloudtrack portfolio TRACK check PROJECT DIR", util::ExitCode::usage);
        }
        return check_portfolio(context, *store, track, words[2], words[3], cl.flag("json"));
    }
    throw util::Error("unknown portfolio command '" + verb + "' (mark, unmark, check)",
                      util::ExitCode::usage);
}

} // namespace cloudtrack::host::cli
