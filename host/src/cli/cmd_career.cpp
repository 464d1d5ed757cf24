// cloudtrack certs | ladder | roadmap | recommend: the advice built on top of results.
#include "career/ladder.hpp"
#include "career/progress.hpp"
#include "cli/attempts.hpp"
#include "cli/commands.hpp"
#include "cli/standing.hpp"
#include "report/career_text.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/table.hpp"

namespace cloudtrack::host::cli {

namespace po = boost::program_options;
using nlohmann::json;

namespace {

int certs_add(Context& context, const CommandLine& cl, const std::vector<std::string>& rest)
{
    if (rest.empty()) {
        throw util::Error("certs add needs a RUNG id (see 'cloudtrack ladder TRACK')", util::ExitCode::usage);
    }
    const auto& rung_id = rest[0];
    const auto date = cl.text("date", util::today());
    if (!util::valid_date(date)) {
        throw util::Error("--date '" + date + "' is not a date YYYY-MM-DD", util::ExitCode::usage);
    }
    if (date > util::today()) {
        throw util::Error("--date " + date + " is in the future", util::ExitCode::usage);
    }
    const auto only = cl.text("track");
    auto store = open_store(context);
    std::vector<std::string> tracks;
    for (const auto* track : context.catalog().tracks()) {
        if ((only.empty() || only == track->info.id) && track->find_rung(rung_id) != nullptr) {
            store->add_certification(context.profile(), {track->info.id, rung_id, date});
            tracks.push_back(track->info.id);
        }
    }
    if (tracks.empty()) {
        throw util::Error("no rung '" + rung_id + "'" + (only.empty() ? "" : " in track '" + only + "'") +
                              " (see 'cloudtrack ladder TRACK')",
                          util::ExitCode::not_found);
    }
    std::string list;
    for (const auto& t : tracks) {
        list += (list.empty() ? "" : ", ") + t;
    }
    context.out() << "Recorded " << rung_id << " earned on " << date << " (on the " << list << " ladder"
                  << (tracks.size() > 1 ? "s" : "") << ").\n";
    return 0;
}

int certs_list(Context& context, const CommandLine& cl)
{
    auto store = open_store(context);
    const auto certs = store->certifications(context.profile());
    auto list = json::array();
    util::Table table({"RUNG", "TRACK", "EARNED", "EXPIRES", "NAME"});
    for (const auto& cert : certs) {
        const auto* plugin = context.catalog().find(cert.track_id);
        const auto* rung = plugin == nullptr ? nullptr : plugin->track->find_rung(cert.rung_id);
        std::optional<std::string> expires;
        if (rung != nullptr && rung->validity_months) {
            expires = util::add_months(cert.earned_on, *rung->validity_months);
        }
        list.push_back({{"rung", cert.rung_id},
                        {"track", cert.track_id},
                        {"earned_on", cert.earned_on},
                        {"expires_on", expires ? json(*expires) : json(nullptr)},
                        {"name", rung == nullptr ? json(nullptr) : json(rung->name)}});
        table.add({cert.rung_id, cert.track_id, cert.earned_on,
                   expires ? *expires + (*expires < util::today() ? " (expired)" : "") : "-",
                   rung == nullptr ? "(track not installed)" : rung->name});
    }
    if (cl.flag("json")) {
        context.out() << list.dump(2) << '\n';
    } else if (certs.empty()) {
        context.out() << "No certifications recorded for profile '" << context.profile()
                      << "'. Add one with 'cloudtrack certs add RUNG --date YYYY-MM-DD'.\n";
    } else {
        table.print(context.out());
    }
    return 0;
}

} // namespace

int cmd_certs(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack certs add RUNG [--date YYYY-MM-DD] [--track TRACK] | certs list [--json] | "
                   "certs remove RUNG [--track TRACK]",
                   "Records the certifications you hold, per profile. A rung id found on several tracks'\n"
                   "ladders (cka, say) is recorded on each. Expiry follows the rung's validity.");
    cl.add()("date", po::value<std::string>(), "when it was earned (default: today)")(
        "track", po::value<std::string>(), "only on this track's ladder")("json", po::bool_switch(),
                                                                          "print JSON");
    cl.positional("words", -1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto words = cl.texts("words");
    const auto verb = words.empty() ? std::string("list") : words[0];
    const std::vector<std::string> rest(words.empty() ? words.end() : words.begin() + 1, words.end());
    if (verb == "add") {
        return certs_add(context, cl, rest);
    }
    if (verb == "list") {
        return certs_list(context, cl);
    }
    if (verb == "remove") {
        if (rest.empty()) {
            throw util::Error("certs remove needs a RUNG id", util::ExitCode::usage);
        }
        auto store = open_store(context);
        bool removed = false;
        for (const auto& cert : store->certifications(context.profile())) {
            if (cert.rung_id == rest[0] && (cl.text("track").empty() || cl.text("track") == cert.track_id)) {
                removed =
                    store->remove_certification(context.profile(), cert.track_id, cert.rung_id) || removed;
            }
        }
        if (!removed) {
            throw util::Error("profile '" + context.profile() + "' holds no '" + rest[0] + "'",
                              util::ExitCode::not_found);
        }
        context.out() << "Removed " << rest[0] << ".\n";
        return 0;
    }
    throw util::Error("unknown certs command '" + verb + "' (add, list, remove)", util::ExitCode::usage);
}

int cmd_ladder(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack ladder TRACK [--json]",
                   "Every rung of TRACK's certification ladder with its status (held, expired, ready, not\n"
                   "yet, retired), readiness from your latest result weighted by the exam blueprint,\n"
                   "prerequisites, and the next rung worth taking with the reason.");
    cl.add()("json", po::bool_switch(), "print JSON");
    cl.positional("track", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("track")) {
        throw util::Error("ladder needs a TRACK", util::ExitCode::usage);
    }
    const auto& track = context.catalog().track(cl.text("track"));
    auto store = open_store(context);
    Standings standings(context, *store);
    const auto standing = standings.of(track);
    if (cl.flag("json")) {
        context.out() << career::to_json(standing.ladder).dump(2) << '\n';
    } else {
        report::print_ladder(context.out(), standing.ladder, context.color());
    }
    return 0;
}

