#include "catalog/bundle.hpp"

#include "util/file.hpp"
#include "util/json_error.hpp"
#include "util/json_read.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;

namespace {

using nlohmann::json;

const std::regex k_id_pattern("^[a-z0-9][a-z0-9_.-]{0,63}$");
const std::regex k_semver_pattern(R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$)");
const std::regex k_sha256_pattern("^[0-9a-f]{64}$");

// RFC 6901: '~' and '/' inside a key are escaped.
std::string escape(const std::string& key)
{
    std::string out;
    for (const char c : key) {
        out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
    }
    return out;
}

// A path relative to the bundle folder that stays inside it: no absolute path, no "..".
bool inside_bundle(const std::string& text)
{
    const fs::path path(text);
    if (text.empty() || path.is_absolute()) {
        return false;
    }
    return std::none_of(path.begin(), path.end(), [](const fs::path& part) { return part == ".."; });
}

class Reader {
public:
    std::vector<std::pair<std::string, std::string>> problems; // pointer, message
    Manifest manifest;

    void report(const std::string& pointer, std::string message)
    {
        problems.emplace_back(pointer, std::move(message));
    }

    bool is_object(const json& value, const std::string& pointer)
    {
        if (!value.is_object()) {
            report(pointer, "expected an object");
            return false;
        }
        return true;
    }

    // An object whose keys are all in `allowed`: a misspelt key would otherwise be silently ignored.
    bool object(const json& value, const std::string& pointer, const std::set<std::string>& allowed)
    {
        if (!is_object(value, pointer)) {
            return false;
        }
        for (const auto& [key, member] : value.items()) {
            if (!allowed.contains(key)) {
                report(pointer + "/" + escape(key), "unknown key '" + key + "'");
            }
        }
        return true;
    }

