#include "content/validate.hpp"

#include "content/calibration.hpp"
#include "content/patterns.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

namespace cloudtrack::content {

namespace {

using nlohmann::json;

// The keys an object may have, or the values a member may take: literals listed at the call, so
// a check allocates nothing (a std::set of strings was built for every object, 36,000 times for a
// 30,000-option track). The lists are short: a linear search beats a tree at that size.
using Names = std::initializer_list<std::string_view>;

bool contains(Names names, std::string_view name)
{
    return std::find(names.begin(), names.end(), name) != names.end();
}

// "a, b, c" in sorted order, as messages have always listed them.
std::string sorted_list(Names names)
{
    std::vector<std::string_view> sorted(names);
    std::sort(sorted.begin(), sorted.end());
    std::string list;
    for (const auto name : sorted) {
        list += (list.empty() ? "" : ", ") + std::string(name);
    }
    return list;
}

// Member access that never throws on a value of the wrong type (the validator sees untrusted
// documents; a wrong type is reported by the member's own check).
bool is_true(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_boolean() && it->get<bool>();
}

std::string text_of(const json& object, const char* key)
{
    if (!object.is_object()) {
        return {};
    }
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Walks the document, recording problems against the pointer of the value being checked.
class Checker {
public:
    std::vector<Problem> problems;

    void report(const std::string& pointer, std::string message)
    {
        problems.push_back({pointer, std::move(message)});
    }

    // Reports keys not in `allowed`: a misspelt key would otherwise be silently ignored.
    void known_keys(const json& object, const std::string& pointer, Names allowed)
    {
        for (const auto& [key, value] : object.items()) {
            if (!contains(allowed, key)) {
                report(pointer + "/" + escape(key), "unknown key '" + key + "'");
            }
        }
    }

    bool is_object(const json& value, const std::string& pointer)
    {
        if (!value.is_object()) {
            report(pointer, "expected an object");
            return false;
        }
        return true;
    }

    // A required non-empty string member.
    const std::string* text(const json& object, const std::string& pointer, const char* key,
                            bool required = true)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                report(pointer, std::string("missing required key '") + key + "'");
            }
            return nullptr;
        }
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            report(pointer + "/" + key, "expected a non-empty string");
            return nullptr;
        }
        return &it->get_ref<const std::string&>();
    }

    const std::string* id(const json& object, const std::string& pointer, const char* key = "id")
    {
        const auto* value = text(object, pointer, key);
        if (value != nullptr && !is_id(*value)) {
            report(pointer + "/" + key,
                   "'" + *value + "' is not an id (lowercase letters, digits, '_', '.', '-')");
            return nullptr;
        }
        return value;
    }

    const json* array(const json& object, const std::string& pointer, const char* key, size_t min_size,
                      bool required = true)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                report(pointer, std::string("missing required key '") + key + "'");
            }
            return nullptr;
        }
        if (!it->is_array()) {
            report(pointer + "/" + key, "expected an array");
            return nullptr;
        }
        if (it->size() < min_size) {
            report(pointer + "/" + key,
                   "expected at least " + std::to_string(min_size) + (min_size == 1 ? " entry" : " entries"));
        }
        return &*it;
    }

    std::optional<double> number(const json& object, const std::string& pointer, const char* key, double min,
                                 double max, bool required)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                report(pointer, std::string("missing required key '") + key + "'");
            }
            return std::nullopt;
        }
        if (!it->is_number()) {
            report(pointer + "/" + key, "expected a number");
            return std::nullopt;
        }
        const auto value = it->get<double>();
        if (!std::isfinite(value) || value < min || value > max) {
            report(pointer + "/" + key, "must be between " + format(min) + " and " + format(max));
            return std::nullopt;
        }
        return value;
    }

    void boolean(const json& object, const std::string& pointer, const char* key, bool required)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                report(pointer, std::string("missing required key '") + key + "'");
            }
        } else if (!it->is_boolean()) {
            report(pointer + "/" + key, "expected true or false");
        }
    }

    void one_of(const json& object, const std::string& pointer, const char* key, Names allowed,
                bool required = true)
    {
        const auto* value = text(object, pointer, key, required);
        if (value != nullptr && !contains(allowed, *value)) {
            report(pointer + "/" + key, "'" + *value + "' is not one of: " + sorted_list(allowed));
        }
    }

    void url(const json& object, const std::string& pointer, const char* key)
    {
        const auto* value = text(object, pointer, key);
        if (value != nullptr && !value->starts_with("https://")) {
            report(pointer + "/" + key, "expected an https:// URL");
        }
    }

    // Checks ids in `list` are unique; returns them in order, as views into the document.
    std::vector<std::string_view> unique_ids(const json* list, const std::string& pointer, const char* what)
    {
        std::vector<std::string_view> ids;
        if (list == nullptr) {
            return ids;
        }
        ids.reserve(list->size());
        std::unordered_map<std::string_view, size_t> seen;
        seen.reserve(list->size());
        for (size_t i = 0; i < list->size(); ++i) {
            const auto& entry = (*list)[i];
            if (!entry.is_object()) {
                continue; // reported by the entry's own check
            }
            const auto it = entry.find("id");
            if (it == entry.end() || !it->is_string()) {
                continue;
            }
            const auto& value = it->get_ref<const std::string&>();
            if (const auto [pos, inserted] = seen.emplace(value, i); !inserted) {
                report(pointer + "/" + std::to_string(i) + "/id", std::string("duplicate ") + what + " id '" +
                                                                      value + "' (first at " + pointer + "/" +
                                                                      std::to_string(pos->second) + ")");
            }
            ids.push_back(value);
        }
        return ids;
    }

    static std::string escape(const std::string& key)
    {
        std::string out;
        for (const char c : key) {
            out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
        }
        return out;
    }

    static std::string format(double value)
    {
        auto text = std::to_string(value);
        text.erase(text.find_last_not_of('0') + 1);
        if (!text.empty() && text.back() == '.') {
            text.pop_back();
        }
        return text;
    }
};

