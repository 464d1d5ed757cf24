#include "cli/standing.hpp"
#include "cli/attempts.hpp"

#include "career/ladder.hpp"
#include "career/portfolio.hpp"
#include "util/clock.hpp"

namespace cloudtrack::host::cli {

std::optional<assessment::Result> Standings::latest(const std::string& track_id) const
{
    const auto attempt = m_store.latest_finished(m_context.profile(), track_id);
    if (!attempt) {
        return std::nullopt;
    }
    return stored_result(m_store, attempt->id);
}

career::TrackStanding Standings::of(const content::Track& track)
{
    return of(track, latest(track.info.id));
}

std::optional<career::TrackStanding> Standings::of(const content::TrackInfo& info)
{
    if (auto result = latest(info.id)) {
        // Read and validated now; a file that no longer holds a valid track is left out, as
        // Catalog::tracks() leaves it out.
        const auto* plugin = m_context.catalog().find(info.id);
        return plugin == nullptr ? std::nullopt : std::optional(of(*plugin->track, std::move(result)));
    }
    auto& summary = m_summaries.emplace_back();
    summary.info = info;
    career::TrackStanding standing;
    standing.track = &summary;
    return standing;
}

career::TrackStanding Standings::of(const content::Track& track, std::optional<assessment::Result> result)
{
    career::TrackStanding standing;
    standing.track = &track;
    if (result) {
        m_results.push_back(std::move(*result));
        standing.latest = &m_results.back();
    }
    standing.ladder = career::ladder_status(track, standing.latest,
                                            m_store.certifications(m_context.profile()), util::today());
    standing.portfolio =
        career::portfolio_status(track, m_store.checklist(m_context.profile(), track.info.id));
    return standing;
}

} // namespace cloudtrack::host::cli
