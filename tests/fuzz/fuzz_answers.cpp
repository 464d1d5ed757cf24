// The answers file parser against a fixed small track holding every item type, and scoring of
// whatever it accepts.
#include "assessment/answers_file.hpp"
#include "assessment/result.hpp"
#include "content/parse.hpp"
#include "fuzz_track.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const cloudtrack::content::Track& track()
{
    static const auto loaded = cloudtrack::content::load(cloudtrack::fuzz::k_track);
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
