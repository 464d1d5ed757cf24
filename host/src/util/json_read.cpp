#include "util/json_read.hpp"

#include "util/json_error.hpp"

#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <simdjson.h>

namespace cloudtrack::util {

std::string pointer_token(std::string_view key)
{
    std::string out;
    out.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

namespace {

bool is_control(std::string_view text, std::size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
        return true;
    }
    // C1 controls U+0080..U+009F, encoded 0xC2 0x80..0x9F: CSI (U+009B) works like ESC [.
    return c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
           static_cast<unsigned char>(text[i + 1]) <= 0x9f;
}

// Builds the DOM like nlohmann's own SAX DOM parser, checking as it goes. Keeps the path to the
// current value (keys and indexes) for the pointer in an error.
template <class Json> class CheckedBuilder {
public:
    using number_integer_t = typename Json::number_integer_t;
    using number_unsigned_t = typename Json::number_unsigned_t;
    using number_float_t = typename Json::number_float_t;
    using string_t = typename Json::string_t;
    using binary_t = typename Json::binary_t;

    CheckedBuilder(Json& root, const JsonRules& rules) : m_root(root), m_rules(rules) {}

    bool null() { return put(Json(nullptr)); }
    bool boolean(bool value) { return put(Json(value)); }
    bool number_integer(number_integer_t value) { return put(Json(value)); }
    bool number_unsigned(number_unsigned_t value) { return put(Json(value)); }
    bool number_float(number_float_t value, const string_t& text)
    {
        if (!std::isfinite(value)) {
            return refuse("number " + text.substr(0, 40) + " is out of range", pointer_of_next());
        }
        return put(Json(value));
    }
    bool string(string_t& value)
    {
        if (const char* problem = text_problem(value)) {
            return refuse(problem, pointer_of_next());
        }
        return put(Json(std::move(value)));
    }
    bool binary(binary_t& /*value*/) { return refuse("binary values are not JSON", pointer()); }

    bool start_object(std::size_t /*size*/) { return open(Json::value_t::object); }
    bool key(string_t& key)
    {
        if (const char* problem = text_problem(key)) {
            return refuse(problem, pointer() + "/" + pointer_token(key));
        }
        // The member is made here, so that one lookup both refuses a duplicate and finds the slot.
        auto& members = m_stack.back()->template get_ref<typename Json::object_t&>();
        const auto [member, added] = members.emplace(key, Json());
        if (!added) {
            return refuse("duplicate key '" + key.substr(0, 64) + "'", pointer().empty() ? "/" : pointer());
        }
        m_slot = &member->second;
        m_key = std::move(key);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t /*size*/) { return open(Json::value_t::array); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t /*position*/, const std::string& token, const nlohmann::detail::exception& e)
    {
        if (dynamic_cast<const nlohmann::json::out_of_range*>(&e) != nullptr) { // 1e400: overflows a double
            m_error = "number " + token.substr(0, 40) + " is out of range at " + pointer_of_next();
            return false;
        }
        const auto* parse = dynamic_cast<const nlohmann::json::parse_error*>(&e);
        m_error = parse != nullptr ? invalid_json(*parse) : std::string("invalid JSON: ") + e.what();
        return false;
    }

    [[nodiscard]] const std::string& error() const { return m_error; }

private:
    bool refuse(const std::string& what, const std::string& where)
    {
        m_error = what + " at " + (where.empty() ? "/" : where);
        return false;
    }

    // Why `text` is refused, or nullptr. The pointer is built only for an error: built for every
    // string and key, it cost allocations by the hundred thousand on a large track (issue 13).
    [[nodiscard]] const char* text_problem(const string_t& text) const
    {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\0') {
                return "NUL character in a string";
            }
            if (m_rules.refuse_control_characters && is_control(text, i)) {
                return "control character in a string";
            }
        }
        return nullptr;
    }

    // Where the next value goes, as a pointer: the pending key, or the next array index.
    [[nodiscard]] std::string pointer_of_next() const
    {
        if (m_stack.empty()) {
            return "";
        }
        if (m_stack.back()->is_object()) {
            return pointer() + "/" + pointer_token(m_key);
        }
        return pointer() + "/" + std::to_string(m_stack.back()->size());
    }

    [[nodiscard]] std::string pointer() const
    {
        std::string out;
        for (const auto& token : m_path) {
            out += "/" + token;
        }
        return out;
    }

    Json* insert(Json&& value)
    {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        auto& parent = *m_stack.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        *m_slot = std::move(value);
        return m_slot;
    }

    bool put(Json&& value)
    {
        insert(std::move(value));
        return true;
    }

    bool open(typename Json::value_t type)
    {
        if (m_stack.size() >= m_rules.max_depth) {
            return refuse("nested deeper than " + std::to_string(m_rules.max_depth) + " levels",
                          pointer_of_next());
        }
        std::string token;
        if (!m_stack.empty()) {
            token =
                m_stack.back()->is_object() ? pointer_token(m_key) : std::to_string(m_stack.back()->size());
        }
        auto* child = insert(Json(type));
        if (!m_stack.empty()) {
            m_path.push_back(std::move(token));
        }
        m_stack.push_back(child);
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        if (!m_path.empty() && !m_stack.empty()) {
            m_path.pop_back();
        }
        return true;
    }

    Json& m_root;
    const JsonRules& m_rules;
    std::vector<Json*> m_stack;
    std::vector<std::string> m_path;
    string_t m_key;
    Json* m_slot = nullptr; // the member of the innermost object that the next value fills
    std::string m_error;
};

