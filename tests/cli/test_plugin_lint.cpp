// `cloudtrack plugin validate` as the track author's lint, run as a black box over the plugins in
// tests/lint-fixtures/: one line per problem, "error: FILE: ..." or "warning: FILE: ...", exit 1
// only when there are errors.
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::run_cli;
using cloudtrack::test::TempDir;

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

// The lint fixtures copied into a folder only their owner can change, as the host requires.
struct LintFixtures {
    TempDir home;
    TempDir plugins;

    LintFixtures()
    {
        fs::permissions(plugins.path(), k_plugin_mode);
        for (const auto* name : {"lint-clean", "lint-warnings", "lint-keys", "lint-exports", "lint-cues"}) {
            const auto to = file(name);
            cloudtrack::test::copy_plugin(
                fs::path(CLOUDTRACK_TEST_LINT_FIXTURES) / (std::string(name) + ".so"), to);
        }
    }
    [[nodiscard]] std::string file(const std::string& name) const
    {
        return (plugins.path() / (name + ".so")).string();
    }
    [[nodiscard]] cloudtrack::test::RunResult validate(const std::vector<std::string>& names,
                                                       const std::vector<std::string>& options = {}) const
    {
        std::vector<std::string> args = {"plugin", "validate"};
        args.insert(args.end(), options.begin(), options.end());
        for (const auto& name : names) {
            args.push_back(file(name));
        }
        return run_cli(args, home.path());
    }
};

// The one line of `lines` that contains every one of `parts`.
std::string line_with(const std::vector<std::string>& lines, const std::vector<std::string>& parts)
{
    std::vector<std::string> found;
    for (const auto& line : lines) {
        if (std::all_of(parts.begin(), parts.end(),
                        [&](const auto& p) { return line.find(p) != line.npos; })) {
            found.push_back(line);
        }
    }
    INFO("looking for one line with: " << parts.front());
    REQUIRE(found.size() == 1);
    return found.front();
}

} // namespace

TEST_CASE("lint: a clean track is ok", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-clean"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK(result.out == f.file("lint-clean") + ": ok\n");
}

TEST_CASE("lint: content a reviewer would send back is a warning, and warnings alone exit 0", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-warnings"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    const auto prefix = "warning: " + f.file("lint-warnings") + ": ";
    for (const auto& line : lines) {
        CHECK_THAT(line, StartsWith(prefix));
    }
    CHECK(lines.size() == 5);
    CHECK(line_with(lines, {"item 'warn-short'"}) ==
          prefix + "/items/5/explanation: item 'warn-short': the explanation is only 13 characters; say why "
                   "the key is right (at least 20)");
    // Compared as a reader sees them: case and runs of spaces do not make a stem different.
    CHECK(line_with(lines, {"item 'warn-dup'"}) ==
          prefix + "/items/6/stem: item 'warn-dup': the same stem as item 'tf-01' (/items/4)");
    CHECK(line_with(lines, {"item 'warn-placeholder'"}) ==
          prefix + "/items/7/references/0/url: item 'warn-placeholder': https://docs.example.com/canary is a "
                   "placeholder, not a source a reader can open");
    CHECK(line_with(lines, {"item 'warn-exact'"}) ==
          prefix +
              "/items/8/tolerance: item 'warn-exact': tolerance 0 on the answer 3.3333 accepts only that "
              "exact decimal; allow for rounding");
    // Stale against the system clock; a retired rung's facts are history and are not reported.
    CHECK(line_with(lines, {"rung 'old-cert'"}) ==
          prefix + "/ladder/0/as_of: rung 'old-cert': checked on 2019-03-01, more than 12 months ago; check "
                   "the facts again at https://www.cncf.io/training/certification/ and update as_of, or say "
                   "in notes "
                   "what is not re-checked");
    CHECK_THAT(result.out, !Contains("retired-cert"));
}

