// Drawing the form (which items an attempt presents) reproducibly from a seed stored with the
// attempt. Only std::mt19937_64's raw output is used — its sequence is fixed by the standard —
// never std::shuffle or std::uniform_int_distribution, whose results differ between libraries.
#pragma once

#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cloudtrack::host::assessment {

enum class FormMode { standard, items, full };

struct FormRequest {
    FormMode mode = FormMode::standard;
    size_t items = 0;    // total, for FormMode::items
    size_t per_area = 5; // for FormMode::standard
    std::uint64_t seed = 0;
};

struct Form {
    FormMode mode = FormMode::standard;
    std::uint64_t seed = 0;
    std::vector<std::string> items; // in presentation order, grouped by area

    [[nodiscard]] nlohmann::json to_json() const;
    static Form from_json(const nlohmann::json& j);
};

// Standard: per area, up to `per_area` active items stratified by difficulty (easy, medium, hard
// in turn), plus at most one beta item per area (shown, never scored). Items: `items` active
// items spread evenly over the areas, stratified the same way. Full: every active and beta item.
Form draw_form(const content::Track& track, const FormRequest& request);

// A seeded permutation of 0..n-1: the display order of an ordering item's options, stable for
// one attempt so a resumed attempt shows the same screen.
std::vector<size_t> display_order(std::uint64_t seed, const std::string& item_id, size_t n);

const char* to_string(FormMode mode);

} // namespace cloudtrack::host::assessment
