// An adaptive attempt, replayed. What an adaptive attempt presents is never stored as a list: it
// is a pure function of the track, the form (seed, rules, beta items, earlier items) and the
// responses stored so far, so resuming, finishing and `results rescore` all rebuild the same
// sequence, and a result stays byte-identical when scored again.
#pragma once

#include "assessment/adaptive.hpp"
#include "assessment/form.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

struct AdaptiveState {
    std::vector<std::string> presented; // in order, beta items included
    std::optional<std::string> next;    // the item to present now; none once the test is over
    StopReason stop = StopReason::none; // why it ended (none while it goes on)
    size_t scored = 0;                  // scored items presented
    size_t max_items = 0;               // the rules' longest test, for progress display
};

// How an item without a stored response counts while replaying.
enum class Missing {
    ask,       // it is the item to present now (an interactive session, resuming)
    score_zero // it was shown and not answered: it scores 0 and the test goes on (finishing)
};

// Replays `form` (FormMode::adaptive) against `responses` (item id -> response). Items the form's
// engine picks that the track no longer has cannot occur: the engine only picks track items.
AdaptiveState replay(const content::Track& track, const Form& form,
                     const std::map<std::string, nlohmann::json>& responses, Missing missing);

// The rules `assess --adaptive` uses for `track`: never longer than the standard form (5 items per
// area), at least 2 per area, stopping at SE 0.3 overall and 0.5 per area (docs/scoring.md).
AdaptiveRules default_rules(const content::Track& track);

} // namespace cloudtrack::host::assessment
