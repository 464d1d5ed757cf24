// Progress read from the parts of stored results: fields checked where they enter, numbers kept
// exactly, and missing fields named by their pointer.
#include "career/progress.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace {

using namespace cloudtrack::host::career;
using Catch::Matchers::Contains;
using nlohmann::json;

json parts(int id, double theta, int items)
{
    const json figures = {
        {"percent", 37.5}, {"theta", theta}, {"se", 0.30000000000000004}, {"level_name", "Mid"}};
    auto area = figures;
    area["id"] = "net";
    area["name"] = "Networking";
    area["items"] = items;
    area["gap_note"] = "ignored";
    return json::array(
        {{{"id", id}, {"finished_at", "t" + std::to_string(id)}, {"form", json::object()}},
         {{"id", "devops"}, {"name", "DevOps"}, {"version", "1.0.0"}, {"content_sha256", "abc"}},
         figures,
         json::array({area})});
}

} // namespace

TEST_CASE("progress: results read from their parts, oldest first", "[career]")
{
    const std::vector<ProgressResult> results = {progress_result(parts(1, -1.0, 4)),
                                                 progress_result(parts(2, 0.1234567891234, 4))};
    const auto document = progress(results);
    CHECK(document["track"] == "devops");
    CHECK(document["attempts"].size() == 2);
    CHECK(document["overall"]["points"][1]["theta"].get<double>() == 0.1234567891234);
    CHECK(document["overall"]["points"][0]["se"].dump() == "0.30000000000000004");
    CHECK(document["overall"]["change"]["verdict"] == "improved");
    CHECK(document["areas"][0]["points"].size() == 2);

    // An area without scored items is not a point.
    const auto unmeasured = progress({progress_result(parts(1, -1.0, 0)), results[1]});
    CHECK(unmeasured["areas"][0]["points"].size() == 1);
    CHECK(unmeasured["areas"][0]["change"].is_null());
}

TEST_CASE("progress: a stored result missing a field is named by its pointer", "[career]")
{
    auto broken = parts(7, 0.0, 1);
    broken[3][0].erase("theta");
    CHECK_THROWS_WITH(progress_result(broken), Contains("stored result 7: /areas/0/theta: missing"));
    broken = parts(7, 0.0, 1);
    broken[2]["percent"] = "high";
    CHECK_THROWS_WITH(progress_result(broken), Contains("/overall/percent"));
    CHECK_THROWS_WITH(progress_result(json::array()), Contains("/attempt"));
}
