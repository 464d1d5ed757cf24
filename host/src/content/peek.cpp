#include "content/peek.hpp"

#include "content/patterns.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace cloudtrack::content {

namespace {

// A cursor over the bytes; every step is bounds-checked, and a failure leaves `ok` false.
class Scanner {
public:
    explicit Scanner(std::string_view text) : m_text(text) {}

    [[nodiscard]] bool ok() const { return m_ok; }
    bool fail() { return m_ok = false; }

    void spaces()
    {
        while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\n' || m_text[m_at] == '\r' ||
                                        m_text[m_at] == '\t')) {
            ++m_at;
        }
    }

    // Consumes `c` after spaces.
    bool take(char c)
    {
        spaces();
        if (m_at < m_text.size() && m_text[m_at] == c) {
            ++m_at;
            return true;
        }
        return false;
    }

    [[nodiscard]] bool at(char c)
    {
        spaces();
        return m_at < m_text.size() && m_text[m_at] == c;
    }

    // A string, decoded; only the escapes a summary may hold (see peek.hpp).
    std::optional<std::string> string()
    {
        if (!take('"')) {
            fail();
            return std::nullopt;
        }
        std::string out;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '"') {
                return out;
            }
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_at == m_text.size()) {
                break;
            }
            switch (m_text[m_at++]) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            default: fail(); return std::nullopt;
            }
        }
        fail();
        return std::nullopt;
    }

    // Skips any value without looking inside: strings by their quotes and escapes, containers by
    // counting brackets (no recursion, so no depth to exhaust), scalars up to the next delimiter.
    void skip_value()
    {
        spaces();
        int depth = 0;
        while (m_at < m_text.size()) {
            const char c = m_text[m_at];
            if (c == '"') {
                skip_string();
            } else if (c == '{' || c == '[') {
                ++depth;
                ++m_at;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    return; // the end of the enclosing container: a scalar ended here
                }
                --depth;
                ++m_at;
            } else if (c == ',' && depth == 0) {
                return;
            } else {
                ++m_at;
            }
            if (depth == 0 && (c == '"' || c == '}' || c == ']')) {
                return;
            }
        }
        fail();
    }

    // An unsigned whole number up to 65535.
    std::optional<unsigned> small_number()
    {
        spaces();
        const auto start = m_at;
        unsigned value = 0;
        while (m_at < m_text.size() && m_text[m_at] >= '0' && m_text[m_at] <= '9' && m_at - start < 6) {
            value = value * 10 + static_cast<unsigned>(m_text[m_at++] - '0');
        }
        if (m_at == start || value > 65535 || (m_text[start] == '0' && m_at - start > 1)) {
            fail();
            return std::nullopt;
        }
        return value;
    }

private:
    void skip_string()
    {
        ++m_at; // the opening quote
        while (m_at < m_text.size()) {
            const char c = m_text[m_at++];
            if (c == '\\') {
                ++m_at;
            } else if (c == '"') {
                return;
            }
        }
        fail();
    }

    std::string_view m_text;
    std::size_t m_at = 0;
    bool m_ok = true;
};

// Valid UTF-8 without control characters (C0 other than newline and tab, DEL, C1): what the
// strict JSON reader lets into a track document.
bool clean_text(std::string_view text)
{
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
                return false;
            }
            ++i;
            continue;
        }
        const std::size_t length = c >= 0xc2 && c <= 0xdf   ? 2
                                   : c >= 0xe0 && c <= 0xef ? 3
                                   : c >= 0xf0 && c <= 0xf4 ? 4
                                                            : 0;
        if (length == 0 || i + length > text.size()) {
            return false;
        }
        std::uint32_t point = c & (0x7fU >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0U) != 0x80U) {
                return false;
            }
            point = (point << 6U) | (next & 0x3fU);
        }
        constexpr std::array<std::uint32_t, 5> least = {0, 0, 0x80, 0x800, 0x10000};
        if (point < least.at(length) || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff) ||
            (point >= 0x80 && point <= 0x9f)) {
            return false;
        }
        i += length;
    }
    return true;
}

// The `track` object: exactly the five summary strings, each as validate() wants it.
std::optional<TrackInfo> track_object(Scanner& s)
{
    if (!s.take('{')) {
        return std::nullopt;
    }
    TrackInfo info;
    unsigned seen = 0;
    while (s.ok() && !s.take('}')) {
        if (seen != 0 && !s.take(',')) {
            return std::nullopt;
        }
        const auto key = s.string();
        if (!key || !s.take(':')) {
            return std::nullopt;
        }
        auto value = s.string();
        if (!value || value->empty() || !clean_text(*value)) {
            return std::nullopt;
        }
        const std::array<std::pair<const char*, std::string*>, 5> fields = {
            {{"id", &info.id},
             {"name", &info.name},
             {"version", &info.version},
             {"vendor", &info.vendor},
             {"description", &info.description}}};
        unsigned bit = 1;
        bool known = false;
        for (const auto& [name, field] : fields) {
            if (*key == name && (seen & bit) == 0) {
                *field = std::move(*value);
                seen |= bit;
                known = true;
                break;
            }
            bit <<= 1U;
        }
        if (!known) {
            return std::nullopt; // unknown or repeated: validate() has the message
        }
    }
    if (!s.ok() || seen != 0x1fU || !is_id(info.id) || !is_semver(info.version)) {
        return std::nullopt;
    }
    return info;
}

// The `abi` object: {"major": N, "minor": N}, in either order.
std::optional<AbiVersion> abi_object(Scanner& s)
{
    if (!s.take('{')) {
        return std::nullopt;
    }
    std::optional<unsigned> major;
    std::optional<unsigned> minor;
    for (int i = 0; i < 2; ++i) {
        if (i == 1 && !s.take(',')) {
            return std::nullopt;
        }
        const auto key = s.string();
        if (!key || !s.take(':')) {
            return std::nullopt;
        }
        auto& slot = *key == "major" ? major : minor;
        if ((*key != "major" && *key != "minor") || slot) {
            return std::nullopt;
        }
        slot = s.small_number();
    }
    if (!s.take('}') || !s.ok() || !major || !minor) {
        return std::nullopt;
    }
    return AbiVersion{*major, *minor};
}

} // namespace

std::optional<TrackInfo> peek_info(std::string_view document)
{
    Scanner s(document);
    if (!s.take('{')) {
        return std::nullopt;
    }
    std::optional<TrackInfo> info;
    std::optional<AbiVersion> abi;
    bool abi_seen = false;
    bool first = true;
    while (s.ok() && !s.take('}')) {
        if (!first && !s.take(',')) {
            return std::nullopt;
        }
        first = false;
        const auto key = s.string();
        if (!key || !s.take(':')) {
            return std::nullopt;
        }
        if (*key == "track") {
            if (info) {
                return std::nullopt;
            }
            info = track_object(s);
            if (!info) {
                return std::nullopt;
            }
        } else if (*key == "abi") {
            if (abi_seen) {
                return std::nullopt;
            }
            abi_seen = true;
            abi = abi_object(s);
            if (!abi) {
                return std::nullopt;
            }
        } else {
            s.skip_value();
        }
    }
    if (!s.ok() || !info) {
        return std::nullopt;
    }
    info->abi = abi;
    return info;
}

} // namespace cloudtrack::content
