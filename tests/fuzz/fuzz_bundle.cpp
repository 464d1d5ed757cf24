// The parsers of a bundle's untrusted bytes: bundle.json (and its overlays, applied to a fixed
// small track), and minisign public key, secret key (unencrypted only: scrypt would dominate) and
// signature files, with every parsed signature verified against a fixed key.
#include "catalog/bundle.hpp"
#include "catalog/minisign.hpp"
#include "catalog/overlay.hpp"

#include <cstdint>
#include <string_view>

namespace {

constexpr std::string_view k_track = R"({
  "schema": "cloudtrack.track/1",
  "track": {"id": "fuzz", "name": "Fuzz", "version": "1.0.0", "vendor": "tests", "description": "d"},
  "metrics": [{"id": "m", "name": "M", "description": "d", "direction": "up"}],
  "levels": [{"id": "l0", "name": "L0", "description": "d"}, {"id": "l1", "name": "L1", "description": "d", "min_theta": 0}],
  "areas": [{"id": "a", "name": "A", "description": "d", "self_rating_prompt": "p"}],
  "items": [
    {"id": "sc", "area": "a", "type": "single_choice", "stem": "s", "explanation": "e", "difficulty": "easy",
     "references": [{"title": "t", "url": "https://example.org"}],
     "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"}, {"id": "b", "text": "y", "correct": false, "rationale": "r"}]},
    {"id": "tf", "area": "a", "type": "true_false", "stem": "s", "explanation": "e", "difficulty": "hard",
     "references": [{"title": "t", "url": "https://example.org"}],
     "options": [{"id": "true", "text": "True", "correct": true, "rationale": "r"}, {"id": "false", "text": "False", "correct": false, "rationale": "r"}]}
  ]
})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    namespace catalog = cloudtrack::host::catalog;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto manifest = catalog::parse_manifest(bytes, "/bundle"); manifest.ok()) {
        for (const auto& overlay : manifest->overlays) {
            (void)catalog::apply_overlay(k_track, overlay, nullptr, *manifest);
        }
    }
    static const auto key = catalog::minisign::generate_key_pair();
    (void)catalog::minisign::parse_public_key(bytes);
    (void)catalog::minisign::parse_secret_key(bytes, nullptr);
    if (const auto signature = catalog::minisign::parse_signature(bytes); signature.ok()) {
        auto forged = *signature;
        forged.key_id = key.public_key.key_id;
        (void)catalog::minisign::verify(key.public_key, forged, bytes);
    }
    return 0;
}
