// results share / shared / withdraw: a person's results reach the organization's store only by
// their own command, they can see what they shared and when, and take it back.
#include "cli/attempts.hpp"
#include "cli/org_commands.hpp"
#include "store/org_store.hpp"
#include "store/pg_conn.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

#include <nlohmann/json.hpp>

#include <ostream>

namespace cloudtrack::host::cli {

using nlohmann::json;

std::unique_ptr<store::OrgStore> open_org_store(const Context& context, const std::string& what, bool migrate)
{
    const auto spec = context.store_spec();
    if (!store::detail::is_postgres_uri(spec)) {
        throw util::Error(
            what + " needs the organization's PostgreSQL store: --store postgresql://... or \"store\" in " +
                (context.data_dir() / "config.json").string(),
            util::ExitCode::usage);
    }
    return std::make_unique<store::OrgStore>(spec, migrate);
}

int results_share(Context& context, const CommandLine& /*cl*/, const std::vector<std::string>& rest)
{
    auto org = open_org_store(context, "results share", false);
    // The person's own results: always the SQLite file of the data folder, whatever --store says.
    const auto local = store::open_sqlite(store::default_store_file(context.data_dir()));
    std::optional<store::Attempt> attempt;
    if (rest.empty()) {
        attempt = local->latest_finished(context.profile(), "");
        if (!attempt) {
            throw util::Error("no finished result for profile '" + context.profile() + "' to share",
                              util::ExitCode::not_found);
        }
    } else {
        attempt = find_attempt(*local, context, rest[0]);
    }
    const auto document = local->result_document(attempt->id);
    if (!document) {
        throw util::Error("result " + std::to_string(attempt->id) +
                              " is not finished; only finished results are shared",
                          util::ExitCode::not_found);
    }
    const auto shared =
        org->share(attempt->track_id, attempt->id, attempt->finished_at.value_or(""), *document);
    context.out() << (shared.added ? "Shared" : "Already shared") << " result " << attempt->id << " ("
                  << attempt->track_id << ", finished " << attempt->finished_at.value_or("") << ") with "
                  << org->name() << " as " << org->login() << " on " << shared.entry.shared_at << " (entry "
                  << shared.entry.id << "; 'cloudtrack results withdraw " << shared.entry.id
                  << "' takes it back).\n";
    return 0;
}

int results_shared(Context& context, const CommandLine& cl)
{
    auto org = open_org_store(context, "results shared", false);
    const auto entries = org->shared();
    if (cl.flag("json")) {
        auto out = json::array();
        for (const auto& e : entries) {
            out.push_back({{"entry", e.id},
                           {"track", e.track_id},
                           {"result", e.source_attempt},
                           {"finished_at", e.finished_at},
                           {"shared_at", e.shared_at}});
        }
        context.out() << out.dump(2) << '\n';
        return 0;
    }
    if (entries.empty()) {
        context.out() << "Nothing shared with " << org->name() << " as " << org->login() << ".\n";
        return 0;
    }
    util::Table table({"ENTRY", "TRACK", "RESULT", "FINISHED", "SHARED"});
    for (const auto& e : entries) {
        table.add(
            {std::to_string(e.id), e.track_id, std::to_string(e.source_attempt), e.finished_at, e.shared_at});
    }
    table.print(context.out());
    return 0;
}

int results_withdraw(Context& context, const std::vector<std::string>& rest)
{
    if (rest.empty()) {
        throw util::Error(
            "results withdraw needs the ENTRY of a shared result (see 'cloudtrack results shared')",
            util::ExitCode::usage);
    }
    const auto id = parse_id(rest[0]);
    auto org = open_org_store(context, "results withdraw", false);
    if (!org->withdraw(id)) {
        throw util::Error("no shared result " + rest[0] + " of " + org->login() + " in " + org->name(),
                          util::ExitCode::not_found);
    }
    context.out() << "Withdrew shared result " << id << " from " << org->name() << ".\n";
    return 0;
}

} // namespace cloudtrack::host::cli
