// Ed25519 signatures in minisign's formats: key and signature files round trip, prehashed and
// legacy signatures verify, tampering and other keys are told apart, and scrypt-encrypted secret
// keys open with the right password only. Interoperability with the `minisign` program itself is
// tested from the command line (tests/cli/test_bundle_cli.cpp).
#include "catalog/minisign.hpp"

#include <catch2/catch.hpp>
#include <sodium.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {
namespace minisign = cloudtrack::host::catalog::minisign;
using Catch::Matchers::Contains;
} // namespace

TEST_CASE("minisign signatures round trip, and any tampering is caught", "[bundle]")
{
    const auto keys = minisign::generate_key_pair();
    const auto public_key = minisign::parse_public_key(minisign::format_public_key(keys.public_key));
    REQUIRE(public_key.ok());
    CHECK(public_key->key == keys.public_key.key);
    const auto secret_key = minisign::parse_secret_key(minisign::format_secret_key(keys.secret_key), nullptr);
    REQUIRE(secret_key.ok());
    CHECK(secret_key->key == keys.secret_key.key);

    const std::string message = "{\"schema\": \"cloudtrack.bundle/1\"}\n";
    const auto text = minisign::sign(*secret_key, message, "timestamp:1\tfile:bundle.json", "test");
    auto signature = minisign::parse_signature(text);
    REQUIRE(signature.ok());
    CHECK(signature->prehashed);
    CHECK(signature->trusted_comment == "timestamp:1\tfile:bundle.json");
    CHECK(minisign::verify(*public_key, *signature, message) == minisign::Verdict::ok);
    CHECK(minisign::verify(*public_key, *signature, message + " ") == minisign::Verdict::invalid);
    auto altered = *signature;
    altered.trusted_comment += "x";
    CHECK(minisign::verify(*public_key, altered, message) == minisign::Verdict::invalid_comment);
    const auto other = minisign::generate_key_pair();
    CHECK(minisign::verify(other.public_key, *signature, message) == minisign::Verdict::other_key);

    // Legacy "Ed" signatures sign the message itself.
    auto legacy = *signature;
    legacy.prehashed = false;
    crypto_sign_detached(legacy.signature.data(), nullptr,
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         keys.secret_key.key.data());
    std::vector<unsigned char> signed_comment(legacy.signature.begin(), legacy.signature.end());
    signed_comment.insert(signed_comment.end(), legacy.trusted_comment.begin(), legacy.trusted_comment.end());
    crypto_sign_detached(legacy.global_signature.data(), nullptr, signed_comment.data(),
                         signed_comment.size(), keys.secret_key.key.data());
    CHECK(minisign::verify(*public_key, legacy, message) == minisign::Verdict::ok);

    CHECK_FALSE(minisign::parse_signature("untrusted comment: x\nnot base64\n").ok());
    CHECK_FALSE(minisign::parse_public_key("untrusted comment: x\nRWQ=\n").ok());
}

TEST_CASE("scrypt-encrypted secret keys open with the right password only", "[bundle]")
{
    // Encrypt a key as `minisign -G` does, with the smallest scrypt limits to keep the test fast.
    const auto keys = minisign::generate_key_pair();
    const auto plain = minisign::format_secret_key(keys.secret_key);
    const auto line = plain.substr(plain.find('\n') + 1, plain.size() - plain.find('\n') - 2);
    std::vector<unsigned char> bytes(158);
    size_t length = 0;
    REQUIRE(sodium_base642bin(bytes.data(), bytes.size(), line.data(), line.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL) == 0);
    REQUIRE(length == bytes.size());
    bytes[2] = 'S';
    bytes[3] = 'c';
    randombytes_buf(bytes.data() + 6, 32);
    const std::uint64_t ops = crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN;
    const std::uint64_t mem = crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN;
    for (size_t i = 0; i < 8; ++i) {
        bytes[38 + i] = static_cast<unsigned char>(ops >> (8 * i));
        bytes[46 + i] = static_cast<unsigned char>(mem >> (8 * i));
    }
    const std::string password = "correct horse";
    std::vector<unsigned char> stream(104);
    REQUIRE(crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password.data(), password.size(),
                                               bytes.data() + 6, ops, mem) == 0);
    for (size_t i = 0; i < stream.size(); ++i) {
        bytes[54 + i] ^= stream[i];
    }
    std::string encoded(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(encoded.data(), encoded.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_ORIGINAL);
    const auto file =
        "untrusted comment: minisign encrypted secret key\n" + std::string(encoded.c_str()) + "\n";

    const auto opened = minisign::parse_secret_key(file, &password);
    REQUIRE(opened.ok());
    CHECK(opened->key == keys.secret_key.key);
    const std::string wrong = "battery staple";
    const auto refused = minisign::parse_secret_key(file, &wrong);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error() == "wrong password for the secret key");
    const auto locked = minisign::parse_secret_key(file, nullptr);
    REQUIRE_FALSE(locked.ok());
    CHECK_THAT(locked.error(), Contains("CLOUDTRACK_KEY_PASSWORD"));
}
