// Finding IAM grants of Action "*" or Resource "*" in policy documents written as JSON, Terraform
// (HCL statement blocks, jsonencode, heredocs) or CloudFormation YAML, line by line, including
// lists written one item per line. A wildcard inside a Deny statement grants nothing (SCPs and
// guardrail policies deny on Resource "*" by design), so it is not reported.
#pragma once

#include <cloudtrack/plugin/probes.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace security {

namespace probes = cloudtrack::plugin::probes;

// The text of the statement enclosing `offset`: the innermost {...} around it, or, in YAML
// without braces, the list item ("- Effect: ...") around it.
inline std::string_view enclosing_statement(std::string_view text, std::size_t offset)
{
    int depth = 0;
    for (std::size_t i = offset; i-- > 0;) {
        if (text[i] == '}') {
            ++depth;
        } else if (text[i] == '{' && depth-- == 0) {
            std::size_t end = i + 1;
            for (int open = 1; end < text.size() && open > 0; ++end) {
                open += text[end] == '{' ? 1 : text[end] == '}' ? -1 : 0;
            }
            return text.substr(i, end - i);
        }
    }
    // YAML: the nearest "- " item above the line and less indented than it, down to the first
    // later line that is not more indented than the item.
    std::vector<std::string_view> lines;
    probes::for_each_line(text, [&](int, std::string_view line) {
        lines.push_back(line);
        return true;
    });
    const auto start_of = [&](std::size_t i) {
        return static_cast<std::size_t>(lines[i].data() - text.data());
    };
    const auto indent_of = [](std::string_view line) { return line.find_first_not_of(' '); };
    std::size_t own = 0;
    while (own + 1 < lines.size() && start_of(own + 1) <= offset) {
        ++own;
    }
    if (lines.empty()) {
        return {};
    }
    const auto own_indent = indent_of(lines[own]);
    for (std::size_t item = own; item-- > 0;) {
        const auto indent = indent_of(lines[item]);
        if (indent == std::string_view::npos || indent >= own_indent ||
            lines[item].substr(indent, 2) != "- ") {
            continue;
        }
        auto end = item + 1;
        while (end < lines.size() &&
               (indent_of(lines[end]) == std::string_view::npos || indent_of(lines[end]) > indent)) {
            ++end;
        }
        const auto stop = end < lines.size() ? start_of(end) : text.size();
        return text.substr(start_of(item), stop - start_of(item));
    }
    return lines[own];
}

inline bool denies(std::string_view statement)
{
    static const auto deny = probes::pattern(R"re(["']?effect["']?\s*[:=]\s*["']?deny\b)re");
    bool found = false;
    probes::for_each_line(statement, [&](int, std::string_view line) {
        found = probes::matches(line, deny);
        return !found;
    });
    return found;
}

// Lines of `candidates` that grant Action/NotAction/Resource/NotResource "*" (or "*:*").
inline std::vector<cloudtrack::plugin::Evidence> wildcard_grants(probes::Repo& repo,
                                                                 const std::vector<std::string>& candidates)
{
    static const auto key = probes::pattern(
        R"re((^|[\s{,])["']?(Action|NotAction|Resource|NotResource|actions|not_actions|resources|not_resources))re"
        R"re(["']?\s*[:=]\s*(.*)$)re");
    static const auto inline_star = probes::pattern(R"re((^|[\[\s,])["']?(\*|\*:\*)["']?\s*(,|\]|\}|$))re");
    static const auto item_star = probes::pattern(R"re(^\s*-?\s*["']?(\*|\*:\*)["']?\s*,?\s*\]?\s*$)re");
    static const auto yaml_item = probes::pattern(R"(^\s*-\s)");
    std::vector<cloudtrack::plugin::Evidence> out;
    for (const auto& path : candidates) {
        const auto text = repo.text(path);
        if (text == nullptr) {
            continue;
        }
        const std::string_view all(*text);
        const auto report = [&](int number, std::string_view line, std::size_t column) {
            const auto offset = static_cast<std::size_t>(line.data() - all.data()) + column;
            if (out.size() < probes::k_evidence_per_result && !denies(enclosing_statement(all, offset))) {
                out.push_back({path, number, probes::clip(line)});
            }
        };
        enum class List { none, bracket, yaml } list = List::none;
        probes::for_each_line(all, [&](int number, std::string_view line) {
            const std::string subject(line.substr(0, probes::k_max_match));
            if (list != List::none) {
                const bool in_list = list == List::bracket || std::regex_search(subject, yaml_item);
                const auto& star = list == List::bracket ? inline_star : item_star;
                if (in_list && std::regex_search(subject, star)) {
                    report(number, line, 0);
                }
                if (!in_list || (list == List::bracket && subject.find(']') != std::string::npos)) {
                    list = List::none;
                }
                if (in_list) {
                    return true;
                }
            }
            std::smatch match;
            if (std::regex_search(subject, match, key)) {
                const auto value = match[3].str();
                if (std::regex_search(value, inline_star)) {
                    report(number, line, static_cast<std::size_t>(match.position(2)));
                } else if (value.find('[') != std::string::npos && value.find(']') == std::string::npos) {
                    list = List::bracket;
                } else if (value.find_first_not_of(" \t") == std::string::npos) {
                    list = List::yaml;
                }
            }
            return true;
        });
    }
    return out;
}

} // namespace security
