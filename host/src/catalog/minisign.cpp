#include "catalog/minisign.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace cloudtrack::host::catalog::minisign {

namespace {

constexpr std::string_view k_untrusted_prefix = "untrusted comment: ";
constexpr std::string_view k_trusted_prefix = "trusted comment: ";

// The layout of the decoded secret key file, in minisign's order.
constexpr size_t k_alg = 2;
constexpr size_t k_salt = 32;
constexpr size_t k_limit = 8;
constexpr size_t k_keynum = 8;
constexpr size_t k_secret = 64;
constexpr size_t k_checksum = 32;
constexpr size_t k_encrypted_part = k_keynum + k_secret + k_checksum;
constexpr size_t k_secret_file_size = 3 * k_alg + k_salt + 2 * k_limit + k_encrypted_part;
constexpr size_t k_public_file_size = k_alg + k_keynum + 32;
constexpr size_t k_signature_size = k_alg + k_keynum + 64;

void init_sodium()
{
    // Idempotent and thread-safe; picks the fastest implementations and seeds the RNG.
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium cannot be initialized");
    }
}

std::vector<std::string_view> lines_of(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const auto end = text.find('\n');
        auto line = text.substr(0, end);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        lines.push_back(line);
        if (end == std::string_view::npos) {
            break;
        }
        text.remove_prefix(end + 1);
    }
    return lines;
}

bool starts_with(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

// Decodes standard base64 (with padding) into exactly `size` bytes.
bool decode(std::string_view base64, size_t size, std::vector<unsigned char>& out)
{
    while (!base64.empty() && (base64.back() == ' ' || base64.back() == '\t')) {
        base64.remove_suffix(1);
    }
    out.assign(size + 1, 0); // one spare byte, so that longer input is told apart
    size_t length = 0;
    if (sodium_base642bin(out.data(), out.size(), base64.data(), base64.size(), nullptr, &length, nullptr,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        length != size) {
        return false;
    }
    out.resize(size);
    return true;
}

std::string encode(const unsigned char* bytes, size_t size)
{
    std::string text(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
    text.resize(std::strlen(text.c_str()));
    return text;
}

std::string one_line(std::string_view text)
{
    std::string line(text);
    std::replace(line.begin(), line.end(), '\n', ' ');
    std::replace(line.begin(), line.end(), '\r', ' ');
    return line;
}

std::uint64_t le64(const unsigned char* bytes)
{
    std::uint64_t value = 0;
    for (size_t i = 0; i < 8; ++i) {
        value |= std::uint64_t{bytes[i]} << (8 * i);
    }
    return value;
}

// BLAKE2b-256 of "Ed" || key id || secret key, minisign's check of a decrypted key.
std::array<unsigned char, k_checksum> checksum(const SecretKey& key)
{
    std::array<unsigned char, k_checksum> out{};
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, out.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>("Ed"), k_alg);
    crypto_generichash_update(&state, key.key_id.data(), key.key_id.size());
    crypto_generichash_update(&state, key.key.data(), key.key.size());
    crypto_generichash_final(&state, out.data(), out.size());
    return out;
}

// The secret key's second half must be the public key of its first half (the seed).
bool consistent(const SecretKey& key)
{
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
    std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
    crypto_sign_seed_keypair(pk.data(), sk.data(), key.key.data());
    const bool same = sodium_memcmp(sk.data(), key.key.data(), sk.size()) == 0;
    sodium_memzero(sk.data(), sk.size());
    return same;
}

std::array<unsigned char, crypto_generichash_BYTES_MAX> prehash(std::string_view message)
{
    std::array<unsigned char, crypto_generichash_BYTES_MAX> digest{};
    crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), nullptr, 0);
    return digest;
}

} // namespace

SecretKey::~SecretKey()
{
    sodium_memzero(key.data(), key.size());
}

std::string to_string(const KeyId& key_id)
{
    constexpr std::string_view k_digits = "0123456789ABCDEF";
    auto value = le64(key_id.data());
    std::string hex;
    do {
        hex.insert(hex.begin(), k_digits[value & 0x0f]);
        value >>= 4;
    } while (value != 0);
    return hex;
}

