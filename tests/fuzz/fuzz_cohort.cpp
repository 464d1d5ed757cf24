// Result files other people share for a cohort: parsed as `cohort` parses them, then summarized
// (each document also counted as three people, so the summary itself runs, not only its checks).
#include "career/cohort.hpp"
#include "util/json_read.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    namespace career = cloudtrack::host::career;
    auto parsed = cloudtrack::util::parse_json(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed.ok()) {
        return 0;
    }
    const std::string track =
        parsed->is_object() && parsed->contains("track") && (*parsed)["track"].is_object()
            ? (*parsed)["track"].value("id", std::string("devops"))
            : "devops";
    career::CohortBuilder cohort(track, career::CohortOptions{3, 3});
    const auto add = [&](const nlohmann::json& document) {
        for (int copy = 0; copy < 3; ++copy) {
            auto person = document;
            if (person.is_object() && person.contains("attempt") && person["attempt"].is_object()) {
                person["attempt"]["profile"] = "person-" + std::to_string(copy);
            }
            (void)cohort.add("fuzz", person);
        }
    };
    if (parsed->is_array()) {
        for (const auto& document : *parsed) {
            add(document);
        }
    } else {
        add(*parsed);
    }
    (void)cohort.summary();
    return 0;
}