// The ids others refer to, as views into the document (which outlives the validation).
using IdSet = std::set<std::string_view>;

struct Ids {
    IdSet areas;
    IdSet levels;
    IdSet rungs;
    IdSet metrics;
};

// "a, b, c": what an unknown id could have been.
template <class Set> std::string listed(const Set& ids)
{
    std::string list;
    for (const auto& id : ids) {
        list += (list.empty() ? "" : ", ") + std::string(id);
    }
    return list.empty() ? "none" : list;
}

std::string unknown(const char* what, const std::string& id, const IdSet& known)
{
    return std::string("unknown ") + what + " '" + id + "' (known: " + listed(known) + ")";
}

void check_track(Checker& c, const json& doc)
{
    const auto it = doc.find("track");
    if (it == doc.end()) {
        c.report("", "missing required key 'track'");
        return;
    }
    if (!c.is_object(*it, "/track")) {
        return;
    }
    c.known_keys(*it, "/track", {"id", "name", "version", "vendor", "description"});
    c.id(*it, "/track");
    c.text(*it, "/track", "name");
    if (const auto* version = c.text(*it, "/track", "version"); version != nullptr && !is_semver(*version)) {
        c.report("/track/version", "'" + *version + "' is not a semantic version MAJOR.MINOR.PATCH");
    }
    c.text(*it, "/track", "vendor");
    c.text(*it, "/track", "description");
}

void check_metrics(Checker& c, const json& doc, Ids& ids)
{
    const auto* metrics = c.array(doc, "", "metrics", 1);
    if (metrics == nullptr) {
        return;
    }
    const auto list = c.unique_ids(metrics, "/metrics", "metric");
    ids.metrics.insert(list.begin(), list.end());
    for (size_t i = 0; i < metrics->size(); ++i) {
        const auto p = "/metrics/" + std::to_string(i);
        const auto& m = (*metrics)[i];
        if (!c.is_object(m, p)) {
            continue;
        }
        c.known_keys(m, p, {"id", "name", "description", "direction"});
        c.id(m, p);
        c.text(m, p, "name");
        c.text(m, p, "description");
        c.one_of(m, p, "direction", {"up", "down"});
    }
}