    // A string member matching `pattern` (any non-empty string when null); "" when absent or bad.
    std::string text(const json& object, const std::string& pointer, const char* key, bool required,
                     const std::regex* pattern, const char* what)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            if (required) {
                report(pointer, std::string("missing required key '") + key + "'");
            }
            return {};
        }
        if (!it->is_string() || it->get_ref<const std::string&>().empty()) {
            report(pointer + "/" + key, "expected a non-empty string");
            return {};
        }
        const auto& value = it->get_ref<const std::string&>();
        if (pattern != nullptr && !std::regex_match(value, *pattern)) {
            report(pointer + "/" + key, "'" + value + "' is not " + what);
            return {};
        }
        return value;
    }

    // One of `choices` (the first is the default when absent).
    std::string choice(const json& object, const std::string& pointer, const char* key,
                       const std::vector<std::string>& choices)
    {
        const auto it = object.find(key);
        if (it == object.end()) {
            return choices.front();
        }
        if (!it->is_string() ||
            std::find(choices.begin(), choices.end(), it->get<std::string>()) == choices.end()) {
            std::string list;
            for (const auto& c : choices) {
                list += (list.empty() ? "\"" : ", \"") + c + "\"";
            }
            report(pointer + "/" + key, "expected one of " + list);
            return choices.front();
        }
        return it->get<std::string>();
    }

    void read(const json& root)
    {
        if (!object(root, "", {"schema", "organization", "policy", "plugins", "overlays"})) {
            return;
        }
        if (!root.contains("schema")) {
            report("", "missing required key 'schema'");
        } else if (root["schema"] != k_bundle_schema) {
            report("/schema", std::string("expected \"") + k_bundle_schema + "\"");
        }
        read_organization(root);
        if (const auto it = root.find("policy");
            it != root.end() && object(*it, "/policy", {"unlisted", "signature"})) {
            manifest.refuse_unlisted = choice(*it, "/policy", "unlisted", {"refuse", "allow"}) == "refuse";
            manifest.signature_required =
                choice(*it, "/policy", "signature", {"required", "optional"}) == "required";
        }
        read_plugins(root);
        if (const auto it = root.find("overlays"); it != root.end() && is_object(*it, "/overlays")) {
            for (const auto& [track, overlay] : it->items()) {
                read_overlay(track, overlay);
            }
        }
    }

    void read_organization(const json& root)
    {
        const auto it = root.find("organization");
        if (it == root.end()) {
            report("", "missing required key 'organization'");
        } else if (object(*it, "/organization", {"id", "name"})) {
            manifest.organization = text(*it, "/organization", "id", true, &k_id_pattern, "an id");
            manifest.organization_name = text(*it, "/organization", "name", false, nullptr, "");
        }
    }

    void read_plugins(const json& root)
    {
        const auto it = root.find("plugins");
        if (it == root.end()) {
            report("", "missing required key 'plugins'");
            return;
        }
        if (!it->is_array()) {
            report("/plugins", "expected an array");
            return;
        }
        std::set<std::string> files;
        std::set<std::string> ids;
        for (size_t i = 0; i < it->size(); ++i) {
            const auto pointer = "/plugins/" + std::to_string(i);
            const auto& entry = (*it)[i];
            if (!object(entry, pointer, {"file", "sha256", "id", "version"})) {
                continue;
            }
            PluginPin pin;
            pin.index = i;
            pin.file = text(entry, pointer, "file", true, nullptr, "");
            if (!pin.file.empty() &&
                (pin.file.find('/') != std::string::npos || pin.file.size() < 4 ||
                 pin.file.compare(pin.file.size() - 3, 3, ".so") != 0 || pin.file[0] == '.')) {
                report(pointer + "/file",
                       "'" + pin.file + "' is not a plugin file name in the bundle folder (NAME.so)");
            } else if (!pin.file.empty() && !files.insert(pin.file).second) {
                report(pointer + "/file", "'" + pin.file + "' is listed twice");
            }
            pin.sha256 = text(entry, pointer, "sha256", true, &k_sha256_pattern,
                              "a SHA-256 (64 lowercase hex digits)");
            pin.id = text(entry, pointer, "id", true, &k_id_pattern, "a track id");
            if (!pin.id.empty() && !ids.insert(pin.id).second) {
                report(pointer + "/id", "track '" + pin.id + "' is listed twice");
            }
            pin.version =
                text(entry, pointer, "version", true, &k_semver_pattern, "a version MAJOR.MINOR.PATCH");
            manifest.plugins.push_back(std::move(pin));
        }
    }

    void read_overlay(const std::string& track, const json& value)
    {
        const auto pointer = "/overlays/" + escape(track);
        if (!std::regex_match(track, k_id_pattern)) {
            report(pointer, "'" + track + "' is not a track id");
        }
        if (!object(value, pointer,
                    {"drop_items", "add_items", "add_items_sha256", "levels", "targets", "hidden",
                     "calibration", "allow_adaptive"})) {
            return;
        }
        Overlay overlay;
        overlay.track = track;
        read_drop_items(value, pointer, overlay);
        read_add_items(value, pointer, overlay);
        if (const auto it = value.find("levels"); it != value.end() && is_object(*it, pointer + "/levels")) {
            for (const auto& [level, cut] : it->items()) {
                read_level(pointer + "/levels/" + escape(level), level, cut, overlay);
            }
        }
        read_targets(value, pointer, overlay);
        if (const auto it = value.find("hidden"); it != value.end()) {
            if (!it->is_boolean()) {
                report(pointer + "/hidden", "expected true or false");
            } else {
                overlay.hidden = it->get<bool>();
            }
        }
        if (const auto it = value.find("allow_adaptive"); it != value.end()) {
            if (!it->is_boolean()) {
                report(pointer + "/allow_adaptive", "expected true or false");
            } else {
                overlay.allow_adaptive = it->get<bool>();
            }
        }
        read_calibration(value, pointer, overlay);
        manifest.overlays.push_back(std::move(overlay));
    }

    void read_drop_items(const json& value, const std::string& pointer, Overlay& overlay)
    {
        const auto it = value.find("drop_items");
        if (it == value.end()) {
            return;
        }
        if (!it->is_array()) {
            report(pointer + "/drop_items", "expected an array of item ids");
            return;
        }
        std::set<std::string> seen;
        for (size_t i = 0; i < it->size(); ++i) {
            const auto& id = (*it)[i];
            const auto at = pointer + "/drop_items/" + std::to_string(i);
            if (!id.is_string() || !std::regex_match(id.get<std::string>(), k_id_pattern)) {
                report(at, "expected an item id");
            } else if (!seen.insert(id.get<std::string>()).second) {
                report(at, "'" + id.get<std::string>() + "' is listed twice");
            } else {
                overlay.drop_items.push_back(id.get<std::string>());
            }
        }
    }

    void read_add_items(const json& value, const std::string& pointer, Overlay& overlay)
    {
        overlay.add_items = text(value, pointer, "add_items", false, nullptr, "");
        if (overlay.add_items.empty()) {
            if (value.contains("add_items_sha256")) {
                report(pointer + "/add_items_sha256", "set without add_items");
            }
            return;
        }
        if (!inside_bundle(overlay.add_items)) {
            report(pointer + "/add_items",
                   "'" + overlay.add_items + "' must be a path relative to the bundle folder, inside it");
        }
        // The items file is pinned like a plugin, so the signature covers its content too.
        if (!value.contains("add_items_sha256")) {
            report(pointer, "missing 'add_items_sha256' for the add_items file (bundle lock writes it)");
        } else {
            overlay.add_items_sha256 = text(value, pointer, "add_items_sha256", true, &k_sha256_pattern,
                                            "a SHA-256 (64 lowercase hex digits)");
        }
    }

    // Checked here like any calibration document; that its items exist in the track is checked
    // when the overlay is applied.
    void read_calibration(const json& value, const std::string& pointer, Overlay& overlay)
    {
        const auto it = value.find("calibration");
        if (it == value.end()) {
            return;
        }
        auto parsed = content::parse_calibration(*it);
        if (!parsed) {
            const auto problem = content::split_problem(parsed.error());
            report(pointer + "/calibration" + problem.pointer, problem.reason);
        } else if (parsed->track_id != overlay.track) {
            report(pointer + "/calibration/track/id",
                   "this calibration is for track '" + parsed->track_id + "', not '" + overlay.track + "'");
        } else {
            overlay.calibration = std::move(*parsed);
        }
    }

    void read_targets(const json& value, const std::string& pointer, Overlay& overlay)
    {
        const auto it = value.find("targets");
        if (it == value.end() || !is_object(*it, pointer + "/targets")) {
            return;
        }
        for (const auto& [area, level] : it->items()) {
            const auto at = pointer + "/targets/" + escape(area);
            if (!std::regex_match(area, k_id_pattern)) {
                report(at, "'" + area + "' is not an area id");
            } else if (!level.is_string() || !std::regex_match(level.get<std::string>(), k_id_pattern)) {
                report(at, "expected a level id");
            } else {
                overlay.targets.push_back({area, level.get<std::string>()});
            }
        }
    }

    void read_level(const std::string& pointer, const std::string& level, const json& cut, Overlay& overlay)
    {
        if (!std::regex_match(level, k_id_pattern)) {
            report(pointer, "'" + level + "' is not a level id");
            return;
        }
        if (!object(cut, pointer, {"min_theta"})) {
            return;
        }
        const auto it = cut.find("min_theta");
        if (it == cut.end()) {
            report(pointer, "missing required key 'min_theta'");
        } else if (!it->is_number() || !std::isfinite(it->get<double>()) ||
                   std::abs(it->get<double>()) > 4.0) {
            report(pointer + "/min_theta", "expected a number between -4 and 4");
        } else {
            overlay.levels.push_back({level, it->get<double>()});
        }
    }
};

} // namespace

