#include "catalog/catalog.hpp"
#include "catalog/plugin_cache.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;
using cloudtrack::host::catalog::Catalog;
using cloudtrack::host::catalog::Plugin;
using cloudtrack::host::catalog::PluginCache;
using cloudtrack::host::catalog::State;
using cloudtrack::test::copy_plugin;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::read_text;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;

// A plugin folder with the good fixture and the template track, and a cache file beside it.
struct CacheFixture {
    TempDir dir;
    fs::path plugins = dir / "plugins";
    fs::path cache_file = dir / "cache" / "plugins.json";

    CacheFixture()
    {
        fs::create_directories(plugins);
        fs::permissions(plugins, k_plugin_mode);
        copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", plugins / "good.so");
        copy_plugin(cloudtrack::test::template_dir() / "template.so", plugins / "template.so");
    }

    // One run of the host: a catalog over the folder with the cache, which is then saved.
    [[nodiscard]] std::vector<Plugin> run(const std::string& version = "1.0.0",
                                          const std::string& want = "") const
    {
        PluginCache cache(cache_file, version);
        Catalog catalog({plugins}, nullptr, &cache);
        cache.save();
        if (!want.empty()) {
            (void)catalog.find(want);
        }
        return catalog.plugins();
    }
};

// Whether the plugin's document was read in this run (a cache hit has no read time).
bool read_now(const Plugin& plugin)
{
    return plugin.read_ms > 0.0;
}

const Plugin& at(const std::vector<Plugin>& plugins, const std::string& file)
{
    const auto it = std::find_if(plugins.begin(), plugins.end(),
                                 [&](const Plugin& p) { return p.path.filename() == file; });
    REQUIRE(it != plugins.end());
    return *it;
}

} // namespace

TEST_CASE("the plugin cache lists unchanged plugins without reading their documents", "[catalog][cache]")
{
    CacheFixture f;
    const auto cold = f.run();
    CHECK(read_now(at(cold, "good.so")));
    CHECK_FALSE(at(cold, "good.so").track.has_value()); // validated, then only its summary kept
    CHECK(at(cold, "good.so").document.empty());
    REQUIRE(fs::exists(f.cache_file));

    const auto warm = f.run();
    const auto& good = at(warm, "good.so");
    CHECK(good.state == State::resolved);
    CHECK_FALSE(read_now(good));
    CHECK_FALSE(good.track.has_value());
    CHECK(good.document.empty());
    REQUIRE(good.info() != nullptr);
    CHECK(good.info()->id == "fixture-good");
    CHECK(good.info()->name == at(cold, "good.so").info()->name);

    // A command that needs the track reads and validates its document first.
    const auto used = f.run("1.0.0", "template");
    CHECK(at(used, "template.so").track.has_value());
    CHECK_FALSE(at(used, "template.so").document.empty());
    CHECK_FALSE(at(used, "good.so").track.has_value());
}

TEST_CASE("a changed file, another host version or a broken cache file is read afresh", "[catalog][cache]")
{
    CacheFixture f;
    (void)f.run();

    // Replaced by another plugin: a new identity, so its own document is read.
    copy_plugin(cloudtrack::test::template_dir() / "template.so", f.plugins / "good.so");
    auto plugins = f.run();
    CHECK(read_now(at(plugins, "good.so")));
    CHECK(at(plugins, "good.so").info()->id == "template");
    CHECK(at(plugins, "good.so").state == State::resolved); // first file name wins the duplicate
    CHECK(at(plugins, "template.so").state == State::disabled);

    // Written by another version of cloudtrack, whose validation may differ.
    CHECK_FALSE(read_now(at(f.run("1.0.0"), "template.so")));
    CHECK(read_now(at(f.run("1.1.0"), "template.so")));

    // Corrupt: ignored, and rewritten.
    write_text(f.cache_file, "{ not json");
    CHECK(read_now(at(f.run("1.1.0"), "template.so")));
    CHECK(nlohmann::json::parse(read_text(f.cache_file))["schema"] == "cloudtrack.plugin-cache/2");
    CHECK_FALSE(read_now(at(f.run("1.1.0"), "template.so")));
}

TEST_CASE("the cache never hides a refusal", "[catalog][cache]")
{
    CacheFixture f;
    (void)f.run();
    // The permission rules are checked on every run, cached or not.
    fs::permissions(f.plugins, k_plugin_mode | fs::perms::others_write);
    auto plugins = f.run();
    CHECK(at(plugins, "good.so").state == State::failed);
    CHECK_THAT(at(plugins, "good.so").reason, Catch::Matchers::Contains("writable by group or others"));
    fs::permissions(f.plugins, k_plugin_mode);

    // A cache entry that does not match the file's content (forged, or a file changed without a
    // new identity) is caught when the track is needed: the document is the truth.
    (void)f.run();
    auto cache = nlohmann::json::parse(read_text(f.cache_file));
    for (auto& entry : cache["plugins"]) {
        if (entry["id"] == "template") {
            entry["version"] = "9.9.9";
        }
    }
    write_text(f.cache_file, cache.dump());
    PluginCache forged(f.cache_file, "1.0.0");
    Catalog catalog({f.plugins}, nullptr, &forged);
    CHECK(catalog.find("template") == nullptr);
    const auto& plugin = at(catalog.plugins(), "template.so");
    CHECK(plugin.state == State::failed);
    CHECK(plugin.reason == "changed while in use: it now holds template 0.1.0, not template 9.9.9");
}