void check_levels(Checker& c, const json& doc, Ids& ids)
{
    const auto* levels = c.array(doc, "", "levels", 2);
    if (levels == nullptr) {
        return;
    }
    const auto list = c.unique_ids(levels, "/levels", "level");
    ids.levels.insert(list.begin(), list.end());
    std::optional<double> previous;
    for (size_t i = 0; i < levels->size(); ++i) {
        const auto p = "/levels/" + std::to_string(i);
        const auto& level = (*levels)[i];
        if (!c.is_object(level, p)) {
            continue;
        }
        c.known_keys(level, p, {"id", "name", "description", "min_theta"});
        c.id(level, p);
        c.text(level, p, "name");
        c.text(level, p, "description");
        if (i == 0) {
            if (level.contains("min_theta")) {
                c.report(p + "/min_theta", "the first level has no cut point (everyone starts there)");
            }
            continue;
        }
        const auto cut = c.number(level, p, "min_theta", -4.0, 4.0, true);
        if (cut && previous && *cut <= *previous) {
            c.report(p + "/min_theta", "cut points must increase: " + Checker::format(*cut) +
                                           " is not above the previous level's " +
                                           Checker::format(*previous));
        }
        if (cut) {
            previous = cut;
        }
    }
}

void check_areas(Checker& c, const json& doc, Ids& ids)
{
    const auto* areas = c.array(doc, "", "areas", 1);
    if (areas == nullptr) {
        return;
    }
    const auto list = c.unique_ids(areas, "/areas", "area");
    ids.areas.insert(list.begin(), list.end());
    for (size_t i = 0; i < areas->size(); ++i) {
        const auto p = "/areas/" + std::to_string(i);
        const auto& area = (*areas)[i];
        if (!c.is_object(area, p)) {
            continue;
        }
        c.known_keys(area, p, {"id", "name", "description", "weight", "self_rating_prompt", "target_level"});
        c.id(area, p);
        c.text(area, p, "name");
        c.text(area, p, "description");
        c.text(area, p, "self_rating_prompt");
        c.number(area, p, "weight", 0.001, 1000.0, false);
        if (area.contains("target_level")) {
            if (const auto* level = c.id(area, p, "target_level");
                level != nullptr && !ids.levels.contains(*level)) {
                c.report(p + "/target_level", unknown("level", *level, ids.levels));
            }
        }
    }
}

void check_options(Checker& c, const json& item, const std::string& p, const std::string& type)
{
    const auto* options = c.array(item, p, "options", 2);
    if (options == nullptr) {
        return;
    }
    const auto op = p + "/options";
    if (options->size() > 8) {
        c.report(op, "at most 8 options");
    }
    c.unique_ids(options, op, "option");
    const bool ordering = type == "ordering";
    size_t correct = 0;
    for (size_t i = 0; i < options->size(); ++i) {
        const auto o = op + "/" + std::to_string(i);
        const auto& option = (*options)[i];
        if (!c.is_object(option, o)) {
            continue;
        }
        if (ordering) {
            c.known_keys(option, o, {"id", "text", "rationale"});
        } else {
            c.known_keys(option, o, {"id", "text", "correct", "rationale"});
            c.boolean(option, o, "correct", true);
            c.text(option, o, "rationale");
            if (is_true(option, "correct")) {
                ++correct;
            }
        }
        c.id(option, o);
        c.text(option, o, "text");
    }
    if (type == "single_choice" || type == "true_false") {
        if (correct != 1) {
            c.report(op, "exactly one option must be correct (found " + std::to_string(correct) + ")");
        }
    } else if (type == "multiple_choice") {
        if (correct == 0) {
            c.report(op, "at least one option must be correct");
        } else if (correct == options->size()) {
            c.report(op, "at least one option must be incorrect");
        }
    }
    if (type == "true_false") {
        const bool shape = options->size() == 2 && text_of((*options)[0], "id") == "true" &&
                           text_of((*options)[1], "id") == "false";
        if (!shape) {
            c.report(op, "a true_false item has exactly the options 'true' and 'false', in that order");
        }
    }
}

