// Drawing the form (which items an attempt presents) reproducibly from a seed stored with the
// attempt. Only std::mt19937_64's raw output is used — its sequence is fixed by the standard —
// never std::shuffle or std::uniform_int_distribution, whose results differ between libraries.
#pragma once

#include "assessment/adaptive.hpp"
#include "content/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::util {
class FieldReader;
}

namespace cloudtrack::host::assessment {

// An adaptive form has no item list in advance: the engine picks each next item from the answers
// so far (adaptive_form.hpp), and the list is rebuilt from the seed, the rules and the stored
// responses whenever it is needed.
enum class FormMode { standard, items, full, adaptive };

struct FormRequest {
    FormMode mode = FormMode::standard;
    size_t items = 0;    // total, for FormMode::items
    size_t per_area = 5; // for FormMode::standard
    std::uint64_t seed = 0;
    // Items the person met in earlier attempts on this track: drawn only when too few unseen
    // items are left. Recorded with the form, so the draw can be repeated from the attempt.
    std::vector<std::string> seen{};
    AdaptiveRules rules{}; // for FormMode::adaptive
};

struct Form {
    FormMode mode = FormMode::standard;
    std::uint64_t seed = 0;
    std::vector<std::string> items; // in presentation order, grouped by area
    // Sorted; empty when the person had no earlier attempt, and then absent from the JSON, so
    // forms and results of first attempts keep the shape they always had.
    std::vector<std::string> seen{};
    // Adaptive forms only (absent from the JSON of the others): the engine's rules as they were
    // when the attempt began, so a later release with other defaults replays the same test, and
    // the beta items seeded in unscored (one per area, shown after every third scored item).
    std::optional<AdaptiveRules> rules{};
    std::vector<std::string> beta{};

    // Items of the form the person had met before.
    [[nodiscard]] size_t repeats() const;

    [[nodiscard]] nlohmann::json to_json() const;
    // Both throw util::FieldError naming the first bad field.
    static Form from_json(const nlohmann::json& j);
    static Form read(const util::FieldReader& fields);
};

// Adaptive: no items yet; one unscored beta item per area chosen as the standard form chooses it.
// Standard: per area, up to `per_area` active items stratified by difficulty (easy, medium, hard
// in turn), plus at most one beta item per area (shown, never scored). Items: `items` active
// items spread evenly over the areas, stratified the same way. Full: every active and beta item.
// Unseen items come first: the stratified round is made over the unseen items of an area, and
// seen ones fill only what is left. With nothing seen the draw is the one earlier versions made.
Form draw_form(const content::Track& track, const FormRequest& request);

// The ids of `track` that appear in any of `forms`, sorted and without duplicates.
std::vector<std::string> seen_items(const content::Track& track, const std::vector<Form>& forms);

// A seeded permutation of 0..n-1: the display order of an ordering item's options, stable for
// one attempt so a resumed attempt shows the same screen.
std::vector<size_t> display_order(std::uint64_t seed, const std::string& item_id, size_t n);

// A seeded permutation of 0..n-1 for the options of a choice item, stable for one attempt (resume
// and review show the same letters) and different between attempts. Any order may come out,
// the authored one included: a choice item's order gives nothing away.
std::vector<size_t> choice_order(std::uint64_t seed, const std::string& item_id, size_t n);

const char* to_string(FormMode mode);

} // namespace cloudtrack::host::assessment
