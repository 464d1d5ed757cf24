// The strict reader's two paths agree: whatever parse_json reads through simdjson, the checking
// parser alone reads to the same value, and whatever either refuses is refused with the same
// message. A disagreement aborts, which libFuzzer reports as a crash.
#include "util/json_read.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

void agree(std::string_view text, cloudtrack::util::JsonRules rules)
{
    const auto fast = cloudtrack::util::parse_json(text, rules);
    const auto checked = cloudtrack::util::detail::parse_json_checked(text, rules);
    if (fast.ok() != checked.ok()) {
        std::abort();
    }
    if (fast.ok() ? fast->dump() != checked->dump() : fast.error() != checked.error()) {
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    agree(text, {});
    agree(text, {.max_depth = 8, .refuse_control_characters = true});
    return 0;
}