TEST_CASE("lint: answer keys that do not fit their item type are errors, exit 1", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-keys"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    const auto prefix = "error: " + f.file("lint-keys") + ": ";
    CHECK(lines.size() == 4);
    CHECK(line_with(lines, {"item 'key-tolerance'"}) ==
          prefix + "/items/5/tolerance: item 'key-tolerance': tolerance 20 is larger than |answer| 15, so 0 "
                   "and answers of the wrong sign score as correct");
    CHECK(line_with(lines, {"item 'key-order-two'"}) ==
          prefix +
              "/items/7/options: item 'key-order-two': an ordering item needs at least 3 options (with 2, "
              "it is a true/false question)");
    CHECK(line_with(lines, {"item 'key-mc-two'"}) ==
          prefix + "/items/8/options: item 'key-mc-two': a multiple-choice item needs at least 3 options "
                   "(with 2, exactly one is correct: make it single_choice)");
    CHECK(line_with(lines, {"item 'key-same-text'"}) ==
          prefix + "/items/9/options/2/text: item 'key-same-text': options 'a' and 'c' have the same text");
    // An answer of 0 with a tolerance is a fine key.
    CHECK_THAT(result.out, !Contains("key-zero"));
}

TEST_CASE("lint: cues a test-wise guesser could use are warnings, and warnings alone exit 0", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-cues"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    const auto prefix = "warning: " + f.file("lint-cues") + ": ";
    for (const auto& line : lines) {
        CHECK_THAT(line, StartsWith(prefix));
    }
    CHECK(lines.size() == 8);
    CHECK(line_with(lines, {"the longest option"}) ==
          prefix +
              "/items: the key is the longest option in 13 of 13 (100%) single-choice items (at most 30%): "
              "lengthen distractors or shorten keys");
    CHECK(line_with(lines, {"two longest"}) ==
          prefix + "/items: the key is one of the two longest options in 13 of 13 (100%) single-choice items "
                   "(at most 60%)");
    CHECK(line_with(lines, {"multi-part"}) ==
          prefix + "/items: the key is the only multi-part option in 12 of 13 (92%) single-choice items (at "
                   "most 15%): cue-single-01, cue-single-02, cue-single-03, cue-single-04, cue-single-05, "
                   "cue-single-06, cue-single-07, cue-single-08 and 4 more");
    CHECK(line_with(lines, {"option 1 is the key"}) ==
          prefix +
              "/items: option 1 is the key in 13 of 13 (100%) single-choice items (at most 40% in any one "
              "position)");
    CHECK(line_with(lines, {"True is the key"}) ==
          prefix + "/items: True is the key in 1 of 6 (17%) true/false items (between 40% and 60%)");
    CHECK(line_with(lines, {"multiple-choice"}) ==
          prefix +
              "/items: 6 of 6 (100%) multiple-choice items have exactly 2 correct options (at most 60% with "
              "any one count)");
    CHECK_THAT(line_with(lines, {"sweeping words"}),
               StartsWith(prefix +
                          "/items: sweeping words (always, never, all, every, only, none) are in 24 of 44"));
    CHECK(line_with(lines, {"cue-order-01"}) ==
          prefix +
              "/items/27/options: item 'cue-order-01': the option ids a, b, c, d sort into the key order, so "
              "sorting them answers the item; use ids that do not follow the order");
}

TEST_CASE("lint: --stats prints each bank's items per area, cue figures and cut points", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-clean", "lint-cues"}, {"--stats"});
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    // The findings first, then each file's statistics after its own findings.
    CHECK_THAT(result.out, StartsWith(f.file("lint-clean") + ": ok\n\nBank statistics: lint-clean 1.0.0\n"));
    CHECK_THAT(result.out, Contains("Bank statistics: lint-cues 1.0.0"));
    const auto cues = result.out.substr(result.out.find("Bank statistics: lint-cues"));
    const auto lines = lines_of(cues);
    // Items per area: 5 base items plus 12 single choice, 5 true/false, 5 multiple choice, 1 ordering.
    CHECK(line_with(lines, {"delivery  28"}) ==
          "delivery  28     0     7     20      1     13  6   6   1    2");
    CHECK(line_with(lines, {"all       28"}) ==
          "all       28     0     7     20      1     13  6   6   1    2");
    CHECK(line_with(lines, {"key is the longest option"}) ==
          "key is the longest option            13 of 13 (100%)               at most 30%              WARN");
    CHECK(line_with(lines, {"key position"}) ==
          "key position (option 1/2/...)        13/0/0/0                      at most 40% each         WARN");
    CHECK(line_with(lines, {"True is the key"}) ==
          "True is the key (true/false)         1 of 6 (17%)                  40% to 60%               WARN");
    CHECK(line_with(lines, {"sweeping words"}) ==
          "sweeping words in keys, distractors  1 of 25 (4%), 24 of 44 (55%)  at most 10 points apart  WARN");
    CHECK(line_with(lines, {"ordering items in key-id order"}) ==
          "ordering items in key-id order       cue-order-01                  none                     WARN");
    // Cut points: the only level above the first starts at θ 0.0; a standard form has 5 per area.
    CHECK_THAT(cues, Contains("Practitioner (θ 0.0)"));
    CHECK(line_with(lines, {"delivery  5 items"}) == "delivery  5 items  1.00    -0.21   3 of 5");
    // The clean track passes every bar it has enough items to judge.
    const auto clean = result.out.substr(0, result.out.find("Bank statistics: lint-cues"));
    CHECK_THAT(clean, !Contains("WARN"));
    CHECK_THAT(clean, Contains("too few"));
}