void check_item(Checker& c, const json& item, const std::string& p, const Ids& ids)
{
    if (!c.is_object(item, p)) {
        return;
    }
    c.known_keys(item, p,
                 {"id", "area", "type", "stem", "explanation", "references", "difficulty", "b", "a", "status",
                  "options", "scoring", "answer", "tolerance", "unit", "fixed_order"});
    c.id(item, p);
    if (const auto* area = c.id(item, p, "area"); area != nullptr && !ids.areas.contains(*area)) {
        c.report(p + "/area", unknown("area", *area, ids.areas));
    }
    c.text(item, p, "stem");
    c.text(item, p, "explanation");
    c.one_of(item, p, "difficulty", {"easy", "medium", "hard"});
    c.number(item, p, "b", -4.0, 4.0, false);
    c.number(item, p, "a", 0.2, 4.0, false);
    c.one_of(item, p, "status", {"active", "beta"}, false);
    if (const auto* refs = c.array(item, p, "references", 1)) {
        for (size_t i = 0; i < refs->size(); ++i) {
            const auto r = p + "/references/" + std::to_string(i);
            if (c.is_object((*refs)[i], r)) {
                c.known_keys((*refs)[i], r, {"title", "url"});
                c.text((*refs)[i], r, "title");
                c.url((*refs)[i], r, "url");
            }
        }
    }
    const auto* type = c.text(item, p, "type");
    if (type == nullptr) {
        return;
    }
    const auto forbid = [&](std::initializer_list<const char*> keys) {
        for (const auto* key : keys) {
            if (item.contains(key)) {
                c.report(p + "/" + key, "'" + std::string(key) + "' does not apply to a " + *type + " item");
            }
        }
    };
    // Only choice options are shuffled per attempt: true/false keeps its fixed pair and an
    // ordering item is always shown out of order, so `fixed_order` means nothing elsewhere.
    if (*type == "single_choice") {
        check_options(c, item, p, *type);
        c.boolean(item, p, "fixed_order", false);
        forbid({"scoring", "answer", "tolerance", "unit"});
    } else if (*type == "true_false") {
        check_options(c, item, p, *type);
        forbid({"scoring", "answer", "tolerance", "unit", "fixed_order"});
    } else if (*type == "multiple_choice") {
        check_options(c, item, p, *type);
        c.boolean(item, p, "fixed_order", false);
        c.one_of(item, p, "scoring", {"all_or_nothing", "every_decision", "halves"});
        forbid({"answer", "tolerance", "unit"});
    } else if (*type == "ordering") {
        check_options(c, item, p, *type);
        c.one_of(item, p, "scoring", {"exact", "pairwise"});
        forbid({"answer", "tolerance", "unit", "fixed_order"});
    } else if (*type == "numeric") {
        c.number(item, p, "answer", -1e15, 1e15, true);
        c.number(item, p, "tolerance", 0.0, 1e15, true);
        c.text(item, p, "unit", false);
        forbid({"options", "scoring", "fixed_order"});
    } else {
        c.report(p + "/type", "'" + *type +
                                  "' is not one of: single_choice, multiple_choice, true_false, "
                                  "numeric, ordering");
    }
}

void check_items(Checker& c, const json& doc, const Ids& ids)
{
    const auto* items = c.array(doc, "", "items", 1);
    if (items == nullptr) {
        return;
    }
    c.unique_ids(items, "/items", "item");
    for (size_t i = 0; i < items->size(); ++i) {
        check_item(c, (*items)[i], "/items/" + std::to_string(i), ids);
    }
}

