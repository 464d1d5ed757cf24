// The code of a track that ships only content: no hooks, just the entry.
#include <cloudtrack/plugin/track.hpp>

namespace {
class ContentOnlyTrack final : public cloudtrack::plugin::Track {};
} // namespace

CLOUDTRACK_TRACK(ContentOnlyTrack);
