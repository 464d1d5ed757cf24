#include "assessment/item_bank.hpp"

#include <algorithm>

namespace cloudtrack::host::assessment {

size_t ItemBank::calibrated() const
{
    return static_cast<size_t>(std::count_if(items.begin(), items.end(), [](const BankItem& item) {
        return item.source == ParameterSource::calibration;
    }));
}

SourcedParameters parameters_of(const content::Track& track, const content::Item& item,
                                const content::Calibration* calibration)
{
    const auto* used = calibration != nullptr ? calibration
                       : track.calibration    ? &*track.calibration
                                              : nullptr;
    if (const auto* estimated = used != nullptr ? used->find(item.id) : nullptr) {
        // The delta method again: the SE of log a is se_a / a.
        return {{estimated->a, estimated->b, estimated->se_b, estimated->se_a / estimated->a},
                ParameterSource::calibration};
    }
    return {{item.a, item.b, k_judgement_error, k_judgement_error}, ParameterSource::track};
}

ItemBank make_bank(const content::Track& track, const content::Calibration* calibration)
{
    ItemBank bank;
    for (const auto& area : track.areas) {
        bank.areas.push_back(area.id);
    }
    for (const auto& item : track.items) {
        if (item.beta) {
            continue;
        }
        const auto believed = parameters_of(track, item, calibration);
        bank.items.push_back({item.id, track.area_index(item.area), believed.parameters, believed.source});
    }
    return bank;
}

void assume_parameter_error(ItemBank& bank, double sd)
{
    for (auto& item : bank.items) {
        item.parameters.b_sd = sd;
        item.parameters.log_a_sd = sd;
    }
}

double information(double theta, const ItemParameters& item)
{
    const double p = p_correct(theta, item.a, item.b);
    return item.a * item.a * p * (1.0 - p);
}

} // namespace cloudtrack::host::assessment
