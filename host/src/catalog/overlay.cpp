#include "catalog/overlay.hpp"

#include "content/parse.hpp"
#include "content/validate.hpp"
#include "util/file.hpp"
#include "util/json_read.hpp"
#include "util/sha256.hpp"
#include "util/term.hpp"

#include <algorithm>
#include <regex>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

namespace {

using nlohmann::json;

// The element of a JSON array of objects whose "id" is `id`, or end().
json::iterator find_id(json& array, const std::string& id)
{
    return std::find_if(array.begin(), array.end(),
                        [&](const json& entry) { return entry.value("id", "") == id; });
}

// The `show --explain` lines for dropped and added items.
void item_layers(const Overlay& overlay, const std::vector<std::string>& added_ids,
                 const std::string& organization, std::vector<std::string>& layers)
{
    if (overlay.drop_items.empty() && added_ids.empty()) {
        return;
    }
    std::string summary;
    if (!overlay.drop_items.empty()) {
        summary = std::to_string(overlay.drop_items.size()) + " dropped";
    }
    if (!added_ids.empty()) {
        summary += (summary.empty() ? "" : ", ") + std::to_string(added_ids.size()) + " added";
    }
    layers.push_back("items: " + summary + " (bundle " + organization + ")");
    if (!overlay.drop_items.empty()) {
        layers.push_back("  dropped: " + util::join(overlay.drop_items));
    }
    if (!added_ids.empty()) {
        layers.push_back("  added from " + overlay.add_items + ": " + util::join(added_ids));
    }
}

// "/items/12/stem" -> {12, "/stem"} when `pointer` is inside array `key`.
bool split_index(const std::string& pointer, const std::string& key, size_t& index, std::string& rest)
{
    const auto prefix = "/" + key + "/";
    if (pointer.rfind(prefix, 0) != 0) {
        return false;
    }
    const auto start = prefix.size();
    const auto end = pointer.find('/', start);
    const auto digits = pointer.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
        return false;
    }
    index = std::stoul(digits);
    rest = end == std::string::npos ? "" : pointer.substr(end);
    return true;
}

// "duplicate item id 'x' (first at /items/3)" points into the overlaid document; for an added
// item, say whether the first one is the track's own or another added one (counted in its file).
std::string renumber_first_at(const std::string& message, size_t first_added)
{
    static const std::regex k_first_at(R"( \(first at /items/(\d+)\))");
    std::smatch match;
    if (!std::regex_search(message, match, k_first_at)) {
        return message;
    }
    const auto first = std::stoul(match[1].str());
    return match.prefix().str() +
           (first < first_added ? " (the track has it already)"
                                : " (first at /items/" + std::to_string(first - first_added) + ")") +
           match.suffix().str();
}

// Where a problem of the overlaid document comes from: an added item is named in its file, a
// changed cut point in bundle.json, anything else as the overlay that produced the document.
std::string locate(const content::Problem& problem, const json& document, size_t first_added,
                   const AddedItems* added, const Overlay& overlay, const Manifest& manifest)
{
    const auto overlay_pointer = "/overlays/" + overlay.track;
    size_t index = 0;
    std::string rest;
    if (added != nullptr && split_index(problem.pointer, "items", index, rest) && index >= first_added) {
        return added->file + ": /items/" + std::to_string(index - first_added) + rest + ": " +
               renumber_first_at(problem.message, first_added);
    }
    // A target naming a level the track does not have.
    const auto& areas = document["areas"];
    if (split_index(problem.pointer, "areas", index, rest) && rest == "/target_level" &&
        index < areas.size()) {
        const auto id = areas[index].value("id", "");
        for (const auto& target : overlay.targets) {
            if (target.area == id) {
                return manifest.file().string() + ": " + overlay_pointer + "/targets/" + id + ": " +
                       problem.message;
            }
        }
    }
    // Cut points must increase: a problem at level N comes from changing N, or else N - 1.
    const auto& levels = document["levels"];
    if (split_index(problem.pointer, "levels", index, rest) && rest == "/min_theta" &&
        index < levels.size()) {
        for (const size_t at : {index, index - 1}) {
            const auto id = at < levels.size() ? levels[at].value("id", "") : std::string();
            for (const auto& cut : overlay.levels) {
                if (cut.level == id) {
                    return manifest.file().string() + ": " + overlay_pointer + "/levels/" + id +
                           "/min_theta: " + problem.message;
                }
            }
        }
    }
    // The overlay's calibration names an item the overlaid track does not have.
    if (overlay.calibration && problem.pointer.rfind("/calibration/", 0) == 0) {
        return manifest.file().string() + ": " + overlay_pointer + problem.pointer + ": " + problem.message;
    }
    return manifest.file().string() + ": " + overlay_pointer +
           ": the overlaid track is invalid: " + content::to_string(problem);
}

} // namespace

