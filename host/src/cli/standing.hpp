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

    // The newest finished result document of the profile on `track_id`, or nullopt.
    [[nodiscard]] std::optional<assessment::Result> latest(const std::string& track_id) const;

private:
    Context& m_context;
    const store::Store& m_store;
    std::deque<assessment::Result> m_results;
};

} // namespace cloudtrack::host::cli