TEST_CASE("entries of files outside this run's search path are kept, unless the file is gone",
          "[catalog][cache]")
{
    CacheFixture f;
    const auto other = f.dir / "other";
    fs::create_directories(other);
    fs::permissions(other, k_plugin_mode);
    copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", other / "elsewhere.so");
    const auto run_over = [&](const fs::path& folder) {
        PluginCache cache(f.cache_file, "1.0.0");
        Catalog catalog({folder}, nullptr, &cache);
        cache.save();
        return catalog.plugins();
    };
    (void)run_over(f.plugins);
    (void)run_over(other);
    // Alternating search paths: each run still finds the other's entries.
    CHECK_FALSE(read_now(at(run_over(f.plugins), "good.so")));
    CHECK_FALSE(read_now(at(run_over(other), "elsewhere.so")));

    fs::remove(f.plugins / "template.so");
    (void)run_over(other);
    const auto cache = nlohmann::json::parse(read_text(f.cache_file));
    std::vector<std::string> paths;
    for (const auto& entry : cache["plugins"]) {
        paths.push_back(entry["path"]);
    }
    CHECK(std::find(paths.begin(), paths.end(), (f.plugins / "template.so").string()) == paths.end());
    CHECK(std::find(paths.begin(), paths.end(), (f.plugins / "good.so").string()) != paths.end());
}

TEST_CASE("past its cap, the cache drops entries not used in this run, never those used", "[catalog][cache]")
{
    CacheFixture f;
    {
        PluginCache cache(f.cache_file, "1.0.0", 1);
        Catalog catalog({f.plugins}, nullptr, &cache);
        cache.save();
        CHECK(cache.size() == 2); // both seen in this run: kept over the cap
    }
    const auto other = f.dir / "other";
    fs::create_directories(other);
    fs::permissions(other, k_plugin_mode);
    copy_plugin(cloudtrack::test::template_dir() / "template.so", other / "t.so");
    PluginCache cache(f.cache_file, "1.0.0", 1);
    Catalog catalog({other}, nullptr, &cache);
    cache.save();
    CHECK(cache.size() == 1);
    PluginCache reread(f.cache_file, "1.0.0", 1);
    Catalog again({other}, nullptr, &reread);
    CHECK_FALSE(read_now(at(again.plugins(), "t.so")));
}

TEST_CASE("a copy refused as a duplicate is cached unvalidated, and read in full once it provides the track",
          "[catalog][cache]")
{
    CacheFixture f;
    copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", f.plugins / "twin.so");
    const auto cold = f.run();
    CHECK(at(cold, "twin.so").state == State::disabled);
    const auto cache = nlohmann::json::parse(read_text(f.cache_file));
    for (const auto& entry : cache["plugins"]) {
        CHECK(entry["validated"] == (entry["path"] != (f.plugins / "twin.so").string()));
    }

    const auto warm = f.run();
    CHECK(at(warm, "twin.so").state == State::disabled);
    CHECK_FALSE(read_now(at(warm, "twin.so")));
    CHECK(at(warm, "twin.so").reason == at(cold, "twin.so").reason);

    // The original gone, the copy's document is validated before it is listed as usable.
    fs::remove(f.plugins / "good.so");
    const auto alone = f.run();
    CHECK(at(alone, "twin.so").state == State::resolved);
    CHECK(read_now(at(alone, "twin.so")));
}

TEST_CASE("summaries list every usable track without reading a document; tracks() reads them all",
          "[catalog][cache]")
{
    CacheFixture f;
    (void)f.run();
    PluginCache cache(f.cache_file, "1.0.0");
    const Catalog catalog({f.plugins}, nullptr, &cache);
    const auto summaries = catalog.summaries();
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[0]->id == "fixture-good");
    CHECK(summaries[1]->id == "template");
    for (const auto& plugin : catalog.plugins()) {
        CHECK_FALSE(plugin.track.has_value());
    }
    CHECK(catalog.tracks().size() == 2);
    for (const auto& plugin : catalog.plugins()) {
        CHECK(plugin.track.has_value());
    }
    CHECK(summaries[0]->id == "fixture-good"); // still valid: summaries outlive the reads
}
