// Running evidence probes: plugin code is reached only through the C interface
// cloudtrack.evidence-probe/1, and nothing the plugin returns is trusted before it is checked.
#include "career/evidence.hpp"

#include "util/error.hpp"
#include "util/json_read.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstddef>
#include <limits>
#include <map>
#include <utility>

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

// Bounds on what one probe may hand back; far above any honest result.
constexpr std::size_t k_max_output = std::size_t{4} << 20;
constexpr std::size_t k_max_error = 4096;
constexpr std::size_t k_max_evidence = 100;
constexpr std::size_t k_max_text = 1000;

// A host-owned sink that stops growing at `limit` and remembers that it overflowed.
struct BoundedSink {
    explicit BoundedSink(std::size_t max) : limit(max) {}

    std::string text;
    std::size_t limit;
    bool overflowed = false;

    static void write(void* context, const char* data, std::size_t size)
    {
        auto* self = static_cast<BoundedSink*>(context);
        if (data == nullptr || self->overflowed) {
            return;
        }
        if (size > self->limit - self->text.size()) {
            self->overflowed = true;
            return;
        }
        self->text.append(data, size);
    }
    cloudtrack_sink_t sink() { return cloudtrack_sink_t{this, &BoundedSink::write}; }
};

// `text` cut to `limit` bytes at a UTF-8 character boundary.
std::string cut(std::string text, std::size_t limit)
{
    if (text.size() <= limit) {
        return text;
    }
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0U) == 0x80U) {
        --end;
    }
    text.resize(end);
    return text + "...";
}

// The probe interface of the track's plugin, loading and initializing it if needed.
util::Expected<const cloudtrack_evidence_probe_v1_t*> probe_interface(catalog::Catalog& catalog,
                                                                      const std::string& track_id)
{
    const catalog::Plugin* plugin = nullptr;
    try {
        plugin = &catalog.ready(track_id);
    } catch (const util::Error& e) {
        return util::fail(e.what());
    }
    const auto* found = static_cast<const cloudtrack_evidence_probe_v1_t*>(
        plugin->entry->get_interface(CLOUDTRACK_EVIDENCE_PROBE_V1));
    if (found == nullptr) {
        return util::fail("track '" + track_id + "' has no evidence probes (its plugin does not offer " +
                          CLOUDTRACK_EVIDENCE_PROBE_V1 + ")");
    }
    constexpr auto k_min_size =
        offsetof(cloudtrack_evidence_probe_v1_t, run) + sizeof(cloudtrack_evidence_probe_v1_t::run);
    if (found->struct_size < k_min_size || found->run == nullptr) {
        return util::fail("track '" + track_id + "' offers a malformed " + CLOUDTRACK_EVIDENCE_PROBE_V1 +
                          " interface");
    }
    return found;
}

ProbeOutcome run_one(const cloudtrack_evidence_probe_v1_t& probe, const std::string& probe_id,
                     const ConfinedFiles& files)
{
    BoundedSink out(k_max_output);
    BoundedSink error(k_max_error);
    auto out_sink = out.sink();
    auto error_sink = error.sink();
    auto view = files.view();
    const auto start = std::chrono::steady_clock::now();
    // Read as int: a plugin may return a value outside the enum.
    const auto status = static_cast<int>(probe.run(probe_id.c_str(), &view, &out_sink, &error_sink));
    spdlog::debug("probe {} ran in {:.1f} ms with status {}", probe_id,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count(),
                  status);

    ProbeOutcome outcome;
    const auto reason = error.text.empty() ? std::string("no reason given") : cut(error.text, k_max_text);
    switch (status) {
    case CLOUDTRACK_STATUS_OK: {
        if (out.overflowed) {
            outcome.note = "probe '" + probe_id + "' returned more than " +
                           std::to_string(k_max_output >> 20) + " MiB of output";
            break;
        }
        auto parsed = parse_probe_output(out.text);
        if (!parsed) {
            outcome.note = "probe '" + probe_id + "' returned unusable output: " + parsed.error();
            break;
        }
        outcome = std::move(*parsed);
        break;
    }
    case CLOUDTRACK_STATUS_UNSUPPORTED:
        // The plugin's own reason usually says the same ("no probe named 'x'"): say it once.
        outcome.note = "the track's plugin has no probe '" + probe_id + "'" +
                       (reason.find(probe_id) == std::string::npos ? ": " + reason : std::string());
        break;
    case CLOUDTRACK_STATUS_ERROR: outcome.note = "probe '" + probe_id + "' failed: " + reason; break;
    default:
        outcome.note = "probe '" + probe_id + "' returned an unknown status " + std::to_string(status);
        break;
    }
    return outcome;
}

} // namespace

