// Result documents pooled for calibration: each `cloudtrack.result/1` checked where it enters
// (schema, track, every response's item and score) and reduced to one person's scores per item.
#pragma once

#include "assessment/calibrate.hpp"
#include "content/model.hpp"
#include "util/expected.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <string>

namespace cloudtrack::host::assessment {

class PooledResults {
public:
    explicit PooledResults(const content::Track& track);

    // Adds one result document. Fails with "<pointer>: <reason>" (pointers relative to
    // `document`) for a document that is not a result of this track or not well formed; nothing
    // of a failing document is kept.
    util::Expected<bool> add(const nlohmann::json& document);

    [[nodiscard]] const ResponseSet& responses() const { return m_responses; }
    [[nodiscard]] size_t other_content() const { return m_other_content; } // scored by other track content
    [[nodiscard]] size_t unknown_responses() const { return m_unknown; }   // items the track no longer has

private:
    const content::Track& m_track;
    std::map<std::string, size_t> m_index;
    ResponseSet m_responses;
    size_t m_other_content = 0;
    size_t m_unknown = 0;
};

} // namespace cloudtrack::host::assessment
