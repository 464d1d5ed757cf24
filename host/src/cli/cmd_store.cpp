// cloudtrack store init [--org]: sets up an organization's PostgreSQL store. Run by the database
// administrator; people and managers only ever read and write through what it sets up.
#include "cli/commands.hpp"
#include "cli/org_commands.hpp"
#include "store/org_store.hpp"
#include "util/error.hpp"

#include <ostream>

namespace cloudtrack::host::cli {

namespace po = boost::program_options;

namespace {

int init(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack store init [--org] --store postgresql://...",
                   "Creates the store's tables in the database the URI names, or upgrades them to this\n"
                   "cloudtrack's schema. With --org, also creates the roles cloudtrack_person and\n"
                   "cloudtrack_manager and the row-level security that lets each person's login read\n"
                   "and write only its own results and a manager's login only cohort summaries (the SQL\n"
                   "is in docs/organizations.md). Run as the owner of the tables; safe to run again.");
    cl.add()("org", po::bool_switch(), "organization mode: roles, grants, row-level security");
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto org = open_org_store(context, "store init", true);
    if (cl.flag("org")) {
        org->enable_organization_mode();
    }
    context.out() << "Store " << org->name() << ": schema version " << org->schema_version();
    if (cl.flag("org")) {
        context.out() << "; organization mode: grant cloudtrack_person to each person's login and "
                         "cloudtrack_manager to each manager's";
    }
    context.out() << ".\n";
    return 0;
}

} // namespace

int cmd_store(Context& context, const Args& args)
{
    const std::string usage = "cloudtrack store init [--org] --store postgresql://...";
    if (group_help(
            args, context,
            "usage: " + usage + "\n\n" +
                "  init    create or upgrade the store's tables; --org adds roles and row-level security\n\n"
                "See docs/organizations.md.\n",
            "store init")) {
        return 0;
    }
    const Args rest(args.begin() + 1, args.end());
    if (args[0] == "init") {
        return init(context, rest);
    }
    throw util::Error("unknown store command '" + args[0] + "' (usage: " + usage + ")",
                      util::ExitCode::usage);
}

} // namespace cloudtrack::host::cli