// One entry of `prerequisites` or `recommended`: a rung id that exists and is not the rung itself.
void check_rung_id(Checker& c, const json& rung, const json& ref, const std::string& rp, const Ids& ids)
{
    if (!ref.is_string()) {
        c.report(rp, "expected a rung id");
    } else if (!ids.rungs.contains(ref.get<std::string>())) {
        c.report(rp, "unknown rung '" + ref.get<std::string>() + "'");
    } else if (ref == text_of(rung, "id")) {
        c.report(rp, "a rung cannot require itself");
    }
}

// {"any_of": [at least two distinct rung ids]}: one of them must be held.
void check_any_of(Checker& c, const json& rung, const json& choice, const std::string& rp, const Ids& ids)
{
    c.known_keys(choice, rp, {"any_of"});
    const auto* list = c.array(choice, rp, "any_of", 2);
    if (list == nullptr) {
        return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < list->size(); ++i) {
        const auto& ref = (*list)[i];
        const auto ip = rp + "/any_of/" + std::to_string(i);
        check_rung_id(c, rung, ref, ip, ids);
        if (ref.is_string() && !seen.insert(ref.get<std::string>()).second) {
            c.report(ip, "'" + ref.get<std::string>() + "' is listed twice");
        }
    }
}

// `prerequisites` entries are rung ids or {"any_of": [...]}; `recommended` entries are rung ids.
void check_rung_references(Checker& c, const json& rung, const std::string& p, const char* key,
                           const Ids& ids, bool allow_any_of)
{
    const auto it = rung.find(key);
    if (it == rung.end()) {
        return;
    }
    if (!it->is_array()) {
        c.report(p + "/" + key, allow_any_of ? "expected an array of rung ids and {\"any_of\": [...]} choices"
                                             : "expected an array of rung ids");
        return;
    }
    for (size_t i = 0; i < it->size(); ++i) {
        const auto& ref = (*it)[i];
        const auto rp = p + "/" + key + "/" + std::to_string(i);
        if (allow_any_of && ref.is_object()) {
            check_any_of(c, rung, ref, rp, ids);
        } else if (allow_any_of && !ref.is_string()) {
            c.report(rp, "expected a rung id or {\"any_of\": [rung ids]}");
        } else {
            check_rung_id(c, rung, ref, rp, ids);
        }
    }
}

void check_blueprint(Checker& c, const json& rung, const std::string& p, const Ids& ids)
{
    const auto* blueprint = c.array(rung, p, "blueprint", 1, false);
    if (blueprint == nullptr) {
        return;
    }
    double total = 0.0;
    for (size_t i = 0; i < blueprint->size(); ++i) {
        const auto d = p + "/blueprint/" + std::to_string(i);
        const auto& domain = (*blueprint)[i];
        if (!c.is_object(domain, d)) {
            continue;
        }
        c.known_keys(domain, d, {"domain", "weight", "areas"});
        c.text(domain, d, "domain");
        total += c.number(domain, d, "weight", 0.0, 100.0, true).value_or(0.0);
        if (const auto* areas = c.array(domain, d, "areas", 1)) {
            for (size_t j = 0; j < areas->size(); ++j) {
                const auto& area = (*areas)[j];
                if (!area.is_string() || !ids.areas.contains(area.get<std::string>())) {
                    c.report(d + "/areas/" + std::to_string(j),
                             area.is_string() ? unknown("area", area.get<std::string>(), ids.areas)
                                              : "expected an area id, not " + area.dump());
                }
            }
        }
    }
    if (std::abs(total - 100.0) > 1.0) {
        c.report(p + "/blueprint", "domain weights sum to " + Checker::format(total) + ", not 100");
    }
}

