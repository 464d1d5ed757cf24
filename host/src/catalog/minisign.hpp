// Ed25519 signatures in minisign's file formats (https://jedisct1.github.io/minisign/), through
// libsodium, so an organization can sign bundles with cloudtrack or with `minisign` itself:
//
//   public key file     "untrusted comment: ..." \n base64("Ed" keyid[8] pk[32])
//   secret key file     "untrusted comment: ..." \n base64("Ed" kdf[2] "B2" salt[32] opslimit[8]
//                       memlimit[8] | keyid[8] sk[64] checksum[32]), where the part after '|' is
//                       XORed with an scrypt stream when kdf is "Sc", and kdf is "\0\0" when the key
//                       is stored unencrypted (`minisign -G -W`)
//   signature file      "untrusted comment: ..." \n base64(alg[2] keyid[8] sig[64]) \n
//                       "trusted comment: TEXT" \n base64(global_sig[64])
//
// alg "ED" signs BLAKE2b-512 of the file (minisign >= 0.8's default); legacy "Ed" signs the raw
// file. global_sig signs sig[64] followed by TEXT, so the trusted comment cannot be altered.
#pragma once

#include "util/expected.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace cloudtrack::host::catalog::minisign {

using KeyId = std::array<unsigned char, 8>;

struct PublicKey {
    KeyId key_id{};
    std::array<unsigned char, 32> key{};
};

struct SecretKey {
    SecretKey() = default;
    SecretKey(const SecretKey&) = default;
    SecretKey& operator=(const SecretKey&) = default;
    SecretKey(SecretKey&&) = default;
    SecretKey& operator=(SecretKey&&) = default;
    ~SecretKey(); // wipes the key

    KeyId key_id{};
    std::array<unsigned char, 64> key{}; // libsodium's Ed25519 secret key: seed then public key
};

struct Signature {
    bool prehashed = true; // "ED": over BLAKE2b-512 of the message; "Ed": over the message itself
    KeyId key_id{};
    std::array<unsigned char, 64> signature{};
    std::string trusted_comment;
    std::array<unsigned char, 64> global_signature{};
};

enum class Verdict {
    ok,
    other_key,       // signed with a key whose id differs from the public key's
    invalid,         // the signature does not match the message
    invalid_comment, // the trusted comment was altered
};

// The key id as minisign prints it ("%" PRIX64 of the little-endian id, e.g. "BFE5E0FD6F0BFB4").
std::string to_string(const KeyId& key_id);

util::Expected<PublicKey> parse_public_key(std::string_view file_text);

// `password` is used only for encrypted keys; an encrypted key with no password fails with a
// message saying so, a wrong password with "wrong password".
util::Expected<SecretKey> parse_secret_key(std::string_view file_text, const std::string* password);

util::Expected<Signature> parse_signature(std::string_view file_text);

// The text of a prehashed ("ED") signature file for `message`.
std::string sign(const SecretKey& key, std::string_view message, std::string_view trusted_comment,
                 std::string_view untrusted_comment);

Verdict verify(const PublicKey& key, const Signature& signature, std::string_view message);

// A fresh key pair, and both as files in minisign's format (the secret key unencrypted, like
// `minisign -G -W`). For tests and tools; organizations may as well use `minisign -G`.
struct KeyPair {
    PublicKey public_key;
    SecretKey secret_key;
};
KeyPair generate_key_pair();
std::string format_public_key(const PublicKey& key);
std::string format_secret_key(const SecretKey& key);

} // namespace cloudtrack::host::catalog::minisign
