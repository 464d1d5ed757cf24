// The template's code: an init hook that logs through the host, and one evidence probe.
#include <cloudtrack/plugin/track.hpp>

namespace {

using cloudtrack::plugin::Files;
using cloudtrack::plugin::ProbeResult;

class TemplateTrack final : public cloudtrack::plugin::Track {
public:
    void init(const cloudtrack::plugin::Host& host) override { host.info("template track ready"); }

    bool has_probes() const override { return true; }

    ProbeResult run_probe(std::string_view probe_id, const Files& files) override
    {
        if (probe_id != "readme_present") {
            return Track::run_probe(probe_id, files); // throws UnknownProbe
        }
        ProbeResult result;
        for (const auto& path : files.list()) {
            if (path == "README.md") {
                result.verified = true;
                result.evidence.push_back({path, 1, "README.md present"});
            }
        }
        result.note = result.verified ? "found README.md" : "no README.md at the root";
        return result;
    }
};

} // namespace

CLOUDTRACK_TRACK(TemplateTrack);
