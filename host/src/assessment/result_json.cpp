// cloudtrack.result/1 in and out. to_json writes the keys earlier versions wrote, with the same
// C++ number types (counts unsigned, ids signed, figures double), so stored documents and
// rescoring stay byte-identical; keys that only some results carry (targets, repeats, dropped
// items) are written only when present, as before.
#include "assessment/result_model.hpp"

#include "util/json_fields.hpp"

namespace cloudtrack::host::assessment {

using nlohmann::json;
using util::FieldReader;

namespace {

json figures_json(const Figures& f)
{
    return {{"items", f.items}, {"answered", f.answered}, {"percent", f.percent},      {"theta", f.theta},
            {"se", f.se},       {"level", f.level},       {"level_name", f.level_name}};
}

json area_json(const AreaResult& area)
{
    auto entry = figures_json(area.figures);
    entry["id"] = area.id;
    entry["name"] = area.name;
    entry["weight"] = area.weight;
    if (area.self) {
        entry["self_rating"] = area.self->rating;
        entry["self_level_name"] = area.self->level_name;
        entry["gap"] = area.self->gap;
        entry["gap_note"] = area.self->note;
    } else {
        entry["self_rating"] = nullptr;
    }
    if (area.target) {
        entry["target_level"] = area.target->level;
        entry["target_level_name"] = area.target->level_name;
        entry["below_target"] = area.target->below;
    }
    return entry;
}

json missed_json(const MissedItem& m)
{
    auto options = json::array();
    for (const auto& o : m.options) {
        options.push_back({{"option", o.option}, {"text", o.text}, {"rationale", o.rationale}});
    }
    auto references = json::array();
    for (const auto& r : m.references) {
        references.push_back({{"title", r.title}, {"url", r.url}});
    }
    return {{"item", m.item},
            {"area", m.area},
            {"stem", m.stem},
            {"response", m.response},
            {"score", m.score},
            {"key", m.key},
            {"explanation", m.explanation},
            {"options", options},
            {"references", references}};
}

Figures read_figures(const FieldReader& f)
{
    return {f.count("items"),
            f.count("answered"),
            f.number("percent", 0.0, 100.0, "a percent from 0 to 100"),
            f.number("theta"),
            f.number("se", 0.0, 1e9, "a standard error, 0 or more"),
            f.string("level"),
            f.string("level_name")};
}

AreaResult read_area(const FieldReader& f)
{
    AreaResult area;
    area.id = f.string("id");
    area.name = f.string("name");
    area.figures = read_figures(f);
    area.weight = f.number("weight", 0.0, 1e9, "a weight, 0 or more");
    if (!f.is_null("self_rating")) {
        const auto rating = f.integer("self_rating");
        if (rating < 0 || rating > 1000) {
            throw util::FieldError(f.pointer("self_rating"), "a level index");
        }
        const auto gap = f.integer("gap");
        if (gap < -1000 || gap > 1000) {
            throw util::FieldError(f.pointer("gap"), "a level difference");
        }
        area.self = SelfRating{static_cast<int>(rating), f.string("self_level_name"), static_cast<int>(gap),
                               f.string("gap_note")};
    }
    if (f.has("below_target")) {
        area.target =
            AreaTarget{f.string("target_level"), f.string("target_level_name"), f.boolean("below_target")};
    }
    return area;
}

AttemptInfo read_attempt(const FieldReader& f)
{
    AttemptInfo attempt;
    attempt.id = static_cast<std::int64_t>(f.count("id"));
    attempt.profile = f.string("profile");
    attempt.started_at = f.string("started_at");
    attempt.finished_at = f.string("finished_at");
    attempt.form = Form::read(f.object("form"));
    if (f.has("repeats")) {
        attempt.repeats = f.count("repeats");
    }
    if (f.has("stop_reason")) {
        attempt.stop_reason = f.string("stop_reason");
    }
    return attempt;
}

ScoredResponse read_response(const FieldReader& f)
{
    return {f.string("item"),
            f.string("area"),
            f.string("type"),
            f.value("response"),
            f.number("score", 0.0, 1.0, "a number from 0 to 1"),
            f.boolean("scored"),
            f.number("a"),
            f.number("b")};
}

MissedItem read_missed(const FieldReader& f)
{
    MissedItem m{f.string("item"),
                 f.string("area"),
                 f.string("stem"),
                 f.value("response"),
                 f.number("score", 0.0, 1.0, "a number from 0 to 1"),
                 f.value("key"),
                 f.string("explanation"),
                 {},
                 {}};
    const auto options = f.array("options");
    for (size_t i = 0; i < options.size(); ++i) {
        const auto o = options.object(i);
        m.options.push_back({o.string("option"), o.string("text"), o.string("rationale")});
    }
    const auto references = f.array("references");
    for (size_t i = 0; i < references.size(); ++i) {
        const auto r = references.object(i);
        m.references.push_back({r.string("title"), r.string("url")});
    }
    return m;
}

template <class T, class Read> std::vector<T> read_list(const FieldReader& f, const char* key, Read read)
{
    const auto list = f.array(key);
    std::vector<T> out;
    out.reserve(list.size());
    for (size_t i = 0; i < list.size(); ++i) {
        out.push_back(read(list.object(i)));
    }
    return out;
}

} // namespace

const AreaResult* Result::find_area(const std::string& id) const
{
    for (const auto& area : areas) {
        if (area.id == id) {
            return &area;
        }
    }
    return nullptr;
}

json to_json(const Result& result)
{
    auto responses = json::array();
    for (const auto& r : result.responses) {
        responses.push_back({{"item", r.item},
                             {"area", r.area},
                             {"type", r.type},
                             {"response", r.response},
                             {"score", r.score},
                             {"scored", r.scored},
                             {"a", r.a},
                             {"b", r.b}});
    }
    auto areas = json::array();
    for (const auto& area : result.areas) {
        areas.push_back(area_json(area));
    }
    auto missed = json::array();
    for (const auto& m : result.missed) {
        missed.push_back(missed_json(m));
    }
    auto levels = json::array();
    for (const auto& level : result.levels) {
        levels.push_back({{"id", level.id},
                          {"name", level.name},
                          {"min_theta", level.min_theta ? json(*level.min_theta) : json(nullptr)}});
    }
    const auto& t = result.track;
    const auto& a = result.attempt;
    json out = {
        {"schema", result.schema},
        {"engine", result.engine},
        {"track",
         {{"id", t.id}, {"name", t.name}, {"version", t.version}, {"content_sha256", t.content_sha256}}},
        {"attempt",
         {{"id", a.id},
          {"profile", a.profile},
          {"started_at", a.started_at},
          {"finished_at", a.finished_at},
          {"form", a.form.to_json()}}},
        {"levels", levels},
        {"responses", responses},
        {"areas", areas},
        {"overall", figures_json(result.overall)},
        {"missed", missed}};
    if (a.repeats) {
        out["attempt"]["repeats"] = *a.repeats;
    }
    if (a.stop_reason) {
        out["attempt"]["stop_reason"] = *a.stop_reason;
    }
    if (!result.dropped_items.empty()) {
        out["dropped_items"] = result.dropped_items;
    }
    if (const auto& p = result.parameters) {
        out["parameters"] = {
            {"calibration", p->calibration_sha256.empty() ? json(nullptr) : json(p->calibration_sha256)},
            {"calibrated_items", p->calibrated_items},
            {"judged_items", p->judged_items},
            {"judgement_error", p->judgement_error}};
    }
    return out;
}

Result parse_result(const json& document)
{
    const FieldReader f(document, "");
    Result result;
    result.schema = f.string("schema");
    if (result.schema != "cloudtrack.result/1") {
        throw util::FieldError("/schema", "\"cloudtrack.result/1\"");
    }
    result.engine = f.string("engine");
    const auto track = f.object("track");
    result.track = {track.string("id"), track.string("name"), track.string("version"),
                    track.string("content_sha256")};
    result.attempt = read_attempt(f.object("attempt"));
    result.levels = read_list<LevelInfo>(f, "levels", [](const FieldReader& level) {
        return LevelInfo{level.string("id"), level.string("name"), level.optional_number("min_theta")};
    });
    result.responses = read_list<ScoredResponse>(f, "responses", read_response);
    result.areas = read_list<AreaResult>(f, "areas", read_area);
    result.overall = read_figures(f.object("overall"));
    result.missed = read_list<MissedItem>(f, "missed", read_missed);
    if (f.has("dropped_items")) {
        const auto dropped = f.array("dropped_items");
        for (size_t i = 0; i < dropped.size(); ++i) {
            result.dropped_items.push_back(dropped.string(i));
        }
    }
    if (f.has("parameters")) {
        const auto p = f.object("parameters");
        result.parameters = ParameterInfo{p.is_null("calibration") ? std::string() : p.string("calibration"),
                                          p.count("calibrated_items"), p.count("judged_items"),
                                          p.number("judgement_error", 0.0, 10.0, "an SD from 0 to 10")};
    }
    return result;
}

std::string serialize(const Result& result)
{
    return to_json(result).dump(2) + "\n";
}

} // namespace cloudtrack::host::assessment