util::Expected<PublicKey> parse_public_key(std::string_view file_text)
{
    init_sodium();
    const auto lines = lines_of(file_text);
    // A key file has a comment line first; a bare key string (as given to `minisign -P`) has not.
    const size_t at = !lines.empty() && starts_with(lines[0], "untrusted comment:") ? 1 : 0;
    std::vector<unsigned char> bytes;
    if (lines.size() <= at || !decode(lines[at], k_public_file_size, bytes)) {
        return util::fail("not a minisign public key (expected a comment line and a base64 key)");
    }
    if (std::memcmp(bytes.data(), "Ed", k_alg) != 0) {
        return util::fail("unsupported public key algorithm (only Ed25519, \"Ed\")");
    }
    PublicKey key;
    std::memcpy(key.key_id.data(), bytes.data() + k_alg, k_keynum);
    std::memcpy(key.key.data(), bytes.data() + k_alg + k_keynum, key.key.size());
    return key;
}

util::Expected<SecretKey> parse_secret_key(std::string_view file_text, const std::string* password)
{
    init_sodium();
    const auto lines = lines_of(file_text);
    std::vector<unsigned char> bytes;
    if (lines.size() < 2 || !starts_with(lines[0], k_untrusted_prefix) ||
        !decode(lines[1], k_secret_file_size, bytes)) {
        return util::fail("not a minisign secret key (expected a comment line and a base64 key)");
    }
    const unsigned char* kdf = bytes.data() + k_alg;
    if (std::memcmp(bytes.data(), "Ed", k_alg) != 0 || std::memcmp(kdf + k_alg, "B2", k_alg) != 0) {
        return util::fail("unsupported secret key (only Ed25519 keys with a BLAKE2b checksum)");
    }
    const unsigned char* salt = kdf + 2 * k_alg;
    unsigned char* part = bytes.data() + 3 * k_alg + k_salt + 2 * k_limit;
    const bool encrypted = std::memcmp(kdf, "Sc", k_alg) == 0;
    if (!encrypted && std::memcmp(kdf, "\0\0", k_alg) != 0) {
        return util::fail("unsupported key derivation function in the secret key");
    }
    if (encrypted) {
        if (password == nullptr) {
            return util::fail("the secret key is encrypted: set CLOUDTRACK_KEY_PASSWORD to its password");
        }
        std::array<unsigned char, k_encrypted_part> stream{};
        if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), password->data(),
                                               password->size(), salt, le64(salt + k_salt),
                                               le64(salt + k_salt + k_limit)) != 0) {
            return util::fail("cannot derive the key from the password (out of memory?)");
        }
        for (size_t i = 0; i < stream.size(); ++i) {
            part[i] ^= stream[i];
        }
        sodium_memzero(stream.data(), stream.size());
    }
    SecretKey key;
    std::memcpy(key.key_id.data(), part, k_keynum);
    std::memcpy(key.key.data(), part + k_keynum, k_secret);
    const unsigned char* stored = part + k_keynum + k_secret;
    const auto computed = checksum(key);
    // `minisign -W` (0.11) leaves the checksum of an unencrypted key zeroed; an encrypted key's
    // checksum is what tells a wrong password.
    const bool zero = std::all_of(stored, stored + k_checksum, [](unsigned char c) { return c == 0; });
    const bool checksum_ok = sodium_memcmp(stored, computed.data(), k_checksum) == 0 || (!encrypted && zero);
    sodium_memzero(bytes.data(), bytes.size());
    if (!checksum_ok || !consistent(key)) {
        return util::fail(encrypted ? "wrong password for the secret key" : "the secret key is corrupt");
    }
    return key;
}

util::Expected<Signature> parse_signature(std::string_view file_text)
{
    init_sodium();
    const auto lines = lines_of(file_text);
    std::vector<unsigned char> sig;
    std::vector<unsigned char> global;
    if (lines.size() < 4 || !starts_with(lines[0], k_untrusted_prefix) ||
        !starts_with(lines[2], k_trusted_prefix) || !decode(lines[1], k_signature_size, sig) ||
        !decode(lines[3], 64, global)) {
        return util::fail("not a minisign signature (expected four lines: untrusted comment, signature, "
                          "trusted comment, global signature)");
    }
    Signature signature;
    if (std::memcmp(sig.data(), "ED", k_alg) == 0) {
        signature.prehashed = true;
    } else if (std::memcmp(sig.data(), "Ed", k_alg) == 0) {
        signature.prehashed = false;
    } else {
        return util::fail(R"(unsupported signature algorithm (only Ed25519, "ED" or legacy "Ed"))");
    }
    std::memcpy(signature.key_id.data(), sig.data() + k_alg, k_keynum);
    std::memcpy(signature.signature.data(), sig.data() + k_alg + k_keynum, signature.signature.size());
    signature.trusted_comment = std::string(lines[2].substr(k_trusted_prefix.size()));
    std::memcpy(signature.global_signature.data(), global.data(), global.size());
    return signature;
}

