#include "util/table.hpp"

#include "util/term.hpp"

#include <algorithm>

namespace cloudtrack::util {

void Table::print(std::ostream& out) const
{
    std::vector<size_t> widths(m_headers.size(), 0);
    const auto measure = [&](const std::vector<std::string>& row) {
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(m_headers);
    for (const auto& row : m_rows) {
        measure(row);
    }
    const auto emit = [&](const std::vector<std::string>& row) {
        std::string line;
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line.append(widths[i] - display_width(row[i]) + 2, ' ');
            }
        }
        out << line << '\n';
    };
    emit(m_headers);
    for (const auto& row : m_rows) {
        emit(row);
    }
}

} // namespace cloudtrack::util
