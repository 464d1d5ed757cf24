#include "content/calibration.hpp"

#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace cloudtrack::content {

using nlohmann::json;

namespace {

// Every key of `object` must be in `allowed`: a misspelt "se_b" must not pass as absent.
std::optional<std::string> unknown_key(const json& object, const std::set<std::string>& allowed,
                                       const std::string& pointer)
{
    for (const auto& [key, value] : object.items()) {
        if (!allowed.contains(key)) {
            return pointer + "/" + key + ": unknown key";
        }
    }
    return std::nullopt;
}

std::optional<std::string> text_field(const json& object, const char* key, const std::string& pointer,
                                      std::string& into)
{
    const auto it = object.find(key);
    if (it == object.end()) {
        return pointer + ": missing \"" + key + "\"";
    }
    if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
        return pointer + "/" + key + ": expected a non-empty string";
    }
    into = it->get<std::string>();
    return std::nullopt;
}

std::optional<std::string> number_field(const json& object, const char* key, const std::string& pointer,
                                        double low, double high, double& into)
{
    const auto it = object.find(key);
    if (it == object.end()) {
        return pointer + ": missing \"" + key + "\"";
    }
    if (!it->is_number() || !std::isfinite(it->get<double>()) || it->get<double>() < low ||
        it->get<double>() > high) {
        return pointer + "/" + key + ": expected a number from " + util::number_text(low) + " to " +
               util::number_text(high);
    }
    into = it->get<double>();
    return std::nullopt;
}

bool is_sha256(const std::string& text)
{
    return text.size() == 64 && text.find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::optional<std::string> parse_item(const json& entry, const std::string& pointer, CalibratedItem& item)
{
    if (!entry.is_object()) {
        return pointer + ": expected an object";
    }
    if (auto problem = unknown_key(entry, {"id", "a", "b", "se_a", "se_b", "n"}, pointer)) {
        return problem;
    }
    std::optional<std::string> problem;
    (problem = text_field(entry, "id", pointer, item.id)) ||
        (problem = number_field(entry, "a", pointer, k_min_a, k_max_a, item.a)) ||
        (problem = number_field(entry, "b", pointer, k_min_b, k_max_b, item.b)) ||
        (problem = number_field(entry, "se_a", pointer, 0.0, 100.0, item.se_a)) ||
        (problem = number_field(entry, "se_b", pointer, 0.0, 100.0, item.se_b));
    if (problem) {
        return problem;
    }
    const auto n = entry.find("n");
    if (n == entry.end()) {
        return pointer + ": missing \"n\"";
    }
    if (!n->is_number_unsigned()) {
        return pointer + "/n: expected a whole number of responses, 0 or more";
    }
    item.n = n->get<size_t>();
    return std::nullopt;
}

} // namespace

const CalibratedItem* Calibration::find(const std::string& id) const
{
    for (const auto& item : items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

json to_json(const Calibration& calibration)
{
    auto items = json::array();
    for (const auto& item : calibration.items) {
        items.push_back({{"id", item.id},
                         {"a", item.a},
                         {"b", item.b},
                         {"se_a", item.se_a},
                         {"se_b", item.se_b},
                         {"n", item.n}});
    }
    return {{"schema", k_calibration_schema},
            {"track",
             {{"id", calibration.track_id},
              {"version", calibration.track_version},
              {"content_sha256", calibration.content_sha256}}},
            {"items", items}};
}

CalibrationProblem split_problem(const std::string& error)
{
    const auto colon = error.find(": ");
    if (colon == std::string::npos) {
        return {"", error};
    }
    const auto pointer = error.substr(0, colon);
    return {pointer == "(root)" ? std::string() : pointer, error.substr(colon + 2)};
}

std::string serialize(const Calibration& calibration)
{
    return to_json(calibration).dump(2) + "\n";
}

util::Expected<Calibration> parse_calibration(const json& document)
{
    if (!document.is_object()) {
        return util::fail("(root): expected an object");
    }
    if (auto problem = unknown_key(document, {"schema", "track", "items"}, "")) {
        return util::fail(*problem);
    }
    const auto schema = document.find("schema");
    if (schema == document.end() || !schema->is_string() ||
        schema->get<std::string>() != k_calibration_schema) {
        return util::fail(std::string("/schema: expected \"") + k_calibration_schema + "\"");
    }
    Calibration calibration;
    const auto track = document.find("track");
    if (track == document.end() || !track->is_object()) {
        return util::fail("/track: expected an object with id, version and content_sha256");
    }
    std::optional<std::string> problem;
    (problem = unknown_key(*track, {"id", "version", "content_sha256"}, "/track")) ||
        (problem = text_field(*track, "id", "/track", calibration.track_id)) ||
        (problem = text_field(*track, "version", "/track", calibration.track_version)) ||
        (problem = text_field(*track, "content_sha256", "/track", calibration.content_sha256));
    if (problem) {
        return util::fail(*problem);
    }
    if (!is_sha256(calibration.content_sha256)) {
        return util::fail("/track/content_sha256: expected 64 lowercase hexadecimal digits");
    }
    const auto items = document.find("items");
    if (items == document.end() || !items->is_array()) {
        return util::fail("/items: expected an array");
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < items->size(); ++i) {
        const auto pointer = "/items/" + std::to_string(i);
        CalibratedItem item;
        if (auto item_problem = parse_item((*items)[i], pointer, item)) {
            return util::fail(*item_problem);
        }
        if (!seen.insert(item.id).second) {
            return util::fail(pointer + "/id: duplicate item id '" + item.id + "'");
        }
        calibration.items.push_back(std::move(item));
    }
    return calibration;
}

} // namespace cloudtrack::content
