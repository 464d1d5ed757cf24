#include "assessment/adaptive_form.hpp"
#include "assessment/result.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace cloudtrack::host::assessment;
using cloudtrack::content::Item;
using cloudtrack::content::Track;
using nlohmann::json;

namespace {
// Three areas of 12 true/false items (b from -1.5 to 1.5), each with one beta item.
Track bank()
{
    Track track;
    track.levels = {{"l0", "L0", "", std::nullopt}, {"l1", "L1", "", 0.0}};
    for (const char* area : {"x", "y", "z"}) {
        track.areas.push_back({area, area, "", 1.0, "", ""});
        for (int i = 0; i < 13; ++i) {
            Item item;
            item.id = std::string(area) + std::to_string(i);
            item.area = area;
            item.type = cloudtrack::content::ItemType::true_false;
            item.options = {{"true", "True", true, ""}, {"false", "False", false, ""}};
            item.b = -1.5 + 0.25 * i;
            item.beta = i == 12;
            track.items.push_back(item);
        }
    }
    return track;
}

// A person who answers an item right when it is easier than `theta`.
json answer(const Track& track, const std::string& id, double theta)
{
    return track.find_item(id)->b < theta ? "true" : "false";
}

Form adaptive_form(const Track& track, std::uint64_t seed)
{
    FormRequest request{FormMode::adaptive, 0, 5, seed};
    request.rules = default_rules(track);
    return draw_form(track, request);
}
} // namespace

TEST_CASE("an adaptive attempt replays to the same test however it was interrupted", "[assessment][adaptive]")
{
    const auto track = bank();
    const auto form = adaptive_form(track, 11);
    REQUIRE(form.rules);
    CHECK(form.items.empty());
    CHECK(form.beta.size() == 3);

    // One answer at a time, as an interactive session asks them.
    std::map<std::string, json> given;
    AdaptiveState state;
    for (;;) {
        state = replay(track, form, given, Missing::ask);
        if (!state.next) {
            break;
        }
        CHECK(state.presented.size() == given.size()); // everything before it was answered
        given[*state.next] = answer(track, *state.next, 0.6);
    }
    CHECK(state.stop != StopReason::none);
    CHECK(state.scored <= form.rules->max_items);
    CHECK(state.scored >= form.rules->min_per_area * 3);

    // Finishing from the stored answers rebuilds the same sequence and the same reason.
    const auto finished = replay(track, form, given, Missing::score_zero);
    CHECK(finished.presented == state.presented);
    CHECK(finished.stop == state.stop);
    // Beta items are seeded in, never first, after every third scored item.
    const auto first_beta = std::find(state.presented.begin(), state.presented.end(), form.beta[0]);
    REQUIRE(first_beta != state.presented.end());
    CHECK(first_beta - state.presented.begin() == 3);

    // Extra answers for items never asked change nothing.
    auto extra = given;
    for (const auto& item : track.items) {
        extra.try_emplace(item.id, "true");
    }
    CHECK(replay(track, form, extra, Missing::score_zero).presented == state.presented);

    // The form survives its JSON: a resumed or rescored attempt uses the stored rules.
    const auto stored = Form::from_json(form.to_json());
    CHECK(replay(track, stored, given, Missing::score_zero).presented == state.presented);
}

TEST_CASE("an adaptive test follows the person and prefers items not seen before", "[assessment][adaptive]")
{
    const auto track = bank();
    const auto sequence = [&](double theta, const std::vector<std::string>& seen) {
        FormRequest request{FormMode::adaptive, 0, 5, 3, seen};
        request.rules = default_rules(track);
        const auto form = draw_form(track, request);
        std::map<std::string, json> given;
        for (const auto& item : track.items) {
            given[item.id] = answer(track, item.id, theta);
        }
        return replay(track, form, given, Missing::score_zero).presented;
    };
    const auto mean_b = [&](const std::vector<std::string>& ids) {
        double sum = 0;
        for (const auto& id : ids) {
            sum += track.find_item(id)->b;
        }
        return sum / static_cast<double>(ids.size());
    };
    // A strong person is asked harder items than a weak one.
    CHECK(mean_b(sequence(1.2, {})) > mean_b(sequence(-1.2, {})) + 0.5);

    // On a retake, items of the first attempt come only when nothing unseen is left in the area.
    auto first = sequence(0.0, {});
    std::sort(first.begin(), first.end());
    const auto second = sequence(0.0, first);
    size_t repeats = 0;
    for (const auto& id : second) {
        if (!track.find_item(id)->beta) { // one beta item per area: those must come again
            repeats += std::binary_search(first.begin(), first.end(), id) ? 1U : 0U;
        }
    }
    // 36 scored items, at most 15 asked the first time: at least 7 unseen are left in each area.
    CHECK(repeats == 0);
}

TEST_CASE("an adaptive result records why the test stopped", "[assessment][adaptive]")
{
    const auto track = bank();
    AttemptRecord record;
    record.form = adaptive_form(track, 5);
    const auto state = replay(track, record.form, {}, Missing::score_zero);
    record.form.items = state.presented;
    record.stop_reason = to_string(state.stop);
    const auto result = score_attempt(track, record);
    REQUIRE(result.attempt.stop_reason);
    CHECK(*result.attempt.stop_reason == to_string(state.stop));
    const auto document = to_json(result);
    CHECK(document["attempt"]["form"]["mode"] == "adaptive");
    CHECK(document["attempt"]["form"]["rules"]["max_items"] == 15);
    CHECK(serialize(parse_result(document)) == serialize(result));
}
