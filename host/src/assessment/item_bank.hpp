// The items an adaptive test or the simulator can draw, with the 2PL parameters the engine
// believes: a calibration's estimate where there is one, else the track's (an author's `a`/`b`,
// or the difficulty label's easy -1, medium 0, hard +1 with a = 1).
#pragma once

#include "assessment/ability.hpp"
#include "assessment/calibration.hpp"
#include "content/model.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

struct ItemParameters {
    double a = 1.0; // discrimination
    double b = 0.0; // difficulty
};

enum class ParameterSource { track, calibration };

struct BankItem {
    std::string id;
    size_t area = 0; // index into ItemBank::areas
    ItemParameters parameters;
    ParameterSource source = ParameterSource::track;
};

struct ItemBank {
    std::vector<std::string> areas; // area ids, in track order
    std::vector<BankItem> items;    // scored (non-beta) items, in track order

    [[nodiscard]] size_t calibrated() const; // items whose parameters came from a calibration
};

// Beta items are left out: they are shown unscored, so an adaptive test never selects them. A
// calibration for another track is the caller's mistake to catch (it names the track).
ItemBank make_bank(const content::Track& track, const Calibration* calibration = nullptr);

// Fisher information of a 2PL item at theta: a^2 P (1 - P). Largest at theta = b, and four
// times larger for an item twice as discriminating.
double information(double theta, const ItemParameters& item);

} // namespace cloudtrack::host::assessment
