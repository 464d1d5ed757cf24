// The answers file parser against a fixed small track holding every item type, and scoring of
// whatever it accepts.
#include "assessment/answers_file.hpp"
#include "assessment/result.hpp"
#include "content/parse.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const cloudtrack::content::Track& track()
{
    static const auto loaded = cloudtrack::content::load(R"({
      "schema": "cloudtrack.track/1",
      "track": {"id": "fuzz", "name": "Fuzz", "version": "1.0.0", "vendor": "tests", "description": "d"},
      "metrics": [{"id": "m", "name": "M", "description": "d", "direction": "up"}],
      "levels": [{"id": "l0", "name": "L0", "description": "d"}, {"id": "l1", "name": "L1", "description": "d", "min_theta": 0}],
      "areas": [{"id": "a", "name": "A", "description": "d", "self_rating_prompt": "p"}],
      "items": [
        {"id": "sc", "area": "a", "type": "single_choice", "stem": "s", "explanation": "e", "difficulty": "easy",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"}, {"id": "b", "text": "y", "correct": false, "rationale": "r"}]},
        {"id": "mc", "area": "a", "type": "multiple_choice", "scoring": "halves", "stem": "s", "explanation": "e", "difficulty": "hard",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "a", "text": "x", "correct": true, "rationale": "r"}, {"id": "b", "text": "y", "correct": false, "rationale": "r"},
                     {"id": "c", "text": "z", "correct": true, "rationale": "r"}]},
        {"id": "num", "area": "a", "type": "numeric", "answer": 10, "tolerance": 0.5, "stem": "s", "explanation": "e",
         "difficulty": "medium", "references": [{"title": "t", "url": "https://example.org"}]},
        {"id": "ord", "area": "a", "type": "ordering", "scoring": "pairwise", "stem": "s", "explanation": "e", "difficulty": "medium",
         "references": [{"title": "t", "url": "https://example.org"}],
         "options": [{"id": "x", "text": "1"}, {"id": "y", "text": "2"}, {"id": "z", "text": "3"}]}
      ]})");
    if (!loaded) {
        std::abort(); // the fixed track itself must be valid
    }
    return *loaded;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    using namespace cloudtrack::host::assessment;
    Form form{FormMode::full, 1, {"sc", "mc", "num", "ord"}};
    const auto parsed =
        parse_answers(std::string_view(reinterpret_cast<const char*>(data), size), track(), form);
    if (parsed.problems.empty()) {
        AttemptRecord record;
        record.form = form;
        record.responses = parsed.answers.responses;
        record.self_ratings = parsed.answers.self_ratings;
        (void)serialize(score_attempt(track(), record));
    }
    return 0;
}