const PluginPin* Manifest::pin(const std::string& file_name) const
{
    const auto it =
        std::find_if(plugins.begin(), plugins.end(), [&](const auto& p) { return p.file == file_name; });
    return it == plugins.end() ? nullptr : &*it;
}

const Overlay* Manifest::overlay(const std::string& track_id) const
{
    const auto it =
        std::find_if(overlays.begin(), overlays.end(), [&](const auto& o) { return o.track == track_id; });
    return it == overlays.end() ? nullptr : &*it;
}

bool is_id(const std::string& text)
{
    return std::regex_match(text, k_id_pattern);
}

util::Expected<Manifest> parse_manifest(std::string_view text, const fs::path& dir)
{
    const auto file = (dir / k_manifest_name).string();
    // Duplicate keys refused: "unlisted" given twice must not verify as whichever comes last.
    auto parsed = util::parse_json(text);
    if (!parsed) {
        return util::fail(file + ": " + parsed.error());
    }
    const json root = std::move(*parsed);
    Reader reader;
    reader.manifest.dir = dir;
    reader.read(root);
    if (reader.problems.empty()) {
        return std::move(reader.manifest);
    }
    const auto& [pointer, message] = reader.problems.front();
    auto out = file + ": " + (pointer.empty() ? std::string() : pointer + ": ") + message;
    if (reader.problems.size() > 1) {
        out += " (and " + std::to_string(reader.problems.size() - 1) + " more)";
    }
    return util::fail(out);
}

