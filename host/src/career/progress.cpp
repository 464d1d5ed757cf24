#include "career/progress.hpp"

#include "util/error.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <ostream>
#include <string_view>
#include <type_traits>

namespace cloudtrack::host::career {

namespace {

using nlohmann::json;

double round2(double value)
{
    return std::round(value * 100.0) / 100.0;
}

// Reads `key` of `object` as T; `where` is the field's JSON pointer in the result document.
template <class T> T field(const json& object, const char* key, const std::string& where)
{
    const auto it = object.find(key);
    const bool ok = it != object.end() && (std::is_same_v<T, std::string> ? it->is_string()
                                           : std::is_same_v<T, double>    ? it->is_number()
                                                                          : it->is_number_integer());
    if (!ok) {
        throw util::Error(where + "/" + key + ": missing or of the wrong type", util::ExitCode::storage);
    }
    return it->get<T>();
}

// The value at `index` of the summary, of the kind `ok` accepts; `where` is its JSON pointer.
const json& part(const json& summary, size_t index, bool (json::*ok)() const noexcept,
                 const std::string& where)
{
    if (!summary.is_array() || summary.size() <= index || !(summary[index].*ok)()) {
        throw util::Error(where + ": missing or of the wrong type", util::ExitCode::storage);
    }
    return summary[index];
}

ResultFigures figures_of(const json& object, const std::string& where)
{
    return {field<double>(object, "percent", where), field<double>(object, "theta", where),
            field<double>(object, "se", where), field<std::string>(object, "level_name", where)};
}

json to_json(const ProgressPoint& point)
{
    return {{"attempt", point.attempt},         {"finished_at", point.finished_at},
            {"percent", point.figures.percent}, {"theta", point.figures.theta},
            {"se", point.figures.se},           {"level_name", point.figures.level_name}};
}

json to_json(const std::optional<ProgressChange>& change)
{
    if (!change) {
        return nullptr;
    }
    return {{"percent", change->percent},
            {"theta", change->theta},
            {"se", change->se},
            {"verdict", to_string(change->verdict)}};
}

// `value` as dump(2) prints it when it stands `indent` spaces in: every line after the first
// moved right by that much.
std::string indented(const json& value, size_t indent)
{
    const auto text = value.dump(2);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (const char c : text) {
        out += c;
        if (c == '\n') {
            out.append(indent, ' ');
        }
    }
    return out;
}

} // namespace

// The elements of one array of the document, as text at their final indentation, in a temporary
// file (removed when closed, also when the process dies).
class ProgressBuilder::Spool {
public:
    explicit Spool(size_t indent) : m_file(std::tmpfile()), m_indent(indent)
    {
        if (m_file == nullptr) {
            fail();
        }
    }
    ~Spool() = default;
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    Spool(Spool&&) = delete;
    Spool& operator=(Spool&&) = delete;

    void append(const json& element)
    {
        std::string text = m_count == 0 ? "" : ",\n";
        text.append(m_indent, ' ');
        text += indented(element, m_indent);
        if (std::fwrite(text.data(), 1, text.size(), m_file.get()) != text.size()) {
            fail();
        }
        ++m_count;
    }

    // The array, "[]" when empty, as it follows a key that stands `m_indent - 2` spaces in.
    void write_array(std::ostream& out) const
    {
        if (m_count == 0) {
            out << "[]";
            return;
        }
        out << "[\n";
        if (std::fflush(m_file.get()) != 0 || std::fseek(m_file.get(), 0, SEEK_SET) != 0) {
            fail();
        }
        std::array<char, 1 << 16> buffer{};
        size_t read = 0;
        while ((read = std::fread(buffer.data(), 1, buffer.size(), m_file.get())) > 0) {
            out.write(buffer.data(), static_cast<std::streamsize>(read));
        }
        if (std::ferror(m_file.get()) != 0 || std::fseek(m_file.get(), 0, SEEK_END) != 0) {
            fail();
        }
        out << '\n' << std::string(m_indent - 2, ' ') << ']';
    }

private:
    [[noreturn]] static void fail()
    {
        throw util::Error(std::string("cannot write the progress document to a temporary file (") +
                              std::strerror(errno) + ")",
                          util::ExitCode::output);
    }

    // A temporary file only this process reads: nothing is lost if closing it fails. The
    // unique_ptr is its owner, which is what gsl::owner would say.
    struct Close {
        void operator()(std::FILE* file) const
        {
            static_cast<void>(std::fclose(file)); // NOLINT(cppcoreguidelines-owning-memory)
        }
    };
    std::unique_ptr<std::FILE, Close> m_file;
    size_t m_indent;
    size_t m_count = 0;
};

struct ProgressBuilder::Series {
    ProgressSeries summary;
    std::unique_ptr<Spool> points;