// Prerequisite chains must end: a cycle would make every rung in it unreachable.
void check_prerequisite_cycles(Checker& c, const json& ladder)
{
    std::map<std::string, std::vector<std::string>> edges;
    for (const auto& rung : ladder) {
        if (rung.is_object() && rung.contains("prerequisites") && rung["prerequisites"].is_array()) {
            for (const auto& pre : rung["prerequisites"]) {
                if (pre.is_string()) {
                    edges[text_of(rung, "id")].push_back(pre.get<std::string>());
                }
                // A choice that leads back here is as wrong: no issuer lists a rung's own successors.
                if (pre.is_object() && pre.contains("any_of") && pre["any_of"].is_array()) {
                    for (const auto& choice : pre["any_of"]) {
                        if (choice.is_string()) {
                            edges[text_of(rung, "id")].push_back(choice.get<std::string>());
                        }
                    }
                }
            }
        }
    }
    std::map<std::string, int> state; // 0 unseen, 1 on stack, 2 done
    std::function<bool(const std::string&)> cyclic = [&](const std::string& id) {
        if (state[id] == 1) {
            return true;
        }
        if (state[id] == 2) {
            return false;
        }
        state[id] = 1;
        for (const auto& next : edges[id]) {
            if (cyclic(next)) {
                return true;
            }
        }
        state[id] = 2;
        return false;
    };
    for (size_t i = 0; i < ladder.size(); ++i) {
        const auto id = text_of(ladder[i], "id");
        if (!id.empty() && state[id] == 0 && cyclic(id)) {
            c.report("/ladder/" + std::to_string(i) + "/prerequisites",
                     "prerequisites of '" + id + "' form a cycle");
        }
    }
}

// The facts of a rung that can each be left unconfirmed when the rest were checked at `as_of`.
const std::set<std::string> k_rung_facts = {"name",      "issuer",        "exam_code",   "issuer_level",
                                            "level",     "prerequisites", "recommended", "validity_months",
                                            "blueprint", "retired",       "successor"};

void check_unconfirmed(Checker& c, const json& rung, const std::string& p)
{
    const auto it = rung.find("unconfirmed");
    if (it == rung.end()) {
        return;
    }
    if (!it->is_array()) {
        c.report(p + "/unconfirmed", "expected an array of field names");
        return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < it->size(); ++i) {
        const auto& field = (*it)[i];
        const auto fp = p + "/unconfirmed/" + std::to_string(i);
        if (!field.is_string() || !k_rung_facts.contains(field.get<std::string>())) {
            c.report(fp, (field.is_string() ? "'" + field.get<std::string>() + "'" : field.dump()) +
                             " is not a rung fact that can be unconfirmed (one of: " + listed(k_rung_facts) +
                             ")");
        } else if (!seen.insert(field.get<std::string>()).second) {
            c.report(fp, "'" + field.get<std::string>() + "' is listed twice");
        } else if (field.get<std::string>() != "name" && !rung.contains(field.get<std::string>())) {
            c.report(fp, "'" + field.get<std::string>() + "' is not set on this rung");
        }
    }
}

void check_ladder(Checker& c, const json& doc, Ids& ids)
{
    const auto* ladder = c.array(doc, "", "ladder", 0, false);
    if (ladder == nullptr) {
        return;
    }
    const auto list = c.unique_ids(ladder, "/ladder", "rung");
    ids.rungs.insert(list.begin(), list.end());
    for (size_t i = 0; i < ladder->size(); ++i) {
        const auto p = "/ladder/" + std::to_string(i);
        const auto& rung = (*ladder)[i];
        if (!c.is_object(rung, p)) {
            continue;
        }
        c.known_keys(rung, p,
                     {"id", "name", "issuer", "exam_code", "issuer_level", "level", "prerequisites",
                      "recommended", "validity_months", "blueprint", "as_of", "source", "confidence",
                      "retired", "successor", "notes", "unconfirmed"});
        c.id(rung, p);
        c.text(rung, p, "name");
        c.text(rung, p, "issuer");
        c.text(rung, p, "exam_code");
        c.text(rung, p, "issuer_level");
        if (const auto* level = c.id(rung, p, "level"); level != nullptr && !ids.levels.contains(*level)) {
            c.report(p + "/level", unknown("level", *level, ids.levels));
        }
        check_rung_references(c, rung, p, "prerequisites", ids, true);
        check_rung_references(c, rung, p, "recommended", ids, false);
        if (!rung.contains("validity_months")) {
            c.report(p, "missing required key 'validity_months' (null when it never expires)");
        } else if (const auto& v = rung["validity_months"];
                   !v.is_null() && !(v.is_number_integer() && v.get<int>() >= 1 && v.get<int>() <= 240)) {
            c.report(p + "/validity_months", "expected whole months (1..240) or null");
        }
        check_blueprint(c, rung, p, ids);
        if (const auto* as_of = c.text(rung, p, "as_of"); as_of != nullptr && !is_date(*as_of)) {
            c.report(p + "/as_of", "expected a date YYYY-MM-DD");
        }
        c.url(rung, p, "source");
        c.one_of(rung, p, "confidence", {"high", "medium", "low"});
        c.boolean(rung, p, "retired", false);
        c.text(rung, p, "notes", false);
        const bool retired = is_true(rung, "retired");
        if (rung.contains("successor")) {
            if (const auto* successor = c.id(rung, p, "successor");
                successor != nullptr && !ids.rungs.contains(*successor)) {
                c.report(p + "/successor", "unknown rung '" + *successor + "'");
            }
        }
        if (retired && !rung.contains("successor")) {
            c.report(p, "a retired rung names its 'successor'");
        }
        check_unconfirmed(c, rung, p);
    }
    check_prerequisite_cycles(c, *ladder);
}

