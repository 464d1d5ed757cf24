#include "assessment/item_bank.hpp"

#include <algorithm>

namespace cloudtrack::host::assessment {

size_t ItemBank::calibrated() const
{
    return static_cast<size_t>(std::count_if(items.begin(), items.end(), [](const BankItem& item) {
        return item.source == ParameterSource::calibration;
    }));
}

ItemBank make_bank(const content::Track& track, const Calibration* calibration)
{
    ItemBank bank;
    for (const auto& area : track.areas) {
        bank.areas.push_back(area.id);
    }
    for (const auto& item : track.items) {
        if (item.beta) {
            continue;
        }
        BankItem entry{item.id, track.area_index(item.area), {item.a, item.b}, ParameterSource::track};
        if (const auto* estimated = calibration != nullptr ? calibration->find(item.id) : nullptr) {
            entry.parameters = {estimated->a, estimated->b};
            entry.source = ParameterSource::calibration;
        }
        bank.items.push_back(std::move(entry));
    }
    return bank;
}

double information(double theta, const ItemParameters& item)
{
    const double p = p_correct(theta, item.a, item.b);
    return item.a * item.a * p * (1.0 - p);
}

} // namespace cloudtrack::host::assessment
