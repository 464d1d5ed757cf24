// Reading a JSON document that was parsed (util::parse_json) into a typed model, one field at a
// time, so the first missing or mistyped field is reported by its JSON pointer ("/areas/0/percent:
// expected a percent from 0 to 100") and nothing downstream reads a document by string key.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace cloudtrack::util {

// "<pointer>: expected <what>", thrown by the readers below. The pointer is relative to the
// document the first reader was made on.
class FieldError : public std::runtime_error {
public:
    FieldError(const std::string& pointer, const std::string& expected)
        : std::runtime_error(pointer + ": expected " + expected)
    {
    }
};

// The other direction, for to_json of a typed model: an optional field as its value, or null.
// The value keeps its C++ type, so the number printed (1 or 1.0) is the one the type gives.
template <class T> nlohmann::json value_or_null(const std::optional<T>& value)
{
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

class FieldReader;

// The elements of an array field, each with its pointer.
class ArrayReader {
public:
    ArrayReader(const nlohmann::json& value, std::string pointer);

    [[nodiscard]] size_t size() const { return m_value.size(); }
    [[nodiscard]] FieldReader object(size_t index) const;
    [[nodiscard]] std::string string(size_t index) const;
    [[nodiscard]] const nlohmann::json& value(size_t index) const { return m_value[index]; }

private:
    const nlohmann::json& m_value;
    std::string m_pointer;
};

// The fields of one JSON object. Throws FieldError when it is not an object.
class FieldReader {
public:
    FieldReader(const nlohmann::json& value, std::string pointer);

    [[nodiscard]] bool has(const char* key) const { return m_value.contains(key); }
    [[nodiscard]] bool is_null(const char* key) const;
    [[nodiscard]] std::string pointer(const char* key) const { return m_pointer + "/" + key; }

    [[nodiscard]] std::string string(const char* key) const;
    [[nodiscard]] double number(const char* key) const;
    // A finite number from `low` to `high`; `what` names the range in the error.
    [[nodiscard]] double number(const char* key, double low, double high, const char* what) const;
    [[nodiscard]] std::optional<double> optional_number(const char* key) const; // null or absent
    [[nodiscard]] std::uint64_t count(const char* key) const;                   // whole, 0 or more
    [[nodiscard]] std::int64_t integer(const char* key) const;
    [[nodiscard]] bool boolean(const char* key) const;
    // Any JSON value that is present (a response, a key): its shape depends on the item type.
    [[nodiscard]] const nlohmann::json& value(const char* key) const;
    [[nodiscard]] FieldReader object(const char* key) const;
    [[nodiscard]] ArrayReader array(const char* key) const;

private:
    [[nodiscard]] const nlohmann::json& field(const char* key, bool ok(const nlohmann::json&),
                                              const char* expected) const;

    const nlohmann::json& m_value;
    std::string m_pointer;
};

} // namespace cloudtrack::util
