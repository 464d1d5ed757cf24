#include "catalog/lint.hpp"

#include "catalog/catalog.hpp"
#include "catalog/elf_symbols.hpp"
#include "content/cue_stats.hpp"
#include "content/parse.hpp"
#include "util/clock.hpp"
#include "util/term.hpp"

#include <cloudtrack/plugin/abi.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <map>
#include <memory>

#include <cxxabi.h>
#include <fcntl.h>
#include <unistd.h>

namespace cloudtrack::host::catalog {

namespace fs = std::filesystem;
using content::ItemType;

namespace {

Finding error(std::string message)
{
    return {Severity::error, std::move(message)};
}
Finding warning(std::string message)
{
    return {Severity::warning, std::move(message)};
}

void append(std::vector<Finding>& to, std::vector<Finding> more)
{
    to.insert(to.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

// Lowercase ASCII, whitespace runs collapsed to one space, trimmed: "the same text" as a reader sees it.
std::string normalized(std::string_view text)
{
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

// Characters, not bytes: UTF-8 continuation bytes do not start a character.
size_t char_count(std::string_view utf8)
{
    return static_cast<size_t>(std::count_if(
        utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string demangled(const std::string& name)
{
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> text(
        abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status), &std::free);
    return status == 0 && text ? std::string(text.get()) : std::string();
}

// RFC 2606/6761 names and loopback: a placeholder left from a template, not a source.
bool placeholder_url(const std::string& url)
{
    auto host_start = url.find("://");
    host_start = host_start == std::string::npos ? 0 : host_start + 3;
    const auto name = normalized(url.substr(host_start, url.find_first_of("/:?#", host_start) - host_start));
    const auto ends_with = [&](std::string_view tail) {
        return name.size() >= tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
    };
    for (const auto* domain : {"example.com", "example.org", "example.net"}) {
        if (name == domain || ends_with(std::string(".") + domain)) {
            return true;
        }
    }
    return name == "localhost" || name == "127.0.0.1" || ends_with(".example") || ends_with(".invalid") ||
           ends_with(".test") || ends_with(".localhost");
}

std::string item_at(size_t index, const content::Item& item, const std::string& field)
{
    return "/items/" + std::to_string(index) + field + ": item '" + item.id + "': ";
}

void lint_key(size_t index, const content::Item& item, std::vector<Finding>& out)
{
    if (item.type == ItemType::numeric) {
        const double magnitude = std::fabs(item.answer);
        if (magnitude > 0.0 && item.tolerance > magnitude) {
            out.push_back(error(item_at(index, item, "/tolerance") + "tolerance " +
                                util::number_text(item.tolerance) + " is larger than |answer| " +
                                util::number_text(magnitude) +
                                ", so 0 and answers of the wrong sign score as correct"));
        }
        if (item.tolerance == 0.0 && std::floor(item.answer) != item.answer) {
            out.push_back(warning(item_at(index, item, "/tolerance") + "tolerance 0 on the answer " +
                                  util::number_text(item.answer) +
                                  " accepts only that exact decimal; allow for rounding"));
        }
        return;
    }
    if (item.type == ItemType::ordering && item.options.size() < 3) {
        out.push_back(error(item_at(index, item, "/options") +
                            "an ordering item needs at least 3 options (with " +
                            std::to_string(item.options.size()) + ", it is a true/false question)"));
    }
    if (item.type == ItemType::multiple_choice && item.options.size() < 3) {
        out.push_back(error(item_at(index, item, "/options") +
                            "a multiple-choice item needs at least 3 options (with 2, exactly one is "
                            "correct: make it single_choice)"));
    }
    std::map<std::string, size_t> texts;
    for (size_t i = 0; i < item.options.size(); ++i) {
        const auto [first, inserted] = texts.emplace(normalized(item.options[i].text), i);
        if (!inserted) {
            out.push_back(error(item_at(index, item, "/options/" + std::to_string(i) + "/text") +
                                "options '" + item.options[first->second].id + "' and '" +
                                item.options[i].id + "' have the same text"));
        }
    }
}

void lint_explanation(size_t index, const content::Item& item, std::vector<Finding>& out)
{
    const auto length = char_count(normalized(item.explanation));
    if (length < k_min_explanation_chars) {
        out.push_back(warning(item_at(index, item, "/explanation") + "the explanation is only " +
                              std::to_string(length) + " characters; say why the key is right (at least " +
                              std::to_string(k_min_explanation_chars) + ")"));
    } else if (normalized(item.explanation) == normalized(item.stem)) {
        out.push_back(warning(item_at(index, item, "/explanation") + "the explanation repeats the stem"));
    }
    for (size_t i = 0; i < item.references.size(); ++i) {
        if (placeholder_url(item.references[i].url)) {
            out.push_back(warning(item_at(index, item, "/references/" + std::to_string(i) + "/url") +
                                  item.references[i].url +
                                  " is a placeholder, not a source a reader can open"));
        }
    }
}

} // namespace

bool says_not_rechecked(std::string_view notes)
{
    return normalized(notes).find(k_not_rechecked) != std::string::npos;
}

namespace {

void lint_ladder(const content::Track& track, const std::string& today, std::vector<Finding>& out)
{
    const auto cutoff = util::add_months(today, -k_stale_after_months).value_or("");
    if (cutoff.empty()) {
        return;
    }
    for (size_t i = 0; i < track.ladder.size(); ++i) {
        const auto& rung = track.ladder[i];
        // A retired rung's facts are history; nothing about it is still to be checked. A rung whose
        // notes say what could not be re-checked is an honest old date, not a forgotten one.
        if (!rung.retired && rung.as_of < cutoff && !says_not_rechecked(rung.notes)) {
            out.push_back(warning("/ladder/" + std::to_string(i) + "/as_of: rung '" + rung.id +
                                  "': checked on " + rung.as_of + ", more than " +
                                  std::to_string(k_stale_after_months) +
                                  " months ago; check the facts again at " + rung.source +
                                  " and update as_of, or say in notes what is " + k_not_rechecked));
        }
    }
}

} // namespace

const char* to_string(Severity severity)
{
    return severity == Severity::error ? "error" : "warning";
}

std::vector<Finding> lint_track(const content::Track& track, const std::string& today)
{
    std::vector<Finding> out;
    std::map<std::string, size_t> stems;
    for (size_t i = 0; i < track.items.size(); ++i) {
        const auto& item = track.items[i];
        lint_key(i, item, out);
        lint_explanation(i, item, out);
        const auto [first, inserted] = stems.emplace(normalized(item.stem), i);
        if (!inserted) {
            out.push_back(warning(item_at(i, item, "/stem") + "the same stem as item '" +
                                  track.items[first->second].id + "' (/items/" +
                                  std::to_string(first->second) + ")"));
        }
    }
    for (auto& cue : content::cue_warnings(track)) {
        out.push_back(warning(cue.pointer + ": " + cue.message));
    }
    lint_ladder(track, today, out);
    return out;
}

std::vector<Finding> lint_exports(const fs::path& file, size_t limit)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        return {error(std::string("cannot open to read its symbols: ") + std::strerror(errno))};
    }
    auto symbols = exported_symbols(fd);
    ::close(fd);
    if (!symbols) {
        return {error("cannot read the dynamic symbol table: " + symbols.error())};
    }
    // By readable name, so an author's own names (C names, their namespaces) come before the
    // std:: instantiations that leak along with them.
    std::vector<std::pair<std::string, std::string>> leaks; // readable, raw
    for (const auto& name : *symbols) {
        if (name != CLOUDTRACK_ENTRY_SYMBOL) {
            const auto readable = demangled(name);
            leaks.emplace_back(readable.empty() ? name : readable, name);
        }
    }
    std::sort(leaks.begin(), leaks.end());
    std::vector<Finding> out;
    for (size_t i = 0; i < leaks.size() && i < limit; ++i) {
        const auto& [readable, raw] = leaks[i];
        out.push_back(error("exports '" + raw + "'" + (readable == raw ? "" : " (" + readable + ")") +
                            ": only " CLOUDTRACK_ENTRY_SYMBOL
                            " may be exported; build with cloudtrack_add_track(), whose version script "
                            "hides the rest"));
    }
    if (leaks.size() > limit) {
        out.push_back(error("exports " + std::to_string(leaks.size() - limit) + " more symbols"));
    }
    return out;
}

std::vector<Finding> lint_build_records(const content::Track& track)
{
    std::vector<Finding> out;
    if (const auto& abi = track.info.abi) {
        if (auto problem = abi_problem(abi->major_version, abi->minor_version); !problem.empty()) {
            out.push_back(error("/abi: " + problem + " (hosts refuse it at resolved)"));
        }
    } else {
        out.push_back(warning("/abi: the document does not record the plugin ABI it was built against; "
                              "rebuild with this SDK so hosts can refuse a mismatch before loading it"));
    }
    if (!track.probes) {
        for (size_t i = 0; i < track.portfolio.size(); ++i) {
            for (size_t j = 0; j < track.portfolio[i].checklist.size(); ++j) {
                if (const auto& probe = track.portfolio[i].checklist[j].probe; !probe.empty()) {
                    out.push_back(warning("/portfolio/" + std::to_string(i) + "/checklist/" +
                                          std::to_string(j) + "/probe: probe '" + probe +
                                          "' is not checked against the code: declare the ids your code "
                                          "provides with cloudtrack_add_track(... PROBES ...)"));
                }
            }
        }
    }
    return out;
}

std::vector<Finding> lint_file(const fs::path& file, const std::string& today)
{
    std::vector<Finding> out;
    auto plugin = inspect_file(file);
    if (plugin.state == State::failed && plugin.failed_stage == State::validated) {
        // Every problem of the document, not only the first the host reports.
        for (const auto& problem : content::check(plugin.document).problems) {
            out.push_back(error(content::to_string(problem)));
        }
        append(out, lint_exports(file));
        return out;
    }
    if (!plugin.track) {
        // Refused before reading, or not a track plugin at all: nothing further to look at.
        out.push_back(error(plugin.reason));
        return out;
    }
    append(out, lint_exports(file));
    append(out, lint_track(*plugin.track, today));
    append(out, lint_build_records(*plugin.track));
    load(plugin);
    if (plugin.state == State::loaded) {
        initialize(plugin);
    }
    if (plugin.state == State::ready) {
        if (plugin.entry->deinit != nullptr) {
            plugin.entry->deinit();
        }
    } else {
        out.push_back(error(std::string(to_string(plugin.failed_stage)) + ": " + plugin.reason));
    }
    return out;
}

} // namespace cloudtrack::host::catalog
