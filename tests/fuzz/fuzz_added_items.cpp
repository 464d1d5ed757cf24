// An overlay's added-items file (an organization's own questions), parsed and applied to a fixed
// small track through an overlay that adds them.
#include "catalog/bundle.hpp"
#include "catalog/overlay.hpp"
#include "fuzz_track.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    namespace catalog = cloudtrack::host::catalog;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto added = catalog::parse_added_items(bytes, "/bundle/overlays/items.json");
    if (!added.ok()) {
        return 0;
    }
    static const auto manifest = catalog::parse_manifest(
        R"({"schema": "cloudtrack.bundle/1", "organization": {"id": "fuzz"}, "plugins": [],
            "overlays": {"fuzz": {"add_items": "overlays/items.json",
                                  "add_items_sha256": "0000000000000000000000000000000000000000000000000000000000000000"}}})",
        "/bundle");
    if (manifest.ok()) {
        for (const auto& overlay : manifest->overlays) {
            (void)catalog::apply_overlay(cloudtrack::fuzz::k_track, overlay, &*added, *manifest);
        }
    }
    return 0;
}
