// The cue statistics and their warnings over small hand-made banks: each warning fires past its
// bar, stays silent at or under it, and says nothing on too few items to judge.
#include "content/cue_stats.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace {

using cloudtrack::content::cue_stats;
using cloudtrack::content::cue_warnings;
using cloudtrack::content::CueWarning;
using cloudtrack::content::Item;
using cloudtrack::content::ItemType;
using cloudtrack::content::Option;
using cloudtrack::content::Track;

// A single-choice item: `key` is the correct option's text, at `position` among `distractors`.
Item single(const std::string& id, const std::string& key, std::vector<std::string> distractors,
            size_t position = 0)
{
    Item item;
    item.id = id;
    item.area = "a";
    item.type = ItemType::single_choice;
    std::vector<Option> options;
    for (size_t i = 0; i < distractors.size(); ++i) {
        options.push_back({"d" + std::to_string(i), distractors[i], false, "r"});
    }
    options.insert(options.begin() + static_cast<long>(position), Option{"key", key, true, "r"});
    item.options = options;
    return item;
}

Item true_false(const std::string& id, bool key)
{
    Item item;
    item.id = id;
    item.type = ItemType::true_false;
    item.options = {{"true", "True", key, "r"}, {"false", "False", !key, "r"}};
    return item;
}

Item multiple(const std::string& id, size_t keys)
{
    Item item;
    item.id = id;
    item.type = ItemType::multiple_choice;
    for (size_t i = 0; i < 4; ++i) {
        item.options.push_back({"o" + std::to_string(i), "Option text " + std::to_string(i), i < keys, "r"});
    }
    return item;
}

Item ordering(const std::string& id, std::vector<std::string> ids)
{
    Item item;
    item.id = id;
    item.type = ItemType::ordering;
    for (const auto& option : ids) {
        item.options.push_back({option, "Step " + option, false, ""});
    }
    return item;
}

// A single-choice item whose key ("Key text") has length rank `rank` among four options and sits at
// `position`; the first `sweeping` distractors carry a sweeping word (of the same length class).
Item ranked(const std::string& id, size_t rank, size_t position, size_t sweeping = 0)
{
    std::vector<std::string> distractors;
    for (size_t i = 0; i < 3; ++i) {
        const bool longer = i + 1 < rank;
        const bool sweep = i < sweeping;
        distractors.push_back(longer ? (sweep ? "Always the longer one" : "A longer option")
                                     : (sweep ? "Never" : "Short"));
    }
    return single(id, "Key text", distractors, position);
}

// n single-choice items, key ranks and positions each spread evenly over 1..4.
std::vector<Item> balanced_singles(size_t n)
{
    std::vector<Item> items;
    for (size_t i = 0; i < n; ++i) {
        items.push_back(ranked("s" + std::to_string(i), 1 + i % 4, i % 4));
    }
    return items;
}

Track track_of(std::vector<Item> items)
{
    Track track;
    track.items = std::move(items);
    return track;
}

std::vector<std::string> messages(const std::vector<CueWarning>& warnings)
{
    std::vector<std::string> out;
    for (const auto& w : warnings) {
        out.push_back(w.pointer + ": " + w.message);
    }
    return out;
}

