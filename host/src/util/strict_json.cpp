#include "util/strict_json.hpp"

#include "util/json_error.hpp"

#include <optional>
#include <string>
#include <vector>

namespace cloudtrack::util {

namespace {

using nlohmann::json;

// A key as a JSON pointer token (RFC 6901): "~" and "/" escaped.
std::string escaped(const std::string& key)
{
    std::string token;
    for (const char c : key) {
        token += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
    }
    return token;
}

// Builds the document like nlohmann's own DOM parser, checking each key against the object it
// lands in and the depth of each container.
class StrictBuilder : public nlohmann::json_sax<json> {
public:
    explicit StrictBuilder(size_t max_depth) : m_max_depth(max_depth) {}

    bool null() override { return put(nullptr); }
    bool boolean(bool value) override { return put(value); }
    bool number_integer(number_integer_t value) override { return put(value); }
    bool number_unsigned(number_unsigned_t value) override { return put(value); }
    bool number_float(number_float_t value, const string_t& /*text*/) override { return put(value); }
    bool string(string_t& value) override { return put(value); }
    bool binary(binary_t& value) override { return put(json::binary(value)); }

    bool start_object(std::size_t /*size*/) override { return open(json::object()); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t /*size*/) override { return open(json::array()); }
    bool end_array() override { return close(); }

    bool key(string_t& value) override
    {
        auto& object = *m_stack.back().value;
        if (object.contains(value)) {
            m_problem = pointer() + ": duplicate key '" + value + "'";
            return false;
        }
        m_stack.back().key = value;
        return true;
    }

    bool parse_error(std::size_t /*position*/, const std::string& /*token*/,
                     const nlohmann::detail::exception& error) override
    {
        if (const auto* parse = dynamic_cast<const json::parse_error*>(&error)) {
            m_problem = invalid_json(*parse);
        } else {
            m_problem = std::string("invalid JSON: ") + error.what();
        }
        return false;
    }

    json& root() { return m_root; }
    [[nodiscard]] const std::optional<std::string>& problem() const { return m_problem; }

private:
    struct Frame {
        json* value;
        std::string key; // the pending key, in an object
    };

    [[nodiscard]] std::string pointer() const
    {
        std::string text;
        for (const auto& frame : m_stack) {
            if (frame.value->is_object() && &frame != &m_stack.back()) {
                text += "/" + escaped(frame.key);
            } else if (frame.value->is_array() && &frame != &m_stack.back()) {
                text += "/" + std::to_string(frame.value->size() - 1);
            }
        }
        return text.empty() ? "(root)" : text;
    }

    // Places a value where the parser is: the root, the end of an array, or under the pending key.
    json* place(json value)
    {
        if (m_stack.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        auto& parent = *m_stack.back().value;
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        auto& slot = parent[m_stack.back().key];
        slot = std::move(value);
        return &slot;
    }

    bool put(json value)
    {
        place(std::move(value));
        return true;
    }

    bool open(json container)
    {
        if (m_stack.size() >= m_max_depth) {
            m_problem = pointer() + ": nested deeper than " + std::to_string(m_max_depth) + " levels";
            return false;
        }
        m_stack.push_back({place(std::move(container)), {}});
        return true;
    }

    bool close()
    {
        m_stack.pop_back();
        return true;
    }

    size_t m_max_depth;
    json m_root;
    std::vector<Frame> m_stack;
    std::optional<std::string> m_problem;
};

} // namespace

Expected<nlohmann::json> parse_strict(std::string_view text, size_t max_depth)
{
    StrictBuilder builder(max_depth);
    const bool ok = json::sax_parse(text, &builder);
    if (!ok || builder.problem()) {
        return fail(builder.problem().value_or("invalid JSON"));
    }
    return std::move(builder.root());
}

} // namespace cloudtrack::util