// The probe ids the plugin's code provides, as cloudtrack-trackc recorded them ("probes"), or
// nullptr when the document does not say.
const json* declared_probes(Checker& c, const json& doc)
{
    const auto it = doc.find("probes");
    if (it == doc.end()) {
        return nullptr;
    }
    if (!it->is_array()) {
        c.report("/probes", "expected an array of probe ids");
        return nullptr;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < it->size(); ++i) {
        const auto& probe = (*it)[i];
        if (!probe.is_string() || !is_id(probe.get_ref<const std::string&>())) {
            c.report("/probes/" + std::to_string(i), "expected a probe id");
        } else if (!seen.insert(probe.get<std::string>()).second) {
            c.report("/probes/" + std::to_string(i), "duplicate probe id '" + probe.get<std::string>() + "'");
        }
    }
    return &*it;
}

void check_abi(Checker& c, const json& doc)
{
    const auto it = doc.find("abi");
    if (it == doc.end() || !c.is_object(*it, "/abi")) {
        return;
    }
    c.known_keys(*it, "/abi", {"major", "minor"});
    for (const auto* key : {"major", "minor"}) {
        const auto v = it->find(key);
        if (v == it->end()) {
            c.report("/abi", std::string("missing required key '") + key + "'");
        } else if (!v->is_number_unsigned() || v->get<std::uint64_t>() > 65535) {
            c.report(std::string("/abi/") + key, "expected a whole number from 0 to 65535");
        }
    }
}

void check_portfolio(Checker& c, const json& doc, const Ids& ids)
{
    // Documents compiled since the ABI is recorded name a metric id; older ones wrote free text,
    // and stay valid (docs/track-format.md).
    const bool metric_ids = doc.contains("abi");
    std::set<std::string> provided;
    const auto* probes = declared_probes(c, doc);
    if (probes != nullptr) {
        for (const auto& probe : *probes) {
            if (probe.is_string()) {
                provided.insert(probe.get<std::string>());
            }
        }
    }
    const auto* portfolio = c.array(doc, "", "portfolio", 0, false);
    if (portfolio == nullptr) {
        return;
    }
    c.unique_ids(portfolio, "/portfolio", "project");
    for (size_t i = 0; i < portfolio->size(); ++i) {
        const auto p = "/portfolio/" + std::to_string(i);
        const auto& project = (*portfolio)[i];
        if (!c.is_object(project, p)) {
            continue;
        }
        c.known_keys(project, p,
                     {"id", "title", "business_question", "outcome_metric", "outcome_target", "description",
                      "checklist"});
        c.id(project, p);
        c.text(project, p, "title");
        c.text(project, p, "business_question");
        if (const auto* metric = c.text(project, p, "outcome_metric");
            metric != nullptr && metric_ids && !ids.metrics.contains(*metric)) {
            c.report(p + "/outcome_metric", unknown("metric", *metric, ids.metrics) +
                                                "; say how it is measured in 'outcome_target'");
        }
        c.text(project, p, "outcome_target", false);
        c.text(project, p, "description");
        const auto* checklist = c.array(project, p, "checklist", 1);
        if (checklist == nullptr) {
            continue;
        }
        c.unique_ids(checklist, p + "/checklist", "checklist");
        for (size_t j = 0; j < checklist->size(); ++j) {
            const auto q = p + "/checklist/" + std::to_string(j);
            const auto& entry = (*checklist)[j];
            if (!c.is_object(entry, q)) {
                continue;
            }
            c.known_keys(entry, q, {"id", "text", "evidence", "probe"});
            c.id(entry, q);
            c.text(entry, q, "text");
            c.text(entry, q, "evidence");
            if (entry.contains("probe")) {
                if (const auto* probe = c.id(entry, q, "probe");
                    probe != nullptr && probes != nullptr && !provided.contains(*probe)) {
                    c.report(q + "/probe", "probe '" + *probe +
                                               "' is not provided by the plugin's code (it declares: " +
                                               listed(provided) + ")");
                }
            }
        }
    }
}

