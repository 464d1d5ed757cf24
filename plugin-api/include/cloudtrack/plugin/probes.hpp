// Helpers for writing evidence probes (interface cloudtrack.evidence-probe/1). Header-only, STL
// only, on top of track.hpp:
//
//   ProbeTrack  a Track that maps probe ids to functions; an id it does not know throws
//               UnknownProbe, which the host sees as CLOUDTRACK_STATUS_UNSUPPORTED.
//   Repo        the project as a probe sees it: the file list, cached reads, and grep (files whose
//               path matches a regex, lines that match a regex -> Evidence{path, line, text}).
//   Signal      one condition a probe looks for; conclude() turns a set of them into a
//               ProbeResult whose note says what was found, what is missing and what must not be.
//
//   ProbeResult ci_runs_tests(probes::Repo& repo)
//   {
//       static const auto ci = probes::pattern(probes::paths::ci);
//       static const auto test = probes::pattern(R"(\b(pytest|go test|ctest)\b)");
//       return probes::conclude({{"a CI step that runs tests", repo.grep(ci, test)}});
//   }
//
// Patterns are ECMAScript std::regex, case-insensitive unless asked otherwise; a line is matched
// on its own, so `^` and `$` anchor to the line.
#pragma once

#include <cloudtrack/plugin/track.hpp>

#include <algorithm>
#include <cstddef>
#include <initializer_list>
#include <iterator>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cloudtrack::plugin::probes {

// Evidence kept per signal, and per result: enough to point at the places, not to copy files.
inline constexpr std::size_t k_evidence_per_signal = 5;
inline constexpr std::size_t k_evidence_per_result = 20;
// Evidence text is cut to this many bytes (at a UTF-8 character boundary).
inline constexpr std::size_t k_max_text = 200;
// Only a line's first bytes are matched: libstdc++'s regex recurses per character, and a
// minified file's single line could otherwise exhaust the stack.
inline constexpr std::size_t k_max_match = 4096;
// File contents a Repo keeps in memory for re-use within one probe run.
inline constexpr std::size_t k_cache_budget = std::size_t{32} << 20;

// Path patterns shared by many probes.
namespace paths {
inline constexpr const char* ci =
    R"(^\.github/workflows/[^/]+\.ya?ml$|(^|/)\.gitlab-ci\.ya?ml$|^\.gitlab/ci/.+\.ya?ml$|)"
    R"((^|/)Jenkinsfile[^/]*$|(^|/)azure-pipelines[^/]*\.ya?ml$|^\.circleci/config\.ya?ml$|)"
    R"((^|/)bitbucket-pipelines\.ya?ml$|^\.buildkite/.+\.ya?ml$|^\.tekton/.+\.ya?ml$|)"
    R"((^|/)cloudbuild\.ya?ml$|(^|/)\.pre-commit-config\.ya?ml$)";
inline constexpr const char* yaml = R"(\.ya?ml$)";
inline constexpr const char* terraform = R"(\.tf(\.json)?$)";
inline constexpr const char* sql = R"(\.sql$)";
inline constexpr const char* docs = R"(\.(md|markdown|rst|adoc|txt)$)";
// Configuration and automation: what a project declares, rather than what it documents.
inline constexpr const char* config =
    R"(\.(ya?ml|json|jsonnet|tf|tfvars|hcl|toml|ini|cfg|conf|properties|env|sh|bash|rego|cue)$|)"
    R"((^|/)(Makefile|Jenkinsfile[^/]*|Dockerfile[^/]*|Containerfile)$)";
} // namespace paths

// A compiled pattern: ECMAScript, case-insensitive unless `ignore_case` is false.
inline std::regex pattern(const std::string& text, bool ignore_case = true)
{
    auto flags = std::regex::ECMAScript | std::regex::optimize;
    if (ignore_case) {
        flags |= std::regex::icase;
    }
    return std::regex(text, flags);
}

// One pattern matching any of `alternatives`.
inline std::string either(std::initializer_list<std::string_view> alternatives)
{
    std::string out;
    for (const auto alternative : alternatives) {
        out += (out.empty() ? "(?:" : "|(?:");
        out.append(alternative);
        out += ')';
    }
    return out;
}

