// A value or an error, for fallible low-level functions ("values low, exceptions high": user-facing
// failures become util::Error only at the command layer).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace cloudtrack::util {

// The error side: a one-line, user-readable reason.
struct Failure {
    std::string message;
};

template <class T> class Expected {
public:
    Expected(T value) : m_state(std::move(value)) {}           // NOLINT(google-explicit-constructor)
    Expected(Failure failure) : m_state(std::move(failure)) {} // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const noexcept { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    [[nodiscard]] const std::string& error() const { return std::get<Failure>(m_state).message; }

private:
    std::variant<T, Failure> m_state;
};

inline Failure fail(std::string message)
{
    return Failure{std::move(message)};
}

} // namespace cloudtrack::util
