// Content at scale (DESIGN budgets): a track of 30,000 options parsed, validated and built, with
// plain JSON parsing of the same bytes as the baseline measured in the same run; and drawing a
// form from a 10,000-item bank.
#include "assessment/form.hpp"
#include "bench_timing.hpp"
#include "content/parse.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

std::string big_track(size_t items, size_t options_per_item)
{
    using nlohmann::json;
    json doc = {
        {"schema", "cloudtrack.track/1"},
        {"track",
         {{"id", "big"}, {"name", "Big"}, {"version", "1.0.0"}, {"vendor", "bench"}, {"description", "d"}}},
        {"metrics", json::array({{{"id", "m"}, {"name", "M"}, {"description", "d"}, {"direction", "up"}}})},
        {"levels", json::array({{{"id", "l0"}, {"name", "L0"}, {"description", "d"}},
                                {{"id", "l1"}, {"name", "L1"}, {"description", "d"}, {"min_theta", 0.0}}})},
        {"areas", json::array()},
        {"items", json::array()}};
    for (int a = 0; a < 20; ++a) {
        doc["areas"].push_back({{"id", "area-" + std::to_string(a)},
                                {"name", "Area"},
                                {"description", "d"},
                                {"self_rating_prompt", "p"}});
    }
    const char* difficulties[] = {"easy", "medium", "hard"};
    for (size_t i = 0; i < items; ++i) {
        json options = json::array();
        for (size_t o = 0; o < options_per_item; ++o) {
            options.push_back(
                {{"id", std::string(1, static_cast<char>('a' + o))},
                 {"text", "An option of realistic length that describes one possible course of action."},
                 {"correct", o == i % options_per_item},
                 {"rationale", "Why this option is right or wrong, in a sentence or two of explanation."}});
        }
        doc["items"].push_back(
            {{"id", "item-" + std::to_string(i)},
             {"area", "area-" + std::to_string(i % 20)},
             {"type", "single_choice"},
             {"difficulty", difficulties[i % 3]},
             {"stem", "A realistic scenario of a few sentences that sets up the question to answer."},
             {"explanation", "Why the key is right and the distractors are not."},
             {"references", json::array({{{"title", "Docs"}, {"url", "https://example.org/docs"}}})},
             {"options", options}});
    }
    return doc.dump();
}

using cloudtrack::bench::median_ms;

} // namespace

int main()
{
    const auto document = big_track(6000, 5);
    const double parse = median_ms(11, [&] {
        const auto parsed = nlohmann::json::parse(document);
        if (parsed.is_discarded()) {
            std::fprintf(stderr, "the generated track is not JSON\n");
        }
    });
    const double load = median_ms(11, [&] {
        if (!cloudtrack::content::check(document).track) {
            std::fprintf(stderr, "the generated track is invalid\n");
        }
    });
    std::printf("track of 30,000 options (6,000 items, %.1f MB), median of 11 runs\n",
                static_cast<double>(document.size()) / 1e6);
    std::printf("  JSON parse only (baseline)           %8.2f ms\n", parse);
    std::printf("  parse + validate + build the model   %8.2f ms   (budget: 200 ms)\n", load);
    std::printf("  ratio                                %8.2f x   (budget: 1.5x)%s\n", load / parse,
                load <= 200.0 && load <= 1.5 * parse ? "" : "  MISSED");

    const auto bank = cloudtrack::content::check(big_track(10000, 2)).track;
    using namespace cloudtrack::host::assessment;
    std::uint64_t seed = 1;
    const double draw = median_ms(101, [&] { (void)draw_form(*bank, {FormMode::standard, 0, 5, seed++}); });
    std::printf("\nform drawing on a 10,000-item bank (20 areas x 5 items), median of 101 runs\n");
    std::printf("  whole form                           %8.3f ms\n", draw);
    std::printf("  per item selected                    %8.4f ms   (budget: 1 ms per next item)\n",
                draw / 100.0);
    return 0;
}