TEST_CASE("lint: every symbol exported besides the entry is an error", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-exports"});
    CHECK(result.exit_code == 1);
    CHECK(result.err.empty());
    const auto lines = lines_of(result.out);
    const auto prefix = "error: " + f.file("lint-exports") + ": exports '";
    for (const auto& line : lines) {
        CHECK_THAT(line, StartsWith("error: " + f.file("lint-exports") + ": exports "));
    }
    const std::string advice =
        ": only cloudtrack_plugin_entry_v1 may be exported; build with cloudtrack_add_track(), whose version "
        "script hides the rest";
    CHECK(line_with(lines, {"'cloudtrack_leaked_counter'"}) ==
          prefix + "cloudtrack_leaked_counter'" + advice);
    CHECK(line_with(lines, {"'cloudtrack_leaked_length'"}) == prefix + "cloudtrack_leaked_length'" + advice);
    CHECK(line_with(lines, {"leaky::helper"}) ==
          prefix + "_ZN5leaky6helperEi' (leaky::helper(int))" + advice);
    // The entry is the one export allowed; undefined symbols are what the plugin uses, not offers.
    CHECK_THAT(result.out, !Contains("'cloudtrack_plugin_entry_v1'"));
    CHECK_THAT(result.out, !Contains("strlen"));
    CHECK_THAT(result.out, !Contains("__cxa_finalize"));
    // The content is clean and the code loads: nothing else to report.
    CHECK_THAT(result.out, !Contains("/items/"));
    CHECK_THAT(result.out, !Contains("loaded:"));
}

TEST_CASE("lint: several files, each reported on its own", "[cli][lint]")
{
    const LintFixtures f;
    const auto result = f.validate({"lint-clean", "lint-warnings", "lint-keys"});
    CHECK(result.exit_code == 1); // lint-keys has errors
    const auto lines = lines_of(result.out);
    CHECK(lines.size() == 1 + 5 + 4);
    CHECK(lines.front() == f.file("lint-clean") + ": ok");
    CHECK(std::count_if(lines.begin(), lines.end(),
                        [](const auto& l) { return l.rfind("warning: ", 0) == 0; }) == 5);
    CHECK(std::count_if(lines.begin(), lines.end(),
                        [](const auto& l) { return l.rfind("error: ", 0) == 0; }) == 4);

    // Warnings in one file and none anywhere else: still a pass.
    CHECK(f.validate({"lint-clean", "lint-warnings"}).exit_code == 0);
}

TEST_CASE("lint: the template and every shipped track have no errors and no warnings", "[cli][lint]")
{
    TempDir home;
    const auto template_file = (cloudtrack::test::template_dir() / "template.so").string();
    const auto template_result = run_cli({"plugin", "validate", template_file}, home.path());
    CHECK(template_result.exit_code == 0);
    CHECK(template_result.out == template_file + ": ok\n"); // the template is what authors copy

    std::vector<std::string> args = {"plugin", "validate"};
    for (const auto& entry : fs::directory_iterator(cloudtrack::test::builtin_dir())) {
        if (entry.path().extension() == ".so") {
            args.push_back(entry.path().string());
        }
    }
    REQUIRE(args.size() > 2);
    const auto result = run_cli(args, home.path());
    INFO(result.out);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, !Contains("error: "));
    // Shipped banks are free of cues and stale ladder facts: every warning is fixed, not waived.
    CHECK_THAT(result.out, !Contains("warning: "));
    const auto stats = run_cli({"plugin", "validate", "--stats", args.back()}, home.path());
    CHECK(stats.exit_code == 0);
    CHECK_THAT(stats.out, !Contains("WARN"));
}
