// The parsers of a bundle's untrusted bytes: bundle.json (and its overlays, applied to a fixed
// small track), and minisign public key, secret key (unencrypted only: scrypt would dominate) and
// signature files, with every parsed signature verified against a fixed key.
#include "catalog/bundle.hpp"
#include "catalog/minisign.hpp"
#include "catalog/overlay.hpp"
#include "fuzz_track.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    namespace catalog = cloudtrack::host::catalog;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto manifest = catalog::parse_manifest(bytes, "/bundle"); manifest.ok()) {
        for (const auto& overlay : manifest->overlays) {
            (void)catalog::apply_overlay(cloudtrack::fuzz::k_track, overlay, nullptr, *manifest);
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
