#include "catalog/catalog.hpp"
#include "content/peek.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

using cloudtrack::content::peek_info;
using nlohmann::json;

namespace {

json track_object()
{
    return {{"id", "t"},
            {"name", "T — a track"},
            {"version", "1.2.3-rc.1"},
            {"vendor", "v"},
            {"description", "d\n\"q\""}};
}

// A document that is only a summary and bulk: what peek_info() must read past.
json document(const json& track)
{
    return {{"schema", "cloudtrack.track/1"},
            {"abi", {{"major", 1}, {"minor", 0}}},
            {"items", json::array({{{"stem", "{[\"\\}"}, {"n", -1.5e3}, {"ok", true}, {"none", nullptr}}})},
            {"track", track}};
}

} // namespace

TEST_CASE("the summary is read past the rest of the document, as validation would read it", "[content][peek]")
{
    const auto info = peek_info(document(track_object()).dump());
    REQUIRE(info);
    CHECK(info->id == "t");
    CHECK(info->name == "T — a track");
    CHECK(info->version == "1.2.3-rc.1");
    CHECK(info->description == "d\n\"q\"");
    REQUIRE(info->abi);
    CHECK(info->abi->major_version == 1);
    CHECK(info->abi->minor_version == 0);

    // Spaces and key order do not matter; a document without "abi" has none.
    auto doc = document(track_object());
    doc.erase("abi");
    const auto spaced = peek_info(doc.dump(2));
    REQUIRE(spaced);
    CHECK_FALSE(spaced->abi);
    CHECK(spaced->name == info->name);
}

TEST_CASE("the summary of every built-in track is the one validation builds", "[content][peek]")
{
    int tracks = 0;
    for (const auto& entry : std::filesystem::directory_iterator(cloudtrack::test::builtin_dir())) {
        if (entry.path().extension() != ".so") {
            continue;
        }
        const auto plugin = cloudtrack::host::catalog::inspect_file(entry.path());
        REQUIRE(plugin.track);
        const auto& validated = plugin.track->info;
        const auto info = peek_info(plugin.document);
        REQUIRE(info);
        CHECK(info->id == validated.id);
        CHECK(info->name == validated.name);
        CHECK(info->version == validated.version);
        CHECK(info->vendor == validated.vendor);
        CHECK(info->description == validated.description);
        CHECK(info->abi.has_value() == validated.abi.has_value());
        ++tracks;
    }
    CHECK(tracks == 5);
}

TEST_CASE("anything unusual in the summary leaves it to full validation", "[content][peek]")
{
    const auto with = [](const char* key, json value) {
        auto track = track_object();
        track[key] = std::move(value);
        return document(track).dump();
    };
    CHECK_FALSE(peek_info(with("id", "Not-An-Id")));
    CHECK_FALSE(peek_info(with("id", "")));
    CHECK_FALSE(peek_info(with("version", "1.0")));
    CHECK_FALSE(peek_info(with("name", "")));
    CHECK_FALSE(peek_info(with("name", 5)));
    CHECK_FALSE(peek_info(with("name", "\x1b[2J"))); // a control character
    CHECK_FALSE(peek_info(with("name", "a\xc2\x9b"
                                       "b")));  // C1 control, CSI
    CHECK_FALSE(peek_info(with("extra", "x"))); // validation names the unknown key
    auto missing = track_object();
    missing.erase("vendor");
    CHECK_FALSE(peek_info(document(missing).dump()));

    const auto valid = document(track_object()).dump();
    CHECK_FALSE(peek_info(""));
    CHECK_FALSE(peek_info("[]"));
    CHECK_FALSE(peek_info(valid.substr(0, valid.size() - 1))); // cut off
    CHECK_FALSE(peek_info(R"({"track": {"id": "t\u0041"}})")); // escapes validation decodes
    CHECK_FALSE(peek_info("{\"track\":{\"id\":\"t\",\"name\":\"\xff\",\"version\":\"1.0.0\",\"vendor\":\"v\","
                          "\"description\":\"d\"}}")); // not UTF-8
    const auto twice =
        R"({"track": {"id": "a", "name": "n", "version": "1.0.0", "vendor": "v", "description": "d"},
                           "track": {"id": "b", "name": "n", "version": "1.0.0", "vendor": "v", "description": "d"}})";
    CHECK_FALSE(peek_info(twice));
    auto abi = document(track_object());
    abi["abi"]["major"] = 70000;
    CHECK_FALSE(peek_info(abi.dump()));
    abi["abi"] = {{"major", 1}};
    CHECK_FALSE(peek_info(abi.dump()));
    abi["abi"] = {{"major", 1}, {"minor", -1}};
    CHECK_FALSE(peek_info(abi.dump()));
}
