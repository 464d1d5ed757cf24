#include "assessment/pooled_results.hpp"

#include "assessment/result.hpp"

#include <cmath>
#include <set>

namespace cloudtrack::host::assessment {

using nlohmann::json;

PooledResults::PooledResults(const content::Track& track) : m_track(track)
{
    // Every track item, beta ones included: beta items are shown unscored precisely so that
    // their responses can calibrate them.
    for (const auto& item : track.items) {
        m_index.emplace(item.id, m_responses.item_ids.size());
        m_responses.item_ids.push_back(item.id);
    }
}

util::Expected<bool> PooledResults::add(const json& document)
{
    if (!document.is_object()) {
        return util::fail("(root): expected a result document (an object)");
    }
    const auto schema = document.find("schema");
    if (schema == document.end() || !schema->is_string() || schema->get<std::string>() != k_result_schema) {
        return util::fail(std::string("/schema: expected \"") + k_result_schema + "\"");
    }
    const auto track = document.find("track");
    if (track == document.end() || !track->is_object()) {
        return util::fail("/track: expected an object");
    }
    const auto id = track->find("id");
    if (id == track->end() || !id->is_string()) {
        return util::fail("/track/id: expected a string");
    }
    if (id->get<std::string>() != m_track.info.id) {
        return util::fail("/track/id: a result of '" + id->get<std::string>() + "', not of '" +
                          m_track.info.id + "'");
    }
    const auto sha = track->find("content_sha256");
    if (sha == track->end() || !sha->is_string()) {
        return util::fail("/track/content_sha256: expected a string");
    }
    const auto responses = document.find("responses");
    if (responses == document.end() || !responses->is_array()) {
        return util::fail("/responses: expected an array");
    }
    std::vector<PersonResponse> person;
    std::set<size_t> seen;
    size_t unknown = 0;
    for (size_t r = 0; r < responses->size(); ++r) {
        const auto pointer = "/responses/" + std::to_string(r);
        const auto& entry = (*responses)[r];
        if (!entry.is_object()) {
            return util::fail(pointer + ": expected an object");
        }
        const auto item = entry.find("item");
        if (item == entry.end() || !item->is_string()) {
            return util::fail(pointer + "/item: expected an item id (a string)");
        }
        const auto score = entry.find("score");
        if (score == entry.end() || !score->is_number() || !std::isfinite(score->get<double>()) ||
            score->get<double>() < 0.0 || score->get<double>() > 1.0) {
            return util::fail(pointer + "/score: expected a number from 0 to 1");
        }
        const auto found = m_index.find(item->get<std::string>());
        if (found == m_index.end()) {
            ++unknown;
            continue;
        }
        if (!seen.insert(found->second).second) {
            return util::fail(pointer + "/item: '" + found->first + "' answered twice in one result");
        }
        person.push_back({found->second, score->get<double>()});
    }
    m_unknown += unknown;
    m_other_content += sha->get<std::string>() != m_track.sha256 ? 1U : 0U;
    m_responses.people.push_back(std::move(person));
    return true;
}

} // namespace cloudtrack::host::assessment
