// Gathers what the career commands need about a profile on a track: the newest finished
// result, ladder status and portfolio progress.
#pragma once

#include "career/plan.hpp"
#include "cli/context.hpp"
#include "store/store.hpp"

#include <deque>
#include <optional>

namespace cloudtrack::host::cli {

// Owns the results the standings point into.
class Standings {
public:
    Standings(Context& context, const store::Store& store) : m_context(context), m_store(store) {}

    // The standing on one track (its `latest` stays valid as long as this object).
    career::TrackStanding of(const content::Track& track);

    // The standing on the track `info` summarizes. Its document is read and validated only when
    // the profile has a finished result on it; a track never assessed is only listed by
    // recommend(), from its summary, so its standing holds a track of that summary alone and no
    // ladder or portfolio (issue 13: recommend with 200 tracks read all 200 documents). nullopt
    // when the track's file no longer holds a valid track.
    std::optional<career::TrackStanding> of(const content::TrackInfo& info);

    // The newest finished result document of the profile on `track_id`, or nullopt.
    [[nodiscard]] std::optional<assessment::Result> latest(const std::string& track_id) const;

private:
    career::TrackStanding of(const content::Track& track, std::optional<assessment::Result> result);

    Context& m_context;
    const store::Store& m_store;
    std::deque<assessment::Result> m_results;
    std::deque<content::Track> m_summaries; // tracks never assessed: their summary only
};

} // namespace cloudtrack::host::cli