// `text` with every byte that is not part of a valid UTF-8 sequence replaced by U+FFFD. Files in
// a repository are in any encoding (a Latin-1 comment, a binary blob); evidence crosses the ABI as
// JSON, which must be UTF-8, so a probe reads tolerantly instead of failing on encoding.
inline std::string valid_utf8(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = 0;
        if (c < 0x80U) {
            n = 1;
        } else if (c >= 0xC2U && c <= 0xDFU) {
            n = 2;
        } else if (c >= 0xE0U && c <= 0xEFU) {
            n = 3;
        } else if (c >= 0xF0U && c <= 0xF4U) {
            n = 4;
        }
        bool ok = n > 0 && i + n <= text.size();
        for (std::size_t k = 1; ok && k < n; ++k) {
            ok = (static_cast<unsigned char>(text[i + k]) & 0xC0U) == 0x80U;
        }
        if (ok && n == 3) { // no overlong forms, no surrogates
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xE0U && c1 < 0xA0U) && !(c == 0xEDU && c1 >= 0xA0U);
        } else if (ok && n == 4) {
            const auto c1 = static_cast<unsigned char>(text[i + 1]);
            ok = !(c == 0xF0U && c1 < 0x90U) && !(c == 0xF4U && c1 >= 0x90U);
        }
        if (ok) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

// `line` without surrounding blanks, cut to k_max_text bytes without splitting a character, and
// made valid UTF-8.
inline std::string clip(std::string_view line)
{
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) {
        return {};
    }
    line = line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
    if (line.size() <= k_max_text) {
        return valid_utf8(line);
    }
    std::size_t cut = k_max_text;
    while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0U) == 0x80U) {
        --cut;
    }
    return valid_utf8(line.substr(0, cut)) + "...";
}

// Calls visit(line_number, line) for each line of `text` (1-based; "\r\n" endings tolerated);
// stops early when visit returns false.
template <class Visit> void for_each_line(std::string_view text, Visit&& visit)
{
    int number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        auto line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') {
            line.remove_suffix(1);
        }
        if (!visit(++number, line)) {
            return;
        }
        start = end + 1;
    }
}

// Whether `line` (its first k_max_match bytes) matches `re`.
inline bool matches(std::string_view line, const std::regex& re)
{
    line = line.substr(0, std::min(line.size(), k_max_match));
    return std::regex_search(line.data(), line.data() + line.size(), re);
}

// The project directory as one probe run sees it. Lists the files once; reads are cached.
class Repo {
public:
    explicit Repo(const Files& files) : m_files(files), m_paths(files.list()) {}

    [[nodiscard]] const Files& files() const noexcept { return m_files; }
    [[nodiscard]] const std::vector<std::string>& paths() const noexcept { return m_paths; }

    // The listed files whose path matches `re`.
    [[nodiscard]] std::vector<std::string> paths_matching(const std::regex& re) const
    {
        std::vector<std::string> out;
        std::copy_if(m_paths.begin(), m_paths.end(), std::back_inserter(out),
                     [&](const std::string& path) { return matches(path, re); });
        return out;
    }

    // The file's bytes, or nullptr when the host refuses it (too large, vanished).
    std::shared_ptr<const std::string> text(const std::string& path)
    {
        if (const auto it = m_cache.find(path); it != m_cache.end()) {
            return it->second;
        }
        auto bytes = m_files.read(path);
        auto shared = bytes ? std::make_shared<const std::string>(std::move(*bytes)) : nullptr;
        if (shared == nullptr || m_cached + shared->size() <= k_cache_budget) {
            m_cached += shared ? shared->size() : 0;
            m_cache.emplace(path, shared);
        }
        return shared;
    }

    // Those of `candidates` with at least one line matching `re`.
    std::vector<std::string> containing(const std::vector<std::string>& candidates, const std::regex& re)
    {
        std::vector<std::string> out;
        for (const auto& path : candidates) {
            if (!grep({path}, re, 1).empty()) {
                out.push_back(path);
            }
        }
        return out;
    }

    // Lines of `candidates` matching `re`, at most `cap` of them.
    std::vector<Evidence> grep(const std::vector<std::string>& candidates, const std::regex& re,
                               std::size_t cap = k_evidence_per_signal)
    {
        std::vector<Evidence> out;
        for (const auto& path : candidates) {
            const auto content = text(path);
            if (content == nullptr) {
                continue;
            }
            for_each_line(*content, [&](int number, std::string_view line) {
                if (out.size() < cap && matches(line, re)) {
                    out.push_back(Evidence{path, number, clip(line)});
                }
                return out.size() < cap;
            });
            if (out.size() >= cap) {
                break;
            }
        }
        return out;
    }

