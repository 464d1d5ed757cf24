// What every SQL backend answers the same way: the newest unfinished and the newest finished
// attempt are one query, "the newest attempt of the profile (on the track) where CONDITION".
#pragma once

#include "store/store.hpp"

namespace cloudtrack::host::store::detail {

class NewestAttemptStore : public Store {
public:
    [[nodiscard]] std::optional<Attempt> unfinished_attempt(const std::string& profile,
                                                            const std::string& track_id) const final
    {
        return newest(profile, track_id, "finished_at IS NULL");
    }

    [[nodiscard]] std::optional<Attempt> latest_finished(const std::string& profile,
                                                         const std::string& track_id) const final
    {
        return newest(profile, track_id, "finished_at IS NOT NULL");
    }

protected:
    // `condition` is one of the constant SQL fragments above, never a value. "Newest" is the
    // order attempts were begun (by id).
    [[nodiscard]] virtual std::optional<Attempt>
    newest(const std::string& profile, const std::string& track_id, const char* condition) const = 0;
};

} // namespace cloudtrack::host::store::detail
