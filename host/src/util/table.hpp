// Aligned plain-text tables for terminal output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cloudtrack::util {

class Table {
public:
    explicit Table(std::vector<std::string> headers) : m_headers(std::move(headers)) {}
    void add(std::vector<std::string> row) { m_rows.push_back(std::move(row)); }
    [[nodiscard]] bool empty() const { return m_rows.empty(); }
    // Columns padded to their widest cell, two spaces apart; the last column is not padded.
    void print(std::ostream& out) const;

private:
    std::vector<std::string> m_headers;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace cloudtrack::util
