#include "career/cohort.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "util/json_fields.hpp"

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

// Nearest-rank percentile of sorted values: deterministic, and always a value someone had.
double percentile(const std::vector<double>& sorted, double q)
{
    const auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

// A count as shown: itself, or suppressed when it could point at a few people.
CohortCount cell(size_t count, const CohortOptions& options)
{
    return {count, count > 0 && count < options.min_cell};
}

json count_json(const CohortCount& count)
{
    return {{"count", count.suppressed ? json(nullptr) : json(count.count)},
            {"suppressed", count.suppressed}};
}

bool is_result_of(const json& result, const std::string& track_id)
{
    return result.is_object() && result.value("schema", "") == "cloudtrack.result/1" &&
           result.contains("track") && result["track"].is_object() &&
           result["track"].value("id", "") == track_id;
}

// Everyone's figures for one area (or overall).
struct Tally {
    explicit Tally(std::string area_name) : name(std::move(area_name)) {}

    std::string name;
    std::vector<double> percents;
    std::map<std::string, size_t> levels;
    std::vector<double> gaps; // measured level minus self-rated level
    size_t with_target = 0;
    size_t below_target = 0;
    std::string target_level_name;

    template <class Figures> void add(const Figures& figures)
    {
        percents.push_back(figures.percent);
        ++levels[*figures.level];
        if (figures.gap) {
            gaps.push_back(*figures.gap);
        }
        if (figures.target) {
            ++with_target;
            below_target += figures.target->first ? 1U : 0U;
            target_level_name = *figures.target->second;
        }
    }

    [[nodiscard]] CohortFigures summary(const std::vector<assessment::LevelInfo>& level_list,
                                        const CohortOptions& options) const
    {
        CohortFigures out;
        out.people = percents.size();
        if (out.people < options.min_cell) {
            out.suppressed = true;
            return out;
        }
        auto sorted = percents;
        std::sort(sorted.begin(), sorted.end());
        out.median_percent = percentile(sorted, 0.5);
        out.p25_percent = percentile(sorted, 0.25);
        out.p75_percent = percentile(sorted, 0.75);
        for (const auto& level : level_list) {
            const auto it = levels.find(level.id);
            out.levels.push_back({level.id, level.name, cell(it == levels.end() ? 0 : it->second, options)});
        }
        if (gaps.size() >= options.min_cell) {
            auto sorted_gaps = gaps;
            std::sort(sorted_gaps.begin(), sorted_gaps.end());
            out.median_gap = percentile(sorted_gaps, 0.5);
        }
        if (with_target > 0) {
            out.target_level_name = target_level_name;
            out.below_target = cell(below_target, options);
        }
        return out;
    }
};

json figures_json(const CohortFigures& f)
{
    json out = {{"people", f.people}, {"suppressed", f.suppressed}};
    if (f.suppressed) {
        return out;
    }
    out["median_percent"] = f.median_percent;
    out["p25_percent"] = f.p25_percent;
    out["p75_percent"] = f.p75_percent;
    auto levels = json::array();
    for (const auto& level : f.levels) {
        auto entry = count_json(level.people);
        entry["level"] = level.level;
        entry["name"] = level.name;
        levels.push_back(std::move(entry));
    }
    out["levels"] = levels;
    if (f.median_gap) {
        out["median_gap"] = *f.median_gap;
    }
    if (f.below_target) {
        out["target_level_name"] = *f.target_level_name;
        out["below_target"] = count_json(*f.below_target);
    }
    return out;
}

CohortCount read_count(const util::FieldReader& f)
{
    const bool suppressed = f.boolean("suppressed");
    return {suppressed ? 0 : f.count("count"), suppressed};
}

CohortFigures read_figures(const util::FieldReader& f)
{
    CohortFigures out;
    out.people = f.count("people");
    out.suppressed = f.boolean("suppressed");
    if (out.suppressed) {
        return out;
    }
    out.median_percent = f.number("median_percent", 0, 100, "a percent from 0 to 100");
    out.p25_percent = f.number("p25_percent", 0, 100, "a percent from 0 to 100");
    out.p75_percent = f.number("p75_percent", 0, 100, "a percent from 0 to 100");
    const auto levels = f.array("levels");
    for (size_t i = 0; i < levels.size(); ++i) {
        const auto level = levels.object(i);
        out.levels.push_back({level.string("level"), level.string("name"), read_count(level)});
    }
    if (f.has("median_gap")) {
        out.median_gap = f.number("median_gap");
    }
    if (f.has("below_target")) {
        out.target_level_name = f.string("target_level_name");
        out.below_target = read_count(f.object("below_target"));
    }
    return out;
}

} // namespace

