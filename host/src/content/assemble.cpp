#include "content/assemble.hpp"

#include "util/json_read.hpp"

#include <set>

namespace cloudtrack::content {

namespace {
const std::set<std::string> k_array_keys = {"metrics", "levels", "areas", "items", "ladder", "portfolio"};
}

util::Expected<Assembled> assemble(const std::vector<SourceFile>& files)
{
    Assembled out;
    out.document = nlohmann::json::object();
    for (const auto& file : files) {
        auto parsed =
            util::parse_json(file.text, {.allow_comments = true, .refuse_control_characters = true});
        if (!parsed) {
            return util::fail(file.name + ": " + parsed.error());
        }
        auto part = std::move(*parsed);
        if (!part.is_object()) {
            return util::fail(file.name + ": a content file holds a JSON object");
        }
        for (const auto& [key, value] : part.items()) {
            if (key == "$schema") {
                continue; // for editors (share/cloudtrack/schemas); not part of the document
            }
            if (k_array_keys.contains(key) && value.is_array()) {
                auto& target = out.document[key];
                if (target.is_null()) {
                    target = nlohmann::json::array();
                }
                out.origins.push_back({key, target.size(), value.size(), file.name});
                for (auto& element : value) {
                    target.push_back(std::move(element));
                }
                continue;
            }
            if (out.document.contains(key)) {
                for (const auto& [k, f] : out.scalar_origins) {
                    if (k == key) {
                        return util::fail(file.name + ": /" + key + ": already set in " + f);
                    }
                }
                return util::fail(file.name + ": /" + key + ": already set in another file");
            }
            out.scalar_origins.emplace_back(key, file.name);
            out.document[key] = std::move(value);
        }
    }
    return out;
}

std::string Assembled::locate(const std::string& pointer) const
{
    // Pointers look like "/<key>/<index>/..." for merged arrays, "/<key>/..." otherwise.
    const auto second = pointer.find('/', 1);
    const auto key = pointer.substr(1, second == std::string::npos ? std::string::npos : second - 1);
    if (second != std::string::npos) {
        const auto third = pointer.find('/', second + 1);
        const auto index_text =
            pointer.substr(second + 1, third == std::string::npos ? std::string::npos : third - second - 1);
        if (!index_text.empty() && index_text.find_first_not_of("0123456789") == std::string::npos) {
            const auto index = std::stoul(index_text);
            for (const auto& origin : origins) {
                if (origin.key == key && index >= origin.first && index < origin.first + origin.count) {
                    return origin.file + ": /" + key + "/" + std::to_string(index - origin.first) +
                           (third == std::string::npos ? "" : pointer.substr(third));
                }
            }
        }
    }
    for (const auto& [k, file] : scalar_origins) {
        if (k == key) {
            return file + ": " + pointer;
        }
    }
    for (const auto& origin : origins) {
        if (origin.key == key) {
            return origin.file + ": " + pointer;
        }
    }
    return (pointer.empty() ? "/" : pointer);
}

std::string Assembled::locate_in_message(const std::string& message) const
{
    static const std::string k_marker = "(first at ";
    const auto start = message.find(k_marker);
    if (start == std::string::npos) {
        return message;
    }
    const auto from = start + k_marker.size();
    const auto end = message.find(')', from);
    if (end == std::string::npos || message[from] != '/') {
        return message;
    }
    return message.substr(0, from) + locate(message.substr(from, end - from)) + message.substr(end);
}

} // namespace cloudtrack::content
