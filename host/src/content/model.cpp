#include "content/model.hpp"

#include <algorithm>

namespace cloudtrack::content {

namespace {
template <class T> const T* find_by_id(const std::vector<T>& list, const std::string& id)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& e) { return e.id == id; });
    return it == list.end() ? nullptr : &*it;
}
template <class T> size_t index_by_id(const std::vector<T>& list, const std::string& id)
{
    const auto it = std::find_if(list.begin(), list.end(), [&](const T& e) { return e.id == id; });
    return static_cast<size_t>(it - list.begin());
}
} // namespace

const Item* Track::find_item(const std::string& id) const
{
    return find_by_id(items, id);
}
const Area* Track::find_area(const std::string& id) const
{
    return find_by_id(areas, id);
}
const Rung* Track::find_rung(const std::string& id) const
{
    return find_by_id(ladder, id);
}
const Project* Track::find_project(const std::string& id) const
{
    return find_by_id(portfolio, id);
}
size_t Track::area_index(const std::string& id) const
{
    return index_by_id(areas, id);
}
size_t Track::level_index(const std::string& id) const
{
    return index_by_id(levels, id);
}

const CalibratedItem* Track::calibrated(const std::string& item_id) const
{
    return calibration ? calibration->find(item_id) : nullptr;
}

bool Track::fully_calibrated() const
{
    return calibration && std::all_of(items.begin(), items.end(), [this](const Item& item) {
               return item.beta || calibrated(item.id) != nullptr;
           });
}

size_t Track::level_at(double theta) const
{
    size_t reached = 0;
    for (size_t i = 1; i < levels.size(); ++i) {
        if (levels[i].min_theta && theta >= *levels[i].min_theta) {
            reached = i;
        }
    }
    return reached;
}

const char* to_string(ItemType type)
{
    switch (type) {
    case ItemType::single_choice: return "single_choice";
    case ItemType::multiple_choice: return "multiple_choice";
    case ItemType::true_false: return "true_false";
    case ItemType::numeric: return "numeric";
    case ItemType::ordering: return "ordering";
    }
    return "?";
}

const char* to_string(ScoringRule rule)
{
    switch (rule) {
    case ScoringRule::none: return "none";
    case ScoringRule::all_or_nothing: return "all_or_nothing";
    case ScoringRule::every_decision: return "every_decision";
    case ScoringRule::halves: return "halves";
    case ScoringRule::exact: return "exact";
    case ScoringRule::pairwise: return "pairwise";
    }
    return "?";
}

std::string to_string(const Prerequisite& prerequisite)
{
    if (!prerequisite.choice()) {
        return prerequisite.any_of.empty() ? std::string() : prerequisite.any_of.front();
    }
    std::string out = "one of ";
    for (size_t i = 0; i < prerequisite.any_of.size(); ++i) {
        out += (i == 0 ? "" : i + 1 == prerequisite.any_of.size() ? " or " : ", ") + prerequisite.any_of[i];
    }
    return out;
}

} // namespace cloudtrack::content