Cohort parse_cohort(const json& document)
{
    const util::FieldReader f(document, "");
    Cohort cohort;
    cohort.track = f.string("track");
    cohort.track_name = f.string("track_name");
    cohort.people = f.count("people");
    cohort.min_cell = f.count("min_cell");
    const auto versions = f.array("versions");
    for (size_t i = 0; i < versions.size(); ++i) {
        const auto v = versions.object(i);
        cohort.versions.push_back({v.string("version"), read_count(v)});
    }
    cohort.overall = read_figures(f.object("overall"));
    const auto areas = f.array("areas");
    for (size_t i = 0; i < areas.size(); ++i) {
        const auto area = areas.object(i);
        cohort.areas.push_back({area.string("id"), area.string("name"), read_figures(area)});
    }
    const auto weakest = f.array("weakest_areas");
    for (size_t i = 0; i < weakest.size(); ++i) {
        cohort.weakest_areas.push_back(weakest.string(i));
    }
    const auto missed = f.array("most_missed");
    for (size_t i = 0; i < missed.size(); ++i) {
        const auto m = missed.object(i);
        cohort.most_missed.push_back(
            {m.string("item"), m.string("area"), m.string("stem"), m.count("missed_by")});
    }
    return cohort;
}

json to_json(const Cohort& cohort)
{
    auto versions = json::array();
    for (const auto& v : cohort.versions) {
        auto entry = count_json(v.people);
        entry["version"] = v.version;
        versions.push_back(std::move(entry));
    }
    auto areas = json::array();
    for (const auto& area : cohort.areas) {
        auto entry = figures_json(area.figures);
        entry["id"] = area.id;
        entry["name"] = area.name;
        areas.push_back(std::move(entry));
    }
    auto missed = json::array();
    for (const auto& m : cohort.most_missed) {
        missed.push_back({{"item", m.item}, {"area", m.area}, {"stem", m.stem}, {"missed_by", m.missed_by}});
    }
    return {{"schema", "cloudtrack.cohort/1"},
            {"track", cohort.track},
            {"track_name", cohort.track_name},
            {"people", cohort.people},
            {"min_cell", cohort.min_cell},
            {"versions", versions},
            {"overall", figures_json(cohort.overall)},
            {"areas", areas},
            {"weakest_areas", cohort.weakest_areas},
            {"most_missed", missed}};
}

CohortBuilder::CohortBuilder(std::string track_id, CohortOptions options)
    : m_track_id(std::move(track_id)), m_options(options)
{
}

bool CohortBuilder::newer(const std::string& finished_a, std::int64_t attempt_a,
                          const std::string& finished_b, std::int64_t attempt_b)
{
    if (finished_a != finished_b) {
        return finished_a > finished_b;
    }
    return attempt_a > attempt_b;
}

bool CohortBuilder::newer(const Member& a, const Member& b)
{
    return newer(a.finished_at, a.attempt, b.finished_at, b.attempt);
}

CohortBuilder::Text CohortBuilder::intern(const std::string& text)
{
    const auto it = m_texts.find(text);
    return it != m_texts.end() ? &*it : &*m_texts.insert(text).first;
}

CohortBuilder::Member CohortBuilder::reduce(const assessment::Result& result)
{
    const auto figures = [this](const assessment::Figures& f, const assessment::AreaResult* area) {
        Figures out{f.percent, intern(f.level), std::nullopt, std::nullopt};
        if (area != nullptr && area->self) {
            out.gap = area->self->gap;
        }
        if (area != nullptr && area->target) {
            out.target = std::make_pair(area->target->below, intern(area->target->level_name));
        }
        return out;
    };
    Member member{result.attempt.id,
                  result.attempt.finished_at,
                  intern(result.track.version),
                  figures(result.overall, nullptr),
                  {},
                  {},
                  m_file,
                  false};
    member.areas.reserve(result.areas.size());
    for (const auto& area : result.areas) {
        if (area.figures.items > 0) {
            member.areas.push_back({intern(area.id), intern(area.name), figures(area.figures, &area)});
        }
    }
    member.areas.shrink_to_fit();
    member.missed.reserve(result.missed.size());
    for (const auto& m : result.missed) {
        auto key = std::make_tuple(m.item, m.area, m.stem);
        auto [it, inserted] = m_description_index.try_emplace(std::move(key), m_descriptions.size());
        if (inserted) {
            m_descriptions.push_back({m.item, m.area, m.stem, 0});
        }
        member.missed.push_back(static_cast<std::uint32_t>(it->second));
    }
    return member;
}