// An embedded calibration (docs/scoring.md, "Calibration"): a cloudtrack.calibration/1 document
// for this track, every item it estimates one of the track's. Its own reader checks its fields;
// a problem it names ("/items/0/a: ...") is reported under "/calibration".
void check_calibration(Checker& c, const json& doc)
{
    const auto it = doc.find("calibration");
    if (it == doc.end()) {
        return;
    }
    const auto parsed = parse_calibration(*it);
    if (!parsed.ok()) {
        const auto problem = split_problem(parsed.error());
        c.report("/calibration" + problem.pointer, problem.reason);
        return;
    }
    if (const auto track = text_of(doc.value("track", json::object()), "id");
        !track.empty() && parsed->track_id != track) {
        c.report("/calibration/track/id",
                 "this calibration is for track '" + parsed->track_id + "', not '" + track + "'");
    }
    std::set<std::string> items;
    if (const auto list = doc.find("items"); list != doc.end() && list->is_array()) {
        for (const auto& item : *list) {
            items.insert(text_of(item, "id"));
        }
    }
    for (size_t i = 0; i < parsed->items.size(); ++i) {
        if (!items.contains(parsed->items[i].id)) {
            c.report("/calibration/items/" + std::to_string(i) + "/id",
                     "no item '" + parsed->items[i].id + "' in this track (drop it from the calibration)");
        }
    }
}

} // namespace

std::vector<Problem> validate(const json& document)
{
    Checker c;
    if (!document.is_object()) {
        c.report("", "the track document must be a JSON object");
        return c.problems;
    }
    // "$schema" is for editors (the JSON Schemas in share/cloudtrack/schemas); "abi" and "probes"
    // are written by cloudtrack-trackc.
    c.known_keys(document, "",
                 {"$schema", "schema", "track", "metrics", "levels", "areas", "items", "ladder", "portfolio",
                  "abi", "probes", "calibration", "allow_adaptive"});
    if (const auto it = document.find("$schema"); it != document.end() && !it->is_string()) {
        c.report("/$schema", "expected the URI of a JSON Schema");
    }
    if (const auto* schema = c.text(document, "", "schema");
        schema != nullptr && *schema != "cloudtrack.track/1") {
        c.report("/schema", "unsupported schema '" + *schema + "' (this host reads cloudtrack.track/1)");
    }
    Ids ids;
    check_track(c, document);
    check_abi(c, document);
    check_metrics(c, document, ids);
    check_levels(c, document, ids);
    check_areas(c, document, ids);
    check_items(c, document, ids);
    check_ladder(c, document, ids);
    check_portfolio(c, document, ids);
    check_calibration(c, document);
    c.boolean(document, "", "allow_adaptive", false);
    return c.problems;
}

std::string to_string(const Problem& problem)
{
    return (problem.pointer.empty() ? std::string("/") : problem.pointer) + ": " + problem.message;
}

} // namespace cloudtrack::content
