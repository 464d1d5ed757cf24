#include "catalog/catalog.hpp"
#include "catalog/plugin_cache.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

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
    CHECK(at(cold, "good.so").track.has_value());
    CHECK_FALSE(at(cold, "good.so").cached_info.has_value());
    REQUIRE(fs::exists(f.cache_file));

    const auto warm = f.run();
    const auto& good = at(warm, "good.so");
    CHECK(good.state == State::resolved);
    CHECK_FALSE(good.track.has_value());
    CHECK(good.document.empty());
    REQUIRE(good.info() != nullptr);
    CHECK(good.info()->id == "fixture-good");
    CHECK(good.info()->name == at(cold, "good.so").track->info.name);

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
    CHECK(at(plugins, "good.so").track.has_value());
    CHECK(at(plugins, "good.so").info()->id == "template");
    CHECK(at(plugins, "good.so").state == State::resolved); // first file name wins the duplicate
    CHECK(at(plugins, "template.so").state == State::disabled);

    // Written by another version of cloudtrack, whose validation may differ.
    CHECK_FALSE(at(f.run("1.0.0"), "template.so").track.has_value());
    CHECK(at(f.run("1.1.0"), "template.so").track.has_value());

    // Corrupt: ignored, and rewritten.
    write_text(f.cache_file, "{ not json");
    CHECK(at(f.run("1.1.0"), "template.so").track.has_value());
    CHECK(nlohmann::json::parse(read_text(f.cache_file))["schema"] == "cloudtrack.plugin-cache/1");
    CHECK_FALSE(at(f.run("1.1.0"), "template.so").track.has_value());
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
