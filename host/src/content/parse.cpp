#include "content/parse.hpp"

#include "util/json_read.hpp"
#include "util/sha256.hpp"

#include <nlohmann/json.hpp>

#include <future>

namespace cloudtrack::content {

namespace {

using nlohmann::json;

// Moves the string out: build() consumes the document, and copying every text of a large track
// cost more than validating it (issue 13).
std::string str(json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? std::move(it->get_ref<std::string&>()) : std::string();
}

std::vector<std::string> strings(const json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() ? it->get<std::vector<std::string>>() : std::vector<std::string>{};
}

double mapped_b(const std::string& difficulty)
{
    if (difficulty == "easy") {
        return -1.0;
    }
    return difficulty == "hard" ? 1.0 : 0.0;
}

ItemType item_type(const std::string& name)
{
    if (name == "multiple_choice") {
        return ItemType::multiple_choice;
    }
    if (name == "true_false") {
        return ItemType::true_false;
    }
    if (name == "numeric") {
        return ItemType::numeric;
    }
    return name == "ordering" ? ItemType::ordering : ItemType::single_choice;
}

ScoringRule scoring_rule(const std::string& name)
{
    static const std::map<std::string, ScoringRule> k_rules = {
        {"all_or_nothing", ScoringRule::all_or_nothing},
        {"every_decision", ScoringRule::every_decision},
        {"halves", ScoringRule::halves},
        {"exact", ScoringRule::exact},
        {"pairwise", ScoringRule::pairwise}};
    const auto it = k_rules.find(name);
    return it == k_rules.end() ? ScoringRule::none : it->second;
}

Item build_item(json& j)
{
    Item item;
    item.id = str(j, "id");
    item.area = str(j, "area");
    item.type = item_type(str(j, "type"));
    item.stem = str(j, "stem");
    item.explanation = str(j, "explanation");
    for (auto& r : j.at("references")) {
        item.references.push_back({str(r, "title"), str(r, "url")});
    }
    item.difficulty = str(j, "difficulty");
    item.b = j.value("b", mapped_b(item.difficulty));
    item.a = j.value("a", 1.0);
    item.beta = str(j, "status") == "beta";
    item.fixed_order = j.value("fixed_order", false);
    if (const auto it = j.find("options"); it != j.end()) {
        for (auto& o : *it) {
            item.options.push_back(
                {str(o, "id"), str(o, "text"), o.value("correct", false), str(o, "rationale")});
        }
    }
    item.scoring = scoring_rule(str(j, "scoring"));
    item.answer = j.value("answer", 0.0);
    item.tolerance = j.value("tolerance", 0.0);
    item.unit = str(j, "unit");
    return item;
}

Rung build_rung(json& j)
{
    Rung rung;
    rung.id = str(j, "id");
    rung.name = str(j, "name");
    rung.issuer = str(j, "issuer");
    rung.exam_code = str(j, "exam_code");
    rung.issuer_level = str(j, "issuer_level");
    rung.level = str(j, "level");
    if (const auto it = j.find("prerequisites"); it != j.end()) {
        for (auto& pre : *it) {
            rung.prerequisites.push_back({pre.is_string() ? std::vector<std::string>{pre.get<std::string>()}
                                                          : strings(pre, "any_of")});
        }
    }
    rung.recommended = strings(j, "recommended");
    if (const auto& v = j.at("validity_months"); v.is_number_integer()) {
        rung.validity_months = v.get<int>();
    }
    if (const auto it = j.find("blueprint"); it != j.end()) {
        for (auto& d : *it) {
            rung.blueprint.push_back({str(d, "domain"), d.at("weight").get<double>(), strings(d, "areas")});
        }
    }
    rung.as_of = str(j, "as_of");
    rung.source = str(j, "source");
    rung.confidence = str(j, "confidence");
    rung.retired = j.value("retired", false);
    rung.successor = str(j, "successor");
    rung.notes = str(j, "notes");
    rung.unconfirmed = strings(j, "unconfirmed");
    return rung;
}

Project build_project(json& j)
{
    Project project{str(j, "id"),
                    str(j, "title"),
                    str(j, "business_question"),
                    str(j, "outcome_metric"),
                    str(j, "outcome_target"),
                    str(j, "description"),
                    {}};
    for (auto& c : j.at("checklist")) {
        project.checklist.push_back({str(c, "id"), str(c, "text"), str(c, "evidence"), str(c, "probe")});
    }
    return project;
}

} // namespace

Track build(json doc, std::string sha256)
{
    Track track;
    auto& t = doc.at("track");
    track.info = {str(t, "id"),     str(t, "name"),        str(t, "version"),
                  str(t, "vendor"), str(t, "description"), std::nullopt};
    if (const auto abi = doc.find("abi"); abi != doc.end()) {
        track.info.abi = AbiVersion{abi->at("major").get<unsigned>(), abi->at("minor").get<unsigned>()};
    }
    if (const auto probes = doc.find("probes"); probes != doc.end()) {
        track.probes = probes->get<std::vector<std::string>>();
    }
    if (const auto it = doc.find("calibration"); it != doc.end()) {
        auto calibration = parse_calibration(*it); // validate() has checked it
        track.calibration_sha256 = util::sha256_hex(serialize(*calibration));
        track.calibration = std::move(*calibration);
    }
    track.allow_adaptive = doc.value("allow_adaptive", true);
    for (auto& m : doc.at("metrics")) {
        track.metrics.push_back({str(m, "id"), str(m, "name"), str(m, "description"), str(m, "direction")});
    }
    for (auto& l : doc.at("levels")) {
        Level level{str(l, "id"), str(l, "name"), str(l, "description"), std::nullopt};
        if (l.contains("min_theta")) {
            level.min_theta = l.at("min_theta").get<double>();
        }
        track.levels.push_back(std::move(level));
    }
    for (auto& a : doc.at("areas")) {
        track.areas.push_back({str(a, "id"), str(a, "name"), str(a, "description"), a.value("weight", 1.0),
                               str(a, "self_rating_prompt"), a.value("target_level", std::string())});
    }
    for (auto& i : doc.at("items")) {
        track.items.push_back(build_item(i));
    }
    if (const auto it = doc.find("ladder"); it != doc.end()) {
        for (auto& r : *it) {
            track.ladder.push_back(build_rung(r));
        }
    }
    if (const auto it = doc.find("portfolio"); it != doc.end()) {
        for (auto& p : *it) {
            track.portfolio.push_back(build_project(p));
        }
    }
    track.sha256 = std::move(sha256);
    return track;
}

Checked check(std::string_view bytes)
{
    // The SHA-256 needs only the bytes: for a large document it is taken on another core while
    // this one parses, validates and builds (on a 10 MB track it costs a quarter of the parse).
    constexpr std::size_t k_digest_aside = std::size_t{1024} * 1024;
    std::future<std::string> digest;
    if (bytes.size() >= k_digest_aside) {
        digest = std::async(std::launch::async, [bytes] { return util::sha256_hex(bytes); });
    }
    Checked result;
    // A track's text reaches terminals: duplicate keys, NULs and control characters are refused.
    auto parsed = util::parse_json(bytes, {.refuse_control_characters = true});
    if (!parsed) {
        result.problems.push_back({"", parsed.error()});
        return result;
    }
    json document = std::move(*parsed);
    result.problems = validate(document);
    if (result.problems.empty()) {
        result.track = build(std::move(document), digest.valid() ? digest.get() : util::sha256_hex(bytes));
    }
    return result;
}

util::Expected<Track> load(std::string_view bytes)
{
    auto checked = check(bytes);
    if (checked.track) {
        return std::move(*checked.track);
    }
    auto message = to_string(checked.problems.front());
    if (checked.problems.size() > 1) {
        message += " (and " + std::to_string(checked.problems.size() - 1) + " more)";
    }
    return util::fail(message);
}

} // namespace cloudtrack::content
