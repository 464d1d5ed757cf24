// A track whose author marked helpers visible and skipped the SDK's version script: they leak
// into the dynamic symbol table next to the entry, where another plugin's or the host's symbols
// could collide with them. It also calls strlen, an undefined symbol the lint must not report.
#include <cloudtrack/plugin/track.hpp>

#include <cstring>

namespace {
class LeakyTrack final : public cloudtrack::plugin::Track {};
} // namespace

extern "C" {
__attribute__((visibility("default"))) int cloudtrack_leaked_counter = 0;
__attribute__((visibility("default"))) size_t cloudtrack_leaked_length(const char* text);
}
size_t cloudtrack_leaked_length(const char* text)
{
    return std::strlen(text) + static_cast<size_t>(cloudtrack_leaked_counter);
}

namespace leaky {
__attribute__((visibility("default"))) int helper(int value);
int helper(int value)
{
    return value + 1;
}
} // namespace leaky

CLOUDTRACK_TRACK(LeakyTrack);
