// The track document parser and validator, and the model built from a valid document.
#include "content/parse.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    const auto checked =
        cloudtrack::content::check(std::string_view(reinterpret_cast<const char*>(data), size));
    if (checked.track) {
        // Exercise the model's lookups on whatever the validator let through.
        for (const auto& item : checked.track->items) {
            (void)checked.track->find_area(item.area);
        }
        (void)checked.track->level_at(0.0);
    }
    return 0;
}