// The fast path: simdjson checks the syntax and the UTF-8 at gigabytes a second, and the DOM is
// then built from its parsed document under the same rules. It only ever accepts: a document it
// refuses, or one that breaks a rule here, is parsed again by CheckedBuilder, which names the
// problem, so errors read exactly as before and only honest documents take this path. The tree is
// the one CheckedBuilder builds, with one exception that changes no output: "-0" becomes an
// unsigned 0 rather than a signed one (both print "0").
template <class Json> class FastBuilder {
public:
    explicit FastBuilder(const JsonRules& rules) : m_rules(rules) {}

    // Recursive, to a depth of at most JsonRules::max_depth (64 by default): deeper is refused.
    // NOLINTNEXTLINE(misc-no-recursion)
    bool build(simdjson::dom::element element, Json& out, std::size_t depth) const
    {
        using Type = simdjson::dom::element_type;
        switch (element.type()) {
        case Type::ARRAY: {
            if (depth >= m_rules.max_depth) {
                return false;
            }
            out = Json::array();
            auto& values = out.template get_ref<typename Json::array_t&>();
            // Copied out of the simdjson_result (a reference into it would dangle past this
            // line): an array or object here is a small handle into the parser's tape.
            const simdjson::dom::array children = element.get_array().value_unsafe();
            for (const auto child : children) {
                values.emplace_back();
                if (!build(child, values.back(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        case Type::OBJECT: {
            if (depth >= m_rules.max_depth) {
                return false;
            }
            out = Json::object();
            auto& members = out.template get_ref<typename Json::object_t&>();
            const simdjson::dom::object fields = element.get_object().value_unsafe();
            for (const auto field : fields) {
                if (!acceptable(field.key)) {
                    return false;
                }
                const auto [member, added] = members.emplace(std::string(field.key), Json());
                if (!added || !build(field.value, member->second, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        case Type::STRING: {
            const auto text = element.get_string().value_unsafe();
            if (!acceptable(text)) {
                return false;
            }
            out = typename Json::string_t(text);
            return true;
        }
        case Type::INT64: {
            const auto value = element.get_int64().value_unsafe();
            if (value >= 0) { // nlohmann keeps every non-negative integer unsigned
                out = static_cast<typename Json::number_unsigned_t>(value);
            } else {
                out = static_cast<typename Json::number_integer_t>(value);
            }
            return true;
        }
        case Type::UINT64:
            out = static_cast<typename Json::number_unsigned_t>(element.get_uint64().value_unsafe());
            return true;
        case Type::DOUBLE:
            out = static_cast<typename Json::number_float_t>(element.get_double().value_unsafe());
            return true;
        case Type::BOOL: out = element.get_bool().value_unsafe(); return true;
        case Type::NULL_VALUE: out = nullptr; return true;
        }
        return false;
    }

private:
    // The string rules of CheckedBuilder::text_problem, as a verdict only.
    [[nodiscard]] bool acceptable(std::string_view text) const
    {
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\0' || (m_rules.refuse_control_characters && is_control(text, i))) {
                return false;
            }
        }
        return true;
    }

    const JsonRules& m_rules;
};

// Parses `text` with simdjson and hands the root to `use`, which says what to return. A parser
// keeps its buffers for the next document, which is what makes thousands of small files quick;
// one sized for a document of many megabytes is not kept.
template <class Use> auto with_simdjson(std::string_view text, Use use)
{
    constexpr std::size_t k_kept_capacity = 4U << 20U;
    thread_local simdjson::dom::parser kept;
    std::unique_ptr<simdjson::dom::parser> own;
    auto* parser = &kept;
    if (text.size() > k_kept_capacity) {
        own = std::make_unique<simdjson::dom::parser>();
        parser = own.get();
    }
    return use(parser->parse(text.data(), text.size(), /*realloc_if_needed=*/true));
}

// The document as a tree by the fast path, or nothing when only the checking parser can say.
template <class Json> std::optional<Json> parse_fast(std::string_view text, const JsonRules& rules)
{
    return with_simdjson(
        text, [&](const simdjson::simdjson_result<simdjson::dom::element>& parsed) -> std::optional<Json> {
            Json root;
            if (parsed.error() != simdjson::SUCCESS ||
                !FastBuilder<Json>(rules).build(parsed.value_unsafe(), root, 0)) {
                return std::nullopt;
            }
            return root;
        });
}

template <class Json> Expected<Json> parse_checked(std::string_view text, const JsonRules& rules)
{
    Json root;
    CheckedBuilder<Json> builder(root, rules);
    if (!Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                         /*strict=*/true, rules.allow_comments)) {
        return fail(builder.error().empty() ? std::string("invalid JSON") : builder.error());
    }
    return root;
}

} // namespace

bool is_json_text(std::string_view text)
{
    const bool fast =
        with_simdjson(text, [](const simdjson::simdjson_result<simdjson::dom::element>& parsed) {
            return parsed.error() == simdjson::SUCCESS;
        });
    return fast || nlohmann::json::accept(text);
}

Expected<nlohmann::json> detail::parse_json_checked(std::string_view text, JsonRules rules)
{
    return parse_checked<nlohmann::json>(text, rules);
}

Expected<nlohmann::json> parse_json(std::string_view text, JsonRules rules)
{
    if (auto fast = parse_fast<nlohmann::json>(text, rules)) {
        return std::move(*fast);
    }
    return parse_checked<nlohmann::json>(text, rules);
}

Expected<nlohmann::ordered_json> parse_ordered_json(std::string_view text, JsonRules rules)
{
    if (auto fast = parse_fast<nlohmann::ordered_json>(text, rules)) {
        return std::move(*fast);
    }
    return parse_checked<nlohmann::ordered_json>(text, rules);
}

} // namespace cloudtrack::util