std::string sign(const SecretKey& key, std::string_view message, std::string_view trusted_comment,
                 std::string_view untrusted_comment)
{
    init_sodium();
    const auto digest = prehash(message);
    std::array<unsigned char, k_signature_size> sig{'E', 'D'};
    std::memcpy(sig.data() + k_alg, key.key_id.data(), k_keynum);
    crypto_sign_detached(sig.data() + k_alg + k_keynum, nullptr, digest.data(), digest.size(),
                         key.key.data());
    const auto comment = one_line(trusted_comment);
    std::vector<unsigned char> signed_comment(sig.begin() + k_alg + k_keynum, sig.end());
    signed_comment.insert(signed_comment.end(), comment.begin(), comment.end());
    std::array<unsigned char, 64> global{};
    crypto_sign_detached(global.data(), nullptr, signed_comment.data(), signed_comment.size(),
                         key.key.data());
    return std::string(k_untrusted_prefix) + one_line(untrusted_comment) + "\n" +
           encode(sig.data(), sig.size()) + "\n" + std::string(k_trusted_prefix) + comment + "\n" +
           encode(global.data(), global.size()) + "\n";
}

Verdict verify(const PublicKey& key, const Signature& signature, std::string_view message)
{
    init_sodium();
    if (signature.key_id != key.key_id) {
        return Verdict::other_key;
    }
    int status = 0;
    if (signature.prehashed) {
        const auto digest = prehash(message);
        status = crypto_sign_verify_detached(signature.signature.data(), digest.data(), digest.size(),
                                             key.key.data());
    } else {
        status = crypto_sign_verify_detached(signature.signature.data(),
                                             reinterpret_cast<const unsigned char*>(message.data()),
                                             message.size(), key.key.data());
    }
    if (status != 0) {
        return Verdict::invalid;
    }
    std::vector<unsigned char> signed_comment(signature.signature.begin(), signature.signature.end());
    signed_comment.insert(signed_comment.end(), signature.trusted_comment.begin(),
                          signature.trusted_comment.end());
    if (crypto_sign_verify_detached(signature.global_signature.data(), signed_comment.data(),
                                    signed_comment.size(), key.key.data()) != 0) {
        return Verdict::invalid_comment;
    }
    return Verdict::ok;
}

KeyPair generate_key_pair()
{
    init_sodium();
    KeyPair pair;
    randombytes_buf(pair.secret_key.key_id.data(), pair.secret_key.key_id.size());
    crypto_sign_keypair(pair.public_key.key.data(), pair.secret_key.key.data());
    pair.public_key.key_id = pair.secret_key.key_id;
    return pair;
}

std::string format_public_key(const PublicKey& key)
{
    std::array<unsigned char, k_public_file_size> bytes{'E', 'd'};
    std::memcpy(bytes.data() + k_alg, key.key_id.data(), k_keynum);
    std::memcpy(bytes.data() + k_alg + k_keynum, key.key.data(), key.key.size());
    return std::string(k_untrusted_prefix) + "minisign public key " + to_string(key.key_id) + "\n" +
           encode(bytes.data(), bytes.size()) + "\n";
}

std::string format_secret_key(const SecretKey& key)
{
    std::array<unsigned char, k_secret_file_size> bytes{'E', 'd', 0, 0, 'B', '2'};
    unsigned char* part = bytes.data() + 3 * k_alg + k_salt + 2 * k_limit;
    std::memcpy(part, key.key_id.data(), k_keynum);
    std::memcpy(part + k_keynum, key.key.data(), k_secret);
    const auto sum = checksum(key);
    std::memcpy(part + k_keynum + k_secret, sum.data(), sum.size());
    auto text = std::string(k_untrusted_prefix) + "minisign secret key (unencrypted)\n" +
                encode(bytes.data(), bytes.size()) + "\n";
    sodium_memzero(bytes.data(), bytes.size());
    return text;
}

} // namespace cloudtrack::host::catalog::minisign
