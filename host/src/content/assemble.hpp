// Assembles a track document from the content files of a plugin folder (build time, in
// cloudtrack-trackc) and maps JSON pointers of the result back to the file they came from.
#pragma once

#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace cloudtrack::content {

struct SourceFile {
    std::string name; // as shown in errors
    std::string text;
};

// NOLINTNEXTLINE(bugprone-exception-escape): a false positive on the implicit members of a json
struct Assembled {
    nlohmann::json document;

    // Where each merged array slice came from.
    struct Origin {
        std::string key;
        size_t first = 0;
        size_t count = 0;
        std::string file;
    };
    std::vector<Origin> origins;
    std::vector<std::pair<std::string, std::string>> scalar_origins; // key -> file

    // "/items/12/stem" -> "content/items/iac.json: /items/3/stem"
    [[nodiscard]] std::string locate(const std::string& pointer) const;

    // A validation message with the pointers it mentions ("duplicate item id 'x' (first at
    // /items/0)") located in their files ("(first at content/items/a.json: /items/0)").
    [[nodiscard]] std::string locate_in_message(const std::string& message) const;
};

// Arrays `metrics`, `levels`, `areas`, `items`, `ladder`, `portfolio` are concatenated in file
// order; any other key may appear in one file only, except `$schema` (the JSON Schema an editor
// checks the file against), which every file may name and the document leaves out. Comments are
// allowed in the files.
util::Expected<Assembled> assemble(const std::vector<SourceFile>& files);

} // namespace cloudtrack::content