util::Expected<AddedItems> read_added_items(const fs::path& bundle_dir, const std::string& relative)
{
    const auto file = (bundle_dir / relative).string();
    std::error_code ec;
    const auto resolved = fs::weakly_canonical(bundle_dir / relative, ec);
    const auto folder = fs::weakly_canonical(bundle_dir, ec);
    const auto inside = resolved.lexically_relative(folder);
    if (ec || inside.empty() || *inside.begin() == "..") {
        return util::fail(file + ": resolves outside the bundle folder");
    }
    const auto text = util::read_file(bundle_dir / relative, util::file_kind::added_items);
    if (!text) {
        return util::fail(text.error());
    }
    return parse_added_items(*text, file);
}

util::Expected<AddedItems> parse_added_items(std::string_view text, const std::string& file)
{
    AddedItems added;
    added.file = file;
    added.sha256 = util::sha256_hex(text);
    auto parsed = util::parse_json(text, {.allow_comments = true, .refuse_control_characters = true});
    if (!parsed) {
        return util::fail(added.file + ": " + parsed.error());
    }
    json root = std::move(*parsed);
    if (!root.is_object() || !root.contains("items")) {
        return util::fail(added.file + ": expected an object with the key \"items\"");
    }
    for (const auto& [key, value] : root.items()) {
        if (key != "items") {
            return util::fail(added.file + ": /" + key + ": unknown key '" + key + "' (only \"items\")");
        }
    }
    if (!root["items"].is_array() || root["items"].empty()) {
        return util::fail(added.file + ": /items: expected a non-empty array of items");
    }
    added.items = std::move(root["items"]);
    return added;
}

util::Expected<Overlaid> apply_overlay(std::string_view bytes, const Overlay& overlay,
                                       const AddedItems* added, const Manifest& manifest)
{
    auto document = json::parse(bytes.begin(), bytes.end());
    const auto overlay_pointer = manifest.file().string() + ": /overlays/" + overlay.track;
    Overlaid out;

    auto& items = document["items"];
    for (size_t i = 0; i < overlay.drop_items.size(); ++i) {
        const auto& id = overlay.drop_items[i];
        const auto it = find_id(items, id);
        if (it == items.end()) {
            return util::fail(overlay_pointer + "/drop_items/" + std::to_string(i) + ": track '" +
                              overlay.track + "' has no item '" + id + "'");
        }
        items.erase(it);
    }
    const size_t first_added = items.size();
    std::vector<std::string> added_ids;
    if (added != nullptr) {
        for (const auto& item : added->items) {
            items.push_back(item);
            added_ids.push_back(item.is_object() ? item.value("id", "?") : "?");
        }
    }

    auto& levels = document["levels"];
    for (const auto& cut : overlay.levels) {
        const auto it = find_id(levels, cut.level);
        if (it == levels.end()) {
            return util::fail(overlay_pointer + "/levels/" + cut.level + ": track '" + overlay.track +
                              "' has no level '" + cut.level + "'");
        }
        const auto before =
            it->contains("min_theta") ? util::number_text((*it)["min_theta"].get<double>()) : "none";
        (*it)["min_theta"] = cut.min_theta;
        out.layers.push_back("levels/" + cut.level + "/min_theta: " + util::number_text(cut.min_theta) +
                             " (bundle " + manifest.organization + "; the plugin's: " + before + ")");
    }

    auto& areas = document["areas"];
    for (const auto& target : overlay.targets) {
        const auto it = find_id(areas, target.area);
        if (it == areas.end()) {
            return util::fail(overlay_pointer + "/targets/" + target.area + ": track '" + overlay.track +
                              "' has no area '" + target.area + "'");
        }
        const auto before = it->value("target_level", std::string("none"));
        (*it)["target_level"] = target.level;
        out.layers.push_back("areas/" + target.area + "/target_level: " + target.level + " (bundle " +
                             manifest.organization + "; the plugin's: " + before + ")");
    }

    if (const auto& calibration = overlay.calibration) {
        const auto* const before =
            document.contains("calibration") ? "the plugin's replaced" : "the plugin has none";
        document["calibration"] = content::to_json(*calibration);
        out.layers.push_back("calibration: " + std::to_string(calibration->items.size()) +
                             " items estimated from data, " +
                             util::sha256_hex(content::serialize(*calibration)).substr(0, 12) + " (bundle " +
                             manifest.organization + "; " + before + ")");
    }
    if (const auto allow = overlay.allow_adaptive) {
        const auto before = document.value("allow_adaptive", true);
        document["allow_adaptive"] = *allow;
        out.layers.push_back(std::string("allow_adaptive: ") + (*allow ? "true" : "false") + " (bundle " +
                             manifest.organization + "; the plugin's: " + (before ? "true" : "false") + ")");
    }

    if (const auto problems = content::validate(document); !problems.empty()) {
        auto message = locate(problems.front(), document, first_added, added, overlay, manifest);
        if (problems.size() > 1) {
            message += " (and " + std::to_string(problems.size() - 1) + " more)";
        }
        return util::fail(message);
    }
    item_layers(overlay, added_ids, manifest.organization, out.layers);
    out.document = document.dump();
    out.track = content::build(std::move(document), util::sha256_hex(out.document));
    return out;
}

} // namespace cloudtrack::host::catalog