    // One piece of evidence per file of `candidates`, at its first line with a letter or digit
    // (not a lone "{"): for signals where a file's presence is the point (a runbook, a policy file).
    std::vector<Evidence> present(const std::vector<std::string>& candidates,
                                  std::size_t cap = k_evidence_per_signal)
    {
        static const std::regex has_word(R"([A-Za-z0-9])");
        std::vector<Evidence> out;
        for (const auto& path : candidates) {
            if (out.size() >= cap) {
                break;
            }
            auto first = grep({path}, has_word, 1);
            out.push_back(first.empty() ? Evidence{path, 1, "(no text)"} : std::move(first.front()));
        }
        return out;
    }

    // Lines matching `line_re` in the files whose path matches `path_re`.
    std::vector<Evidence> grep(const std::regex& path_re, const std::regex& line_re,
                               std::size_t cap = k_evidence_per_signal)
    {
        return grep(paths_matching(path_re), line_re, cap);
    }

private:
    const Files& m_files;
    std::vector<std::string> m_paths;
    std::map<std::string, std::shared_ptr<const std::string>> m_cache;
    std::size_t m_cached = 0;
};

// What a signal means for the verdict.
enum class Need {
    required, // the item is verified only if it is found
    optional, // reported, never decisive
    forbidden // the item is not verified if it is found; its lines are the evidence
};

// One condition a probe looks for: `what` in words, and the places that show it.
struct Signal {
    std::string what;
    std::vector<Evidence> evidence;
    Need need = Need::required;

    [[nodiscard]] bool found() const noexcept { return !evidence.empty(); }
};

// What became of one signal, in words: "found: ...", "missing: ...", and so on.
inline std::string describe(const Signal& signal)
{
    const char* outcome = "";
    switch (signal.need) {
    case Need::required: outcome = signal.found() ? "found: " : "missing: "; break;
    case Need::optional: outcome = signal.found() ? "also found: " : "not found (optional): "; break;
    case Need::forbidden:
        outcome = signal.found() ? "found, and must not be: " : "none, as required: ";
        break;
    }
    return outcome + signal.what;
}

// The verdict over `signals`: verified when every required signal was found and no forbidden
// one was. The note describes each signal in order, then `remark` (e.g. what the files cannot
// show). The evidence is the offending lines when a forbidden signal was found (they decide the
// verdict on their own), else the places found, required signals first.
inline ProbeResult conclude(const std::vector<Signal>& signals, std::string_view remark = {})
{
    ProbeResult result;
    result.verified = std::all_of(signals.begin(), signals.end(), [](const Signal& s) {
        return s.need == Need::required ? s.found() : s.need != Need::forbidden || !s.found();
    });
    for (const auto& s : signals) {
        result.note += (result.note.empty() ? "" : "; ") + describe(s);
    }
    if (!remark.empty()) {
        result.note += ". ";
        result.note.append(remark);
    }
    const bool offending = std::any_of(signals.begin(), signals.end(), [](const Signal& s) {
        return s.need == Need::forbidden && s.found();
    });
    const auto order =
        offending ? std::vector<Need>{Need::forbidden} : std::vector<Need>{Need::required, Need::optional};
    for (const auto need : order) {
        for (const auto& s : signals) {
            const auto room = k_evidence_per_result - result.evidence.size();
            if (s.need == need) {
                result.evidence.insert(result.evidence.end(), s.evidence.begin(),
                                       s.evidence.begin() +
                                           static_cast<std::ptrdiff_t>(std::min(room, s.evidence.size())));
            }
        }
    }
    return result;
}

// A probe: reads the project through `repo`, returns the verdict.
using ProbeFunction = ProbeResult (*)(Repo& repo);

// A Track whose probes are plain functions, looked up by id:
//
//   class MyTrack final : public probes::ProbeTrack {
//   public:
//       MyTrack() : ProbeTrack({{"ci_runs_tests", &ci_runs_tests}}) {}
//   };
class ProbeTrack : public Track {
public:
    ProbeTrack(std::initializer_list<std::pair<std::string_view, ProbeFunction>> probes) : m_probes(probes) {}

    [[nodiscard]] bool has_probes() const override { return true; }

    ProbeResult run_probe(std::string_view probe_id, const Files& files) override
    {
        for (const auto& [id, probe] : m_probes) {
            if (id == probe_id) {
                Repo repo(files);
                return probe(repo);
            }
        }
        return Track::run_probe(probe_id, files); // throws UnknownProbe
    }

    // The ids this track answers, in registration order.
    [[nodiscard]] std::vector<std::string_view> probe_ids() const
    {
        std::vector<std::string_view> ids;
        for (const auto& entry : m_probes) {
            ids.push_back(entry.first);
        }
        return ids;
    }

private:
    std::vector<std::pair<std::string_view, ProbeFunction>> m_probes;
};

} // namespace cloudtrack::plugin::probes