    void add(const ProgressPoint& point)
    {
        if (!summary.first) {
            summary.first = point;
        }
        summary.latest = point;
        ++summary.points;
        if (points) {
            points->append(to_json(point));
        }
    }
};

const char* to_string(Verdict verdict)
{
    switch (verdict) {
    case Verdict::improved: return "improved";
    case Verdict::declined: return "declined";
    case Verdict::within_noise: break;
    }
    return "within_noise";
}

// A change in θ is called real when it exceeds 1.96 standard errors of the difference of two
// independent estimates (a 95% interval); anything smaller may be the measurement's own noise.
std::optional<ProgressChange> ProgressSeries::change() const
{
    if (points < 2) {
        return std::nullopt;
    }
    const auto& from = first->figures;
    const auto& to = latest->figures;
    const double d_theta = to.theta - from.theta;
    const double se = std::sqrt(std::pow(from.se, 2) + std::pow(to.se, 2));
    const bool real = std::abs(d_theta) > 1.96 * se;
    return ProgressChange{round2(to.percent - from.percent), round2(d_theta), round2(se),
                          !real         ? Verdict::within_noise
                          : d_theta > 0 ? Verdict::improved
                                        : Verdict::declined};
}

ProgressResult progress_result(std::int64_t attempt, const json& summary)
{
    const std::string where = "stored result " + std::to_string(attempt) + ": ";
    ProgressResult result;
    result.attempt = part(summary, 0, &json::is_number_integer, where + "/attempt/id").get<std::int64_t>();
    result.finished_at =
        part(summary, 1, &json::is_string, where + "/attempt/finished_at").get<std::string>();
    const auto& track = part(summary, 2, &json::is_object, where + "/track");
    result.track_id = field<std::string>(track, "id", where + "/track");
    result.track_name = field<std::string>(track, "name", where + "/track");
    result.version = field<std::string>(track, "version", where + "/track");
    result.content_sha256 = field<std::string>(track, "content_sha256", where + "/track");
    result.overall = figures_of(part(summary, 3, &json::is_object, where + "/overall"), where + "/overall");
    const auto& areas = part(summary, 4, &json::is_array, where + "/areas");
    for (size_t i = 0; i < areas.size(); ++i) {
        const auto pointer = where + "/areas/" + std::to_string(i);
        const auto& area = part(areas, i, &json::is_object, pointer);
        result.areas.push_back(
            {field<std::string>(area, "id", pointer), field<std::string>(area, "name", pointer),
             field<std::int64_t>(area, "items", pointer), figures_of(area, pointer), std::nullopt});
        if (const auto rating = area.find("self_rating"); rating != area.end() && !rating->is_null()) {
            result.areas.back().self_level_name = field<std::string>(area, "self_level_name", pointer);
        }
    }
    return result;
}

ProgressResult progress_result(std::int64_t attempt, const std::string& summary_text)
{
    return progress_result(attempt, json::parse(summary_text, nullptr, false));
}

// Indentation of each array's elements in the document: attempts[] at the top, overall.points[]
// one object down, areas[].points[] two.
constexpr size_t k_attempts_indent = 4;
constexpr size_t k_overall_indent = 6;
constexpr size_t k_area_indent = 8;

ProgressBuilder::ProgressBuilder(bool spool_json)
    : m_spool_json(spool_json), m_overall(std::make_unique<Series>())
{
    m_overall->summary.name = "Overall";
    if (m_spool_json) {
        m_overall->points = std::make_unique<Spool>(k_overall_indent);
        m_attempts = std::make_unique<Spool>(k_attempts_indent);
    }
}

ProgressBuilder::~ProgressBuilder() = default;

void ProgressBuilder::add(ProgressResult result)
{
    if (m_results == 0) {
        m_first_sha256 = result.content_sha256;
        m_first_finished_at = result.finished_at;
    }
    ++m_results;
    m_same_content = m_same_content && result.content_sha256 == m_first_sha256;
    if (m_attempts) {
        m_attempts->append({{"attempt", result.attempt},
                            {"finished_at", result.finished_at},
                            {"version", result.version},
                            {"content_sha256", result.content_sha256}});
    }
    m_overall->add({result.attempt, result.finished_at, result.overall});
    for (const auto& area : result.areas) {
        auto& series = m_areas[area.id];
        if (!series) {
            series = std::make_unique<Series>();
            if (m_spool_json) {
                series->points = std::make_unique<Spool>(k_area_indent);
            }
        }
        if (area.items > 0) {
            series->add({result.attempt, result.finished_at, area.figures});
        }
    }
    m_latest = std::move(result);
}

Progress ProgressBuilder::progress() const
{
    Progress progress;
    progress.track_id = m_latest.track_id;
    progress.track_name = m_latest.track_name;
    progress.results = m_results;
    progress.first_finished_at = m_first_finished_at;
    progress.latest_finished_at = m_latest.finished_at;
    progress.same_content = m_same_content;
    progress.overall = m_overall->summary;
    // Areas as the newest result names them, each with the results that measured it.
    for (const auto& area : m_latest.areas) {
        auto series = m_areas.at(area.id)->summary;
        series.id = area.id;
        series.name = area.name;
        progress.areas.push_back(std::move(series));
    }
    return progress;
}

// Keys in the order nlohmann::json (a std::map) prints them; the bytes are checked against a
// document built whole in tests/unit/career/test_progress.cpp.
void ProgressBuilder::write_json(std::ostream& out) const
{
    out << "{\n  \"areas\": ";
    if (m_latest.areas.empty()) {
        out << "[]";
    } else {
        out << "[\n";
        for (size_t i = 0; i < m_latest.areas.size(); ++i) {
            const auto& area = m_latest.areas[i];
            const auto& series = *m_areas.at(area.id);
            out << (i == 0 ? "" : ",\n")
                << "    {\n      \"change\": " << indented(to_json(series.summary.change()), 6)
                << ",\n      \"id\": " << json(area.id).dump()
                << ",\n      \"name\": " << json(area.name).dump() << ",\n      \"points\": ";
            series.points->write_array(out);
            out << "\n    }";
        }
        out << "\n  ]";
    }
    out << ",\n  \"attempts\": ";
    m_attempts->write_array(out);
    out << ",\n  \"overall\": {\n    \"change\": " << indented(to_json(m_overall->summary.change()), 4)
        << ",\n    \"points\": ";
    m_overall->points->write_array(out);
    out << "\n  },\n  \"same_content\": " << (m_same_content ? "true" : "false")
        << ",\n  \"track\": " << json(m_latest.track_id).dump()
        << ",\n  \"track_name\": " << json(m_latest.track_name).dump() << "\n}";
}

} // namespace cloudtrack::host::career
