// An interactive assessment of the scoring fixture track driven through a pseudo-terminal, for
// tests that interrupt one (a killed process, a lost database connection) and resume it.
#pragma once

#include "pty_process.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace cloudtrack::test {

inline std::map<std::string, std::string> pty_env(const TempDir& home)
{
    return {{"PATH", "/usr/bin:/bin"},
            {"HOME", home.path().string()},
            {"CLOUDTRACK_HOME", (home / "data").string()},
            {"TERM", "xterm"},
            {"NO_COLOR", "1"},
            {"USER", "tester"}};
}

// What a person types for each scoring-fixture item (display letters; ordering shows shuffled
// letters, and any full permutation is a valid answer).
inline const std::map<std::string, std::string> k_typed = {
    {"sc", "b"},       {"tf", "b"},           {"mc-all", "ac"},     {"mc-every", "ab"}, {"mc-halves", "acd"},
    {"num", "15.4 %"}, {"ord-exact", "abcd"}, {"ord-pair", "dcba"}, {"beta", "a"}};

inline std::string item_on_screen(const std::string& screen)
{
    static const std::regex k_stem("Question ([a-z-]+)\\?");
    std::string last;
    for (auto it = std::sregex_iterator(screen.begin(), screen.end(), k_stem); it != std::sregex_iterator();
         ++it) {
        last = (*it)[1];
    }
    return last;
}

// `cloudtrack [global...] assess scoring --full --seed 11 [extra...]`
inline std::vector<std::string> base_args(const std::vector<std::string>& extra = {},
                                          const std::vector<std::string>& global = {})
{
    std::vector<std::string> args = {CLOUDTRACK_TEST_BINARY, "--plugin-path", scoring_dir().string()};
    args.insert(args.end(), global.begin(), global.end());
    for (const char* arg : {"assess", "scoring", "--full", "--seed", "11"}) {
        args.emplace_back(arg);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

// Rates both areas 1, then answers `items` items; returns them in order. When it returns, the
// next item is on screen: every answer returned was acknowledged by the next prompt.
inline std::vector<std::string> answer_some(PtyProcess& session, int items)
{
    std::vector<std::string> answered;
    for (int area = 0; area < 2; ++area) {
        REQUIRE(session.wait_for("[0-3, q quit]: "));
        session.type_line("1");
    }
    for (int i = 0; i < items; ++i) {
        REQUIRE(session.wait_for("q save and quit]: "));
        const auto item = item_on_screen(session.screen());
        REQUIRE(k_typed.count(item) == 1);
        session.type_line(k_typed.at(item));
        answered.push_back(item);
    }
    REQUIRE(session.wait_for("q save and quit]: "));
    return answered;
}

// Answers the `remaining` items a resumed session asks, checking that none of `answered` is asked
// again, and waits for the result to be saved.
inline void finish_resumed(PtyProcess& resumed, const std::vector<std::string>& answered, int remaining)
{
    for (int asked = 0; asked < remaining; ++asked) {
        REQUIRE(resumed.wait_for("]: "));
        if (resumed.screen().find("Finish now?") != std::string::npos) {
            FAIL("an item was lost: " << resumed.screen());
        }
        const auto item = item_on_screen(resumed.screen());
        REQUIRE(!item.empty());
        // Resuming starts at the first unanswered item: nothing answered is asked again.
        CHECK(std::find(answered.begin(), answered.end(), item) == answered.end());
        resumed.type_line(k_typed.at(item));
    }
    REQUIRE(resumed.wait_for("Saved as result"));
    CHECK(resumed.wait_exit() == 0);
}

} // namespace cloudtrack::test