// The names and levels the summary shows come from the newest result of all, which is always
// some person's newest; among equally new ones, from the first profile in order, as the summary
// sorts people.
void CohortBuilder::note_newest(const assessment::Result& result, const Member& member)
{
    if (const auto& now = m_newest_of_all) {
        const bool newer_than_now = newer(member.finished_at, member.attempt, now->finished_at, now->attempt);
        const bool older_than_now = newer(now->finished_at, now->attempt, member.finished_at, member.attempt);
        if (!newer_than_now && (older_than_now || result.attempt.profile >= now->profile)) {
            return;
        }
    }
    m_newest_of_all =
        Newest{member.attempt, member.finished_at, result.attempt.profile, result.track.name, result.levels};
}

util::Expected<bool> CohortBuilder::add(const std::string& source, const json& document)
{
    if (!is_result_of(document, m_track_id)) {
        return false;
    }
    std::optional<assessment::Result> result;
    try {
        result = assessment::parse_result(document);
    } catch (const util::FieldError& e) {
        return util::fail(source + ": " + e.what());
    }
    auto member = reduce(*result);
    note_newest(*result, member);
    auto [slot, inserted] = m_newest.try_emplace(result->attempt.profile, member);
    if (!inserted) {
        const bool several = slot->second.several_files || slot->second.file != member.file;
        if (newer(member, slot->second)) {
            slot->second = std::move(member);
        }
        slot->second.several_files = several;
    }
    return true;
}

size_t CohortBuilder::profiles_in_several_files() const
{
    return static_cast<size_t>(std::count_if(m_newest.begin(), m_newest.end(),
                                             [](const auto& entry) { return entry.second.several_files; }));
}

util::Expected<Cohort> CohortBuilder::summary() const
{
    if (m_newest.size() < m_options.min_size) {
        return util::fail("a cohort summary of '" + m_track_id + "' needs results from at least " +
                          std::to_string(m_options.min_size) + " people; these files hold " +
                          std::to_string(m_newest.size()));
    }
    std::vector<const Member*> people;
    people.reserve(m_newest.size());
    for (const auto& [profile, member] : m_newest) {
        people.push_back(&member);
    }
    std::stable_sort(people.begin(), people.end(),
                     [](const Member* a, const Member* b) { return newer(*a, *b); });
    const auto& latest = *m_newest_of_all; // names and levels come from the newest result

    std::map<std::string, size_t> versions;
    Tally overall("Overall");
    std::map<std::string, Tally> areas;
    std::vector<std::string> area_order;
    // item -> (people who missed it, the description of the last of them in newest-first order)
    std::map<std::string, std::pair<size_t, size_t>> missed;
    for (const auto* member : people) {
        ++versions[*member->version];
        overall.add(member->overall);
        for (const auto& area : member->areas) {
            auto [it, inserted] = areas.try_emplace(*area.id, *area.name);
            if (inserted) {
                area_order.push_back(*area.id);
            }
            it->second.add(area.figures);
        }
        for (const auto index : member->missed) {
            auto& [count, description] = missed[m_descriptions[index].item];
            ++count;
            description = index;
        }
    }
    Cohort cohort;
    cohort.track = m_track_id;
    cohort.track_name = latest.track_name;
    cohort.people = people.size();
    cohort.min_cell = m_options.min_cell;
    for (const auto& [version, count] : versions) {
        cohort.versions.push_back({version, cell(count, m_options)});
    }
    cohort.overall = overall.summary(latest.levels, m_options);
    std::vector<std::pair<double, std::string>> medians;
    for (const auto& id : area_order) {
        const auto& tally = areas.at(id);
        cohort.areas.push_back({id, tally.name, tally.summary(latest.levels, m_options)});
        if (!cohort.areas.back().figures.suppressed) {
            medians.emplace_back(cohort.areas.back().figures.median_percent, tally.name);
        }
    }
    std::stable_sort(medians.begin(), medians.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < medians.size() && i < 3; ++i) {
        cohort.weakest_areas.push_back(medians[i].second);
    }
    std::vector<MissedByMany> ranked;
    for (const auto& [item, entry] : missed) {
        if (entry.first >= m_options.min_cell) {
            auto description = m_descriptions[entry.second];
            description.missed_by = entry.first;
            ranked.push_back(std::move(description));
        }
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.missed_by > b.missed_by; });
    ranked.resize(std::min<size_t>(ranked.size(), 10));
    cohort.most_missed = std::move(ranked);
    return cohort;
}

} // namespace cloudtrack::host::career