bool any_contains(const std::vector<CueWarning>& warnings, const std::string& part)
{
    for (const auto& w : warnings) {
        if (w.message.find(part) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

TEST_CASE("cues: the key's length rank counts options strictly longer than the key", "[content][cues]")
{
    using cloudtrack::content::key_length_rank;
    CHECK(key_length_rank(single("i", "the longest option", {"short", "shorter"})) == 1);
    CHECK(key_length_rank(single("i", "mid", {"a much longer one", "x"})) == 2);
    // Ties do not push the key down: only options strictly longer count.
    CHECK(key_length_rank(single("i", "same", {"four", "tiny"})) == 1);
    // Characters, not bytes, and whitespace runs count once.
    CHECK(key_length_rank(single("i", "θθθθ", {"abcde"})) == 2);
    CHECK(key_length_rank(single("i", "a  b", {"abcd"})) == 2);
}

TEST_CASE("cues: parts and sweeping words are whole words in any case", "[content][cues]")
{
    using cloudtrack::content::has_sweeping_word;
    using cloudtrack::content::part_marks;
    CHECK(part_marks("Tag the image, scan it and then sign it; deploy") == 4);
    CHECK(part_marks("Android brand") == 0); // "and" inside a word is not a part
    CHECK(part_marks("AND THEN") == 2);
    CHECK(has_sweeping_word("It ALWAYS restarts"));
    CHECK(has_sweeping_word("all-or-nothing"));
    CHECK(!has_sweeping_word("Install it, nevertheless"));
    CHECK(!has_sweeping_word("Nonexistent"));
}

TEST_CASE("cues: a balanced bank has no warnings", "[content][cues]")
{
    auto items = balanced_singles(12);
    for (size_t i = 0; i < 6; ++i) {
        items.push_back(true_false("tf" + std::to_string(i), i % 2 == 0));
    }
    for (size_t i = 0; i < 6; ++i) {
        items.push_back(multiple("mc" + std::to_string(i), 1 + i % 3));
    }
    items.push_back(ordering("o", {"deploy", "build", "test"}));
    const auto track = track_of(items);
    CHECK(messages(cue_warnings(track)).empty());
    const auto s = cue_stats(track);
    CHECK(s.single_choice == 12);
    CHECK(s.key_positions == std::vector<size_t>{3, 3, 3, 3});
    CHECK(s.true_keys == 3);
    CHECK(s.key_counts.size() == 3);
}

TEST_CASE("cues: the key longest, or one of the two longest, past its bar", "[content][cues]")
{
    // Ranks 1, 2, 3, 4, 1, 2 and then 1, 1, 3, 3: 4 of 10 longest (40% > 30%), 6 of 10 in the top two.
    auto items = balanced_singles(6);
    for (const size_t rank : {1U, 1U, 3U, 3U}) {
        items.push_back(ranked("r" + std::to_string(items.size()), rank, items.size() % 4));
    }
    auto warnings = cue_warnings(track_of(items));
    CHECK(messages(warnings) ==
          std::vector<std::string>{"/items: the key is the longest option in 4 of 10 (40%) "
                                   "single-choice items (at most 30%): lengthen distractors "
                                   "or shorten keys"});
    // Then 1, 2, 2, 2: 3 of 10 longest is at the bar, 8 of 10 in the top two is past 60%.
    items.resize(6);
    for (const size_t rank : {1U, 2U, 2U, 2U}) {
        items.push_back(ranked("r" + std::to_string(items.size()), rank, items.size() % 4));
    }
    CHECK(messages(cue_warnings(track_of(items))) ==
          std::vector<std::string>{"/items: the key is one of the two longest options in 8 of 10 (80%) "
                                   "single-choice items (at most 60%)"});
    // Under k_min_single_choice items a share is noise: no warning.
    items.resize(9);
    CHECK(cue_warnings(track_of(items)).empty());
}

TEST_CASE("cues: key position, True share and multiple-choice key counts", "[content][cues]")
{
    std::vector<Item> items;
    for (size_t i = 0; i < 12; ++i) {
        items.push_back(ranked("s" + std::to_string(i), 1 + i % 4, i < 5 ? 2 : i % 2)); // position 3: 5 of 12
    }
    auto warnings = cue_warnings(track_of(items));
    CHECK(any_contains(warnings, "option 3 is the key in 5 of 12 (42%)"));
    items.pop_back(); // 11 items: too few to judge position
    CHECK(!any_contains(cue_warnings(track_of(items)), "is the key in"));

    std::vector<Item> tf;
    for (size_t i = 0; i < 5; ++i) {
        tf.push_back(true_false("tf" + std::to_string(i), i == 0)); // 1 of 5 True: 20%
    }
    CHECK(messages(cue_warnings(track_of(tf))) ==
          std::vector<std::string>{
              "/items: True is the key in 1 of 5 (20%) true/false items (between 40% and 60%)"});
    tf.pop_back();
    CHECK(cue_warnings(track_of(tf)).empty()); // 4 items: too few

    std::vector<Item> mc;
    for (size_t i = 0; i < 5; ++i) {
        mc.push_back(multiple("mc" + std::to_string(i), i < 4 ? 3 : 1)); // 4 of 5 with 3 keys
    }
    CHECK(messages(cue_warnings(track_of(mc))) ==
          std::vector<std::string>{
              "/items: 4 of 5 (80%) multiple-choice items have exactly 3 correct options (at "
              "most 60% with any one count)"});
    mc[3] = multiple("mc3", 2); // 3 of 5 (60%): at the bar
    CHECK(cue_warnings(track_of(mc)).empty());
}

TEST_CASE("cues: sweeping words in distractors, and keys that alone bundle several parts", "[content][cues]")
{
    auto items = balanced_singles(10);
    for (size_t i = 0; i < 2; ++i) {
        items[i] = ranked(items[i].id, 1 + i % 4, i % 4, 1);
    }
    // 2 of 30 distractors (7%) and 0 keys: under 10 points apart.
    CHECK(cue_warnings(track_of(items)).empty());
    for (size_t i = 2; i < 4; ++i) {
        items[i] = ranked(items[i].id, 1 + i % 4, i % 4, 1);
    }
    CHECK(messages(cue_warnings(track_of(items))) ==
          std::vector<std::string>{
              "/items: sweeping words (always, never, all, every, only, none) are in 4 of 30 "
              "(13%) distractors but 0 of 10 (0%) keys (at most 10 points apart)"});

    // Multi-part keys replace rank-1 items, so the length bars stay met.
    items = balanced_singles(10);
    items[0] = single("mp0", "Scan, sign and then push", {"Scan it", "Sign it", "Push it"});
    items[4] =
        single("mp4", "Tag it, then push", {"Tag it", "Push it", "Sign, then tag"}); // 2 parts, not more
    CHECK(cue_warnings(track_of(items)).empty());                                    // 1 of 10 (10%)
    items[8] = single("mp8", "Build it; test it, ship it", {"Build", "Test", "Ship"});
    CHECK(messages(cue_warnings(track_of(items))) ==
          std::vector<std::string>{
              "/items: the key is the only multi-part option in 2 of 10 (20%) single-choice "
              "items (at most 15%): mp0, mp8"});
}

TEST_CASE("cues: an ordering item whose ids sort into the key is reported on its own", "[content][cues]")
{
    const auto track =
        track_of({ordering("plain", {"x", "y", "z"}), ordering("fine", {"plan", "apply", "verify"}),
                  ordering("numbered", {"1", "2", "3"})});
    CHECK(
        messages(cue_warnings(track)) ==
        std::vector<std::string>{
            "/items/0/options: item 'plain': the option ids x, y, z sort into the key order, so sorting them "
            "answers the item; use ids that do not follow the order",
            "/items/2/options: item 'numbered': the option ids 1, 2, 3 sort into the key order, so sorting "
            "them answers the item; use ids that do not follow the order"});
}

TEST_CASE("cues: items per area by difficulty and type, beta apart", "[content][cues]")
{
    Track track;
    track.areas = {{"a", "A", "", 1.0, "", ""}, {"b", "B", "", 1.0, "", ""}};
    auto one = single("1", "k", {"d"});
    one.difficulty = "hard";
    auto two = true_false("2", true);
    two.area = "b";
    two.difficulty = "easy";
    auto three = true_false("3", true);
    three.area = "b";
    three.beta = true;
    track.items = {one, two, three};
    const auto counts = cloudtrack::content::area_counts(track);
    REQUIRE(counts.size() == 3);
    CHECK(counts[0].area == "a");
    CHECK(counts[0].active == 1);
    CHECK(counts[0].by_difficulty == std::array<size_t, 3>{0, 0, 1});
    CHECK(counts[1].active == 1);
    CHECK(counts[1].beta == 1);
    CHECK(counts[1].by_type == std::array<size_t, 5>{0, 0, 1, 0, 0});
    CHECK(counts[2].area.empty());
    CHECK(counts[2].active == 2);
    CHECK(counts[2].beta == 1);
}