util::Expected<Manifest> read_manifest(const fs::path& dir)
{
    const auto text = util::read_file(dir / k_manifest_name, util::file_kind::manifest);
    if (!text) {
        return util::fail(text.error());
    }
    return parse_manifest(*text, dir);
}

util::Expected<std::string> lock_manifest(std::string_view existing, const std::string& organization,
                                          const std::vector<PluginPin>& pins,
                                          const std::map<std::string, std::string>& item_files)
{
    nlohmann::ordered_json root;
    if (existing.empty()) {
        root = {{"schema", k_bundle_schema},
                {"organization", {{"id", organization}}},
                {"policy", {{"unlisted", "refuse"}, {"signature", "required"}}}};
    } else {
        auto parsed = util::parse_ordered_json(existing);
        if (!parsed) {
            return util::fail(parsed.error());
        }
        root = std::move(*parsed);
        if (!root.is_object()) {
            return util::fail("expected a JSON object");
        }
        if (!organization.empty()) {
            if (!root["organization"].is_object()) {
                root["organization"] = nlohmann::ordered_json::object();
            }
            root["organization"]["id"] = organization;
        }
    }
    auto list = nlohmann::ordered_json::array();
    for (const auto& pin : pins) {
        list.push_back(
            {{"file", pin.file}, {"sha256", pin.sha256}, {"id", pin.id}, {"version", pin.version}});
    }
    root["plugins"] = std::move(list);
    if (auto overlays = root.find("overlays"); overlays != root.end() && overlays->is_object()) {
        for (auto& [track, overlay] : overlays->items()) { // NOLINT(readability-qualified-auto): written to
            if (!overlay.is_object() || !overlay.contains("add_items") || !overlay["add_items"].is_string()) {
                continue;
            }
            if (const auto it = item_files.find(overlay["add_items"].get<std::string>());
                it != item_files.end()) {
                overlay["add_items_sha256"] = it->second;
            }
        }
    }
    return root.dump(2) + "\n";
}

std::vector<std::string> added_item_files(std::string_view manifest_text)
{
    std::vector<std::string> files;
    const auto parsed = util::parse_json(manifest_text);
    if (!parsed) {
        return files;
    }
    const auto& root = *parsed;
    if (!root.is_object() || !root.contains("overlays") || !root["overlays"].is_object()) {
        return files;
    }
    for (const auto& [track, overlay] : root["overlays"].items()) {
        if (overlay.is_object() && overlay.contains("add_items") && overlay["add_items"].is_string()) {
            files.push_back(overlay["add_items"].get<std::string>());
        }
    }
    return files;
}

} // namespace cloudtrack::host::catalog