int cmd_recommend(Context& context, const Args& args)
{
    CommandLine cl(
        "cloudtrack recommend [--json]",
        "Ranks the tracks you have assessed by fit (measured skill, self-rating, distance to the\n"
        "first useful certification) and proposes a primary and a secondary track. Tracks not yet\n"
        "assessed are listed with the command to assess them.");
    cl.add()("json", po::bool_switch(), "print JSON");
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto store = open_store(context);
    Standings standings(context, *store);
    std::vector<career::TrackStanding> all;
    for (const auto* info : context.catalog().summaries()) {
        if (auto standing = standings.of(*info)) {
            all.push_back(std::move(*standing));
        }
    }
    const auto recommendation = career::recommend(all);
    if (cl.flag("json")) {
        context.out() << career::to_json(recommendation).dump(2) << '\n';
    } else {
        report::print_recommendation(context.out(), recommendation, context.color());
    }
    return 0;
}

// The roadmap for --primary/--secondary, defaulting to the recommendation's choice.
career::Roadmap build_roadmap(Context& context, const store::Store& store, std::string primary,
                              std::string secondary)
{
    Standings standings(context, store);
    if (primary.empty()) {
        std::vector<career::TrackStanding> all;
        for (const auto* info : context.catalog().summaries()) {
            if (auto standing = standings.of(*info)) {
                all.push_back(std::move(*standing));
            }
        }
        const auto recommendation = career::recommend(all);
        if (!recommendation.primary) {
            throw util::Error("no finished assessment yet: take one first (cloudtrack assess TRACK)",
                              util::ExitCode::not_found);
        }
        primary = *recommendation.primary;
        if (secondary.empty() && recommendation.secondary) {
            secondary = *recommendation.secondary;
        }
    }
    const auto first = standings.of(context.catalog().track(primary));
    if (first.latest == nullptr) {
        throw util::Error("no finished " + primary + " assessment yet (cloudtrack assess " + primary + ")",
                          util::ExitCode::not_found);
    }
    std::optional<career::TrackStanding> second;
    if (!secondary.empty()) {
        if (secondary == primary) {
            throw util::Error("--secondary must differ from --primary", util::ExitCode::usage);
        }
        second = standings.of(context.catalog().track(secondary));
        if (second->latest == nullptr) {
            throw util::Error("no finished " + secondary + " assessment yet (cloudtrack assess " + secondary +
                                  ")",
                              util::ExitCode::not_found);
        }
    }
    return career::roadmap(first, second ? &*second : nullptr);
}

int cmd_roadmap(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack roadmap [--primary TRACK] [--secondary TRACK] [--json]",
                   "A 12-month plan from your latest results: months 1-3 close the weakest areas and aim at\n"
                   "the starter rung; 4-8 build a portfolio project in each track; 9-12 take the next rung\n"
                   "and write the project up as a case study. Tracks default to 'cloudtrack recommend'.");
    cl.add()("primary", po::value<std::string>(), "the track to specialize in")(
        "secondary", po::value<std::string>(), "the complementary track")("json", po::bool_switch(),
                                                                          "print JSON");
    if (!cl.parse(args, context)) {
        return 0;
    }
    auto store = open_store(context);
    const auto plan = build_roadmap(context, *store, cl.text("primary"), cl.text("secondary"));
    if (cl.flag("json")) {
        context.out() << career::to_json(plan).dump(2) << '\n';
    } else {
        report::print_roadmap(context.out(), plan, context.color());
    }
    return 0;
}

int cmd_progress(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack progress TRACK [--json]",
                   "Your finished results on TRACK side by side, oldest to newest: per area the first and\n"
                   "the latest percent and level, and whether the change is larger than the measurement's\n"
                   "own uncertainty (improved, declined, or within noise).");
    cl.add()("json", po::bool_switch(), "print JSON");
    cl.positional("track", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("track")) {
        throw util::Error("progress needs a TRACK", util::ExitCode::usage);
    }
    const auto track_id = cl.text("track");
    auto store = open_store(context);
    // Each stored result's summary, oldest first, reduced to what progress keeps as it is read;
    // with --json the points go to temporary files, so memory does not follow the history.
    const bool as_json = cl.flag("json");
    career::ProgressBuilder builder(as_json);
    store->visit_result_summaries(context.profile(), track_id, store::Order::oldest_first,
                                  [&](int64_t attempt, const std::string& summary) {
                                      builder.add(career::progress_result(attempt, summary));
                                  });
    if (builder.empty()) {
        throw util::Error("no finished result on '" + track_id + "' for profile " + context.profile() +
                              " (take one with 'cloudtrack assess " + track_id + "')",
                          util::ExitCode::not_found);
    }
    if (as_json) {
        builder.write_json(context.out());
        context.out() << '\n';
    } else {
        report::print_progress(context.out(), builder.progress(), context.color());
    }
    return 0;
}

} // namespace cloudtrack::host::cli
