// The items an adaptive test or the simulator can draw, with the 2PL parameters the engine
// believes: a calibration's estimate where there is one, else the track's (an author's `a`/`b`,
// or the difficulty label's easy -1, medium 0, hard +1 with a = 1).
#pragma once

#include "assessment/ability.hpp"
#include "content/calibration.hpp"
#include "content/model.hpp"

#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

// The SD assumed for the error of parameters no data has checked (an author's `a`/`b`, or a
// difficulty label's -1/0/+1 with a = 1), in b and in log a alike. It is a judgement, stated as
// one in docs/scoring.md section 11: a label places b within a band about a unit wide and says
// nothing of a; the simulator's --parameter-error shows what the SE does when it is right.
inline constexpr double k_judgement_error = 0.5;

struct ItemParameters {
    double a = 1.0;        // discrimination
    double b = 0.0;        // difficulty
    double b_sd = 0.0;     // how uncertain b is
    double log_a_sd = 0.0; // how uncertain log a is
};

enum class ParameterSource { track, calibration };

struct SourcedParameters {
    ItemParameters parameters;
    ParameterSource source = ParameterSource::track;
};

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

// What the engine believes of one item: the calibration's estimate with its standard errors
// (`calibration`, else the track's own), or the item's own parameters with k_judgement_error.
SourcedParameters parameters_of(const content::Track& track, const content::Item& item,
                                const content::Calibration* calibration = nullptr);

// Beta items are left out: they are shown unscored, so an adaptive test never selects them. A
// calibration for another track is the caller's mistake to catch (it names the track). Without
// `calibration` the track's own (embedded or set by a bundle) is used.
ItemBank make_bank(const content::Track& track, const content::Calibration* calibration = nullptr);

// Tells the bank its parameters are off by `sd` in b and in log a, whatever their source said: the
// simulators' banks, whose error is known because they drew it.
void assume_parameter_error(ItemBank& bank, double sd);

// Fisher information of a 2PL item at theta: a^2 P (1 - P). Largest at theta = b, and four
// times larger for an item twice as discriminating.
double information(double theta, const ItemParameters& item);

} // namespace cloudtrack::host::assessment
