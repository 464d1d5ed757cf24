// The devops track's code. Its content is in ../content; evidence probes are added with the
// portfolio checks.
#include <cloudtrack/plugin/track.hpp>

namespace {
class Track final : public cloudtrack::plugin::Track {};
} // namespace

CLOUDTRACK_TRACK(Track);