const char* to_string(ProbeStatus status)
{
    switch (status) {
    case ProbeStatus::verified: return "verified";
    case ProbeStatus::not_verified: return "not_verified";
    case ProbeStatus::unchecked: return "unchecked";
    }
    return "?";
}

nlohmann::json to_json(const ProbeOutcome& outcome)
{
    auto evidence = json::array();
    for (const auto& e : outcome.evidence) {
        evidence.push_back({{"path", e.path}, {"line", e.line}, {"text", e.text}});
    }
    return {{"item", outcome.item_id},
            {"probe", outcome.probe_id},
            {"status", to_string(outcome.status)},
            {"evidence", std::move(evidence)},
            {"note", outcome.note}};
}

util::Expected<ProbeOutcome> parse_probe_output(std::string_view output)
{
    const auto parsed = util::parse_json(output);
    if (!parsed) {
        return util::fail(parsed.error());
    }
    const auto& document = *parsed;
    if (!document.is_object()) {
        return util::fail("not a JSON object");
    }
    const auto verified = document.find("verified");
    if (verified == document.end() || !verified->is_boolean()) {
        return util::fail("\"verified\" must be true or false");
    }
    const auto note = document.find("note");
    if (note == document.end() || !note->is_string()) {
        return util::fail("\"note\" must be a string");
    }
    const auto evidence = document.find("evidence");
    if (evidence == document.end() || !evidence->is_array()) {
        return util::fail("\"evidence\" must be an array");
    }
    ProbeOutcome outcome;
    outcome.status = verified->get<bool>() ? ProbeStatus::verified : ProbeStatus::not_verified;
    outcome.note = cut(note->get<std::string>(), k_max_text);
    for (std::size_t i = 0; i < evidence->size(); ++i) {
        const auto& entry = (*evidence)[i];
        const auto where = R"("evidence"[)" + std::to_string(i) + "]";
        if (!entry.is_object()) {
            return util::fail(where + " must be an object");
        }
        const auto path = entry.find("path");
        const auto line = entry.find("line");
        const auto text = entry.find("text");
        if (path == entry.end() || !path->is_string() || text == entry.end() || !text->is_string()) {
            return util::fail(where + R"( needs string "path" and "text")");
        }
        if (line == entry.end() || !line->is_number_integer() || line->get<long long>() < 0 ||
            line->get<long long>() > std::numeric_limits<int>::max()) {
            return util::fail(where + R"( needs a non-negative integer "line")");
        }
        if (outcome.evidence.size() < k_max_evidence) {
            outcome.evidence.push_back(ProbeEvidence{cut(path->get<std::string>(), k_max_text),
                                                     line->get<int>(),
                                                     cut(text->get<std::string>(), k_max_text)});
        }
    }
    return outcome;
}

std::vector<ProbeOutcome> run_probes(catalog::Catalog& catalog, const content::Track& track,
                                     const content::Project& project, const std::filesystem::path& dir)
{
    std::vector<ProbeOutcome> outcomes;
    for (const auto& item : project.checklist) {
        if (!item.probe.empty()) {
            outcomes.push_back(ProbeOutcome{item.id, item.probe, ProbeStatus::unchecked, {}, {}});
        }
    }
    if (outcomes.empty()) {
        return outcomes;
    }
    auto files = ConfinedFiles::open(dir);
    if (!files) {
        throw util::Error(files.error(), util::ExitCode::bad_input);
    }
    const auto probe = probe_interface(catalog, track.info.id);
    if (!probe) {
        for (auto& outcome : outcomes) {
            outcome.note = probe.error();
        }
        return outcomes;
    }
    std::map<std::string, ProbeOutcome> by_probe; // a probe shared by several items runs once
    for (auto& outcome : outcomes) {
        auto it = by_probe.find(outcome.probe_id);
        if (it == by_probe.end()) {
            it = by_probe.emplace(outcome.probe_id, run_one(**probe, outcome.probe_id, *files)).first;
        }
        outcome.status = it->second.status;
        outcome.evidence = it->second.evidence;
        outcome.note = it->second.note;
    }
    return outcomes;
}

} // namespace cloudtrack::host::career
