#include "assessment/form.hpp"

#include "util/json_fields.hpp"

#include "assessment/random.hpp"

#include <algorithm>
#include <array>

namespace cloudtrack::host::assessment {

namespace {

template <class T> void shuffle(std::vector<T>& list, std::mt19937_64& rng)
{
    for (size_t i = list.size(); i > 1; --i) {
        std::swap(list[i - 1], list[below(rng, i)]);
    }
}

bool contains(const std::vector<std::string>& sorted, const std::string& id)
{
    return std::binary_search(sorted.begin(), sorted.end(), id);
}

using Buckets = std::array<std::vector<std::string>, 3>;

// Easy, medium, hard in turn from `buckets` until `picked` holds `count` or the buckets run out.
void round_robin(const Buckets& buckets, size_t count, std::vector<std::string>& picked)
{
    std::array<size_t, 3> next{};
    while (picked.size() < count) {
        bool any = false;
        for (size_t b = 0; b < 3 && picked.size() < count; ++b) {
            if (next.at(b) < buckets.at(b).size()) {
                picked.push_back(buckets.at(b)[next.at(b)++]);
                any = true;
            }
        }
        if (!any) {
            break;
        }
    }
}

// Up to `count` active items of one area: easy, medium, hard in turn, each bucket shuffled;
// unseen items first. The seen buckets are shuffled after the unseen ones, and an empty shuffle
// draws nothing, so without history the random sequence is exactly the one of earlier versions.
std::vector<std::string> stratified(const content::Track& track, const std::string& area, size_t count,
                                    const std::vector<std::string>& seen, std::mt19937_64& rng)
{
    Buckets unseen_buckets;
    Buckets seen_buckets;
    for (const auto& item : track.items) {
        if (item.area == area && !item.beta) {
            const size_t bucket = item.difficulty == "easy" ? 0 : item.difficulty == "medium" ? 1 : 2;
            (contains(seen, item.id) ? seen_buckets : unseen_buckets).at(bucket).push_back(item.id);
        }
    }
    for (auto* buckets : {&unseen_buckets, &seen_buckets}) {
        for (auto& bucket : *buckets) {
            shuffle(bucket, rng);
        }
    }
    std::vector<std::string> picked;
    round_robin(unseen_buckets, count, picked);
    round_robin(seen_buckets, count, picked);
    shuffle(picked, rng);
    return picked;
}

// One beta item of `area`, unseen ones first; none when the area has no beta item.
std::optional<std::string> pick_beta(const content::Track& track, const std::string& area,
                                     const std::vector<std::string>& seen, std::mt19937_64& rng)
{
    std::vector<std::string> beta;
    std::vector<std::string> unseen_beta;
    for (const auto& item : track.items) {
        if (item.area == area && item.beta) {
            beta.push_back(item.id);
            if (!contains(seen, item.id)) {
                unseen_beta.push_back(item.id);
            }
        }
    }
    if (!unseen_beta.empty()) {
        beta = std::move(unseen_beta);
    }
    if (beta.empty()) {
        return std::nullopt;
    }
    return beta[below(rng, beta.size())];
}

} // namespace

const char* to_string(FormMode mode)
{
    switch (mode) {
    case FormMode::standard: return "standard";
    case FormMode::items: return "items";
    case FormMode::full: return "full";
    case FormMode::adaptive: return "adaptive";
    }
    return "?";
}

Form draw_form(const content::Track& track, const FormRequest& request)
{
    Form form{request.mode, request.seed, {}, request.seen};
    if (request.mode == FormMode::adaptive) {
        form.rules = request.rules;
    }
    std::sort(form.seen.begin(), form.seen.end());
    form.seen.erase(std::unique(form.seen.begin(), form.seen.end()), form.seen.end());
    const auto& seen = form.seen;
    std::mt19937_64 rng(request.seed);
    const auto areas = track.areas.size();
    for (size_t a = 0; a < areas; ++a) {
        const auto& area = track.areas[a].id;
        if (request.mode == FormMode::full) {
            for (const auto& item : track.items) {
                if (item.area == area) {
                    form.items.push_back(item.id);
                }
            }
            continue;
        }
        const size_t count = request.mode == FormMode::standard
                                 ? request.per_area
                                 : request.items / areas + (a < request.items % areas ? 1 : 0);
        auto picked = request.mode == FormMode::adaptive ? std::vector<std::string>{}
                                                         : stratified(track, area, count, seen, rng);
        if (request.mode == FormMode::standard || request.mode == FormMode::adaptive) {
            if (auto beta = pick_beta(track, area, seen, rng)) {
                (request.mode == FormMode::adaptive ? form.beta : picked).push_back(std::move(*beta));
            }
        }
        form.items.insert(form.items.end(), picked.begin(), picked.end());
    }
    return form;
}

std::vector<size_t> display_order(std::uint64_t seed, const std::string& item_id, size_t n)
{
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::mt19937_64 rng(seed ^ fnv1a(item_id));
    // Re-draw until the order differs from the key: an ordering item shown in its own answer
    // order gives itself away.
    for (int attempt = 0; attempt < 8 && n > 1; ++attempt) {
        shuffle(order, rng);
        if (!std::is_sorted(order.begin(), order.end())) {
            break;
        }
    }
    return order;
}

std::vector<std::string> seen_items(const content::Track& track, const std::vector<Form>& forms)
{
    std::vector<std::string> seen;
    for (const auto& form : forms) {
        for (const auto& id : form.items) {
            if (track.find_item(id) != nullptr) {
                seen.push_back(id);
            }
        }
    }
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    return seen;
}

std::vector<size_t> choice_order(std::uint64_t seed, const std::string& item_id, size_t n)
{
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    // Salted, so this stream is not the one display_order() starts from for the same seed and id.
    std::mt19937_64 rng(seed ^ fnv1a("choice:" + item_id));
    shuffle(order, rng);
    return order;
}

size_t Form::repeats() const
{
    return static_cast<size_t>(
        std::count_if(items.begin(), items.end(), [&](const std::string& id) { return contains(seen, id); }));
}

nlohmann::json Form::to_json() const
{
    nlohmann::json j = {{"mode", to_string(mode)}, {"seed", seed}, {"items", items}};
    if (!seen.empty()) {
        j["seen"] = seen;
    }
    if (rules) {
        j["rules"] = {{"min_items", rules->min_items},           {"max_items", rules->max_items},
                      {"min_per_area", rules->min_per_area},     {"se_target", rules->se_target},
                      {"area_se_target", rules->area_se_target}, {"top_k", rules->top_k}};
        if (rules->select_at_overall) { // absent when false: stored forms keep their shape
            j["rules"]["select_at_overall"] = true;
        }
        j["beta"] = beta;
    }
    return j;
}

Form Form::from_json(const nlohmann::json& j)
{
    return read(util::FieldReader(j, ""));
}

Form Form::read(const util::FieldReader& fields)
{
    Form form;
    const auto mode = fields.string("mode");
    if (mode != "full" && mode != "items" && mode != "standard" && mode != "adaptive") {
        throw util::FieldError(fields.pointer("mode"), R"("standard", "items", "full" or "adaptive")");
    }
    form.mode = mode == "full"       ? FormMode::full
                : mode == "items"    ? FormMode::items
                : mode == "adaptive" ? FormMode::adaptive
                                     : FormMode::standard;
    form.seed = fields.count("seed");
    const auto items = fields.array("items");
    for (size_t i = 0; i < items.size(); ++i) {
        form.items.push_back(items.string(i));
    }
    if (fields.has("seen")) {
        const auto seen = fields.array("seen");
        for (size_t i = 0; i < seen.size(); ++i) {
            form.seen.push_back(seen.string(i));
        }
        std::sort(form.seen.begin(), form.seen.end());
    }
    if (form.mode == FormMode::adaptive) {
        const auto rules = fields.object("rules");
        // Bounded so that a tampered attempt cannot ask for an endless test.
        const auto whole = [&](const char* key) {
            return static_cast<size_t>(rules.number(key, 0, 100000, "a whole number from 0 to 100000"));
        };
        form.rules = AdaptiveRules{whole("min_items"),
                                   whole("max_items"),
                                   whole("min_per_area"),
                                   rules.number("se_target", 0.0, 10.0, "a standard error from 0 to 10"),
                                   rules.number("area_se_target", 0.0, 10.0, "a standard error from 0 to 10"),
                                   whole("top_k"),
                                   rules.has("select_at_overall") && rules.boolean("select_at_overall")};
        const auto beta = fields.array("beta");
        for (size_t i = 0; i < beta.size(); ++i) {
            form.beta.push_back(beta.string(i));
        }
    }
    return form;
}

} // namespace cloudtrack::host::assessment
