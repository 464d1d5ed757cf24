#include "util/json_fields.hpp"

#include <cmath>

namespace cloudtrack::util {

using nlohmann::json;

namespace {

bool is_string(const json& v)
{
    return v.is_string();
}
bool is_number(const json& v)
{
    return v.is_number() && std::isfinite(v.get<double>());
}
// Text parses non-negative integers as unsigned; a document built in memory may hold them signed.
bool is_count(const json& v)
{
    return v.is_number_unsigned() || (v.is_number_integer() && v.get<std::int64_t>() >= 0);
}
bool is_integer(const json& v)
{
    return v.is_number_integer();
}
bool is_boolean(const json& v)
{
    return v.is_boolean();
}
bool is_object(const json& v)
{
    return v.is_object();
}
bool is_array(const json& v)
{
    return v.is_array();
}
bool is_present(const json& /*v*/)
{
    return true;
}

} // namespace

ArrayReader::ArrayReader(const json& value, std::string pointer)
    : m_value(value), m_pointer(std::move(pointer))
{
    if (!value.is_array()) {
        throw FieldError(m_pointer, "an array");
    }
}

FieldReader ArrayReader::object(size_t index) const
{
    return {m_value[index], m_pointer + "/" + std::to_string(index)};
}

std::string ArrayReader::string(size_t index) const
{
    if (!m_value[index].is_string()) {
        throw FieldError(m_pointer + "/" + std::to_string(index), "a string");
    }
    return m_value[index].get<std::string>();
}

FieldReader::FieldReader(const json& value, std::string pointer)
    : m_value(value), m_pointer(std::move(pointer))
{
    if (!value.is_object()) {
        throw FieldError(m_pointer.empty() ? "(root)" : m_pointer, "an object");
    }
}

const json& FieldReader::field(const char* key, bool ok(const json&), const char* expected) const
{
    const auto it = m_value.find(key);
    if (it == m_value.end() || !ok(*it)) {
        throw FieldError(pointer(key), expected);
    }
    return *it;
}

bool FieldReader::is_null(const char* key) const
{
    const auto it = m_value.find(key);
    return it == m_value.end() || it->is_null();
}

std::string FieldReader::string(const char* key) const
{
    return field(key, is_string, "a string").get<std::string>();
}

double FieldReader::number(const char* key) const
{
    return field(key, is_number, "a number").get<double>();
}

double FieldReader::number(const char* key, double low, double high, const char* what) const
{
    const auto value = field(key, is_number, what).get<double>();
    if (value < low || value > high) {
        throw FieldError(pointer(key), what);
    }
    return value;
}

std::optional<double> FieldReader::optional_number(const char* key) const
{
    if (is_null(key)) {
        return std::nullopt;
    }
    return number(key);
}

std::uint64_t FieldReader::count(const char* key) const
{
    return field(key, is_count, "a whole number, 0 or more").get<std::uint64_t>();
}

std::int64_t FieldReader::integer(const char* key) const
{
    const auto& value = field(key, is_integer, "a whole number");
    if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) {
        throw FieldError(pointer(key), "a whole number");
    }
    return value.get<std::int64_t>();
}

bool FieldReader::boolean(const char* key) const
{
    return field(key, is_boolean, "true or false").get<bool>();
}

const json& FieldReader::value(const char* key) const
{
    return field(key, is_present, "a value");
}

FieldReader FieldReader::object(const char* key) const
{
    return {field(key, is_object, "an object"), pointer(key)};
}

ArrayReader FieldReader::array(const char* key) const
{
    return {field(key, is_array, "an array"), pointer(key)};
}

} // namespace cloudtrack::util
