#include "catalog/catalog.hpp"
#include "test_support.hpp"
#include "util/error.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Equals;
using cloudtrack::host::catalog::Catalog;
using cloudtrack::host::catalog::Plugin;
using cloudtrack::host::catalog::State;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::TempDir;

// Copies the built fixture `name` into `folder` as `file_name` (default <name>.so), with the
// permissions an installed plugin has, whatever the build's umask was.
fs::path install(const std::string& name, const fs::path& folder, std::string file_name = {})
{
    fs::create_directories(folder);
    fs::permissions(folder, k_plugin_mode);
    const auto target = folder / (file_name.empty() ? name + ".so" : file_name);
    cloudtrack::test::copy_plugin(cloudtrack::test::fixture_dir() / name / (name + ".so"), target);
    return target;
}

const Plugin& at(const Catalog& catalog, const fs::path& path)
{
    const auto& plugins = catalog.plugins();
    const auto it =
        std::find_if(plugins.begin(), plugins.end(), [&](const Plugin& p) { return p.path == path; });
    REQUIRE(it != plugins.end());
    return *it;
}

std::string duplicate_of(const fs::path& kept, const fs::path& loser)
{
    return "duplicate track id 'fixture-good': " + kept.string() + " is used instead of " + loser.string();
}

void check_failed(const Catalog& catalog, const fs::path& path, State stage, const std::string& reason)
{
    INFO(path.filename().string());
    const auto& plugin = at(catalog, path);
    CHECK(plugin.state == State::failed);
    CHECK(plugin.failed_stage == stage);
    CHECK(plugin.reason == reason);
    CHECK_FALSE(plugin.usable());
}

} // namespace

TEST_CASE("each plugin gets its own state, and reading never runs plugin code", "[catalog]")
{
    TempDir dir;
    const auto folder = dir / "plugins";
    const auto good = install("good", folder);
    const auto no_section = install("no-section", folder);
    const auto invalid_json = install("invalid-json", folder);
    const auto schema = install("schema-violation", folder);
    const auto unknown_area = install("unknown-area", folder);
    cloudtrack::test::write_text(folder / "not-elf.so", "not a library\n");
    cloudtrack::test::write_text(folder / "README.txt", "only *.so files are plugins\n");

    const Catalog catalog({folder});
    CHECK(catalog.plugins().size() == 6);
    const auto& healthy = at(catalog, good);
    CHECK(healthy.state == State::resolved);
    CHECK(healthy.reason.empty());
    REQUIRE(healthy.info() != nullptr);
    CHECK(healthy.info()->id == "fixture-good");
    CHECK(healthy.entry == nullptr); // not loaded: nothing ran

    check_failed(catalog, folder / "not-elf.so", State::read, "not an ELF file");
    check_failed(catalog, no_section, State::read,
                 "no .cloudtrack.track section (not a cloudtrack track plugin)");
    check_failed(catalog, schema, State::validated,
                 "invalid track document: /items/0/difficulty: 'trivial' is not one of: easy, hard, medium");
    check_failed(catalog, unknown_area, State::validated,
                 "invalid track document: /items/0/area: unknown area 'nowhere' (known: basics)");
    const auto& broken_json = at(catalog, invalid_json);
    CHECK(broken_json.failed_stage == State::validated);
    CHECK_THAT(broken_json.reason,
               Catch::StartsWith("invalid track document: /: invalid JSON: parse error at line"));

    const auto tracks = catalog.tracks();
    REQUIRE(tracks.size() == 1);
    CHECK(tracks.front()->info.id == "fixture-good");
    CHECK_THROWS_WITH(catalog.track("fixture-unknown-area"),
                      Equals("no track 'fixture-unknown-area' (see 'cloudtrack list')"));
}

TEST_CASE("within one folder, the first file name wins a duplicate track id", "[catalog]")
{
    TempDir dir;
    const auto first = install("good", dir / "plugins", "a-good.so");
    const auto second = install("good", dir / "plugins", "b-good.so");
    const Catalog catalog({dir / "plugins"});
    CHECK(at(catalog, first).state == State::resolved);
    const auto& loser = at(catalog, second);
    CHECK(loser.state == State::disabled);
    CHECK(loser.reason == duplicate_of(first, second));
    REQUIRE(catalog.find("fixture-good") != nullptr);
    CHECK(catalog.find("fixture-good")->path == first);
}

// A copy of the good fixture whose document is invalid past its summary: its first URL (the
// first item's first reference) made "http:///...", the same length, so the ELF file stays intact.
fs::path install_broken_twin(const fs::path& folder, const std::string& file_name)
{
    const auto target = install("good", folder, file_name);
    auto bytes = cloudtrack::test::read_text(target);
    const auto at = bytes.find("\"https://");
    REQUIRE(at != std::string::npos);
    bytes.replace(at, 9, "\"http:///");
    cloudtrack::test::write_text(target, bytes);
    fs::permissions(target, k_plugin_mode);
    return target;
}

TEST_CASE("a copy of a track already provided is refused from its summary, without validating it",
          "[catalog]")
{
    TempDir dir;
    const auto good = install("good", dir / "plugins", "a-good.so");
    const auto twin = install_broken_twin(dir / "plugins", "b-twin.so");
    const Catalog catalog({dir / "plugins"});
    CHECK(at(catalog, good).state == State::resolved);
    const auto& copy = at(catalog, twin);
    CHECK(copy.state == State::disabled);
    CHECK(copy.reason == duplicate_of(good, twin));
    CHECK(copy.document.empty());
    CHECK_FALSE(copy.track.has_value());
    REQUIRE(copy.info() != nullptr);
    CHECK(copy.info()->name == at(catalog, good).info()->name);

    // Preferred by the rule (its name sorts first), the broken copy is validated and fails, and
    // the next plugin with the id provides the track, as when every plugin was validated.
    TempDir other;
    const auto broken = install_broken_twin(other / "plugins", "a-broken.so");
    const auto second = install("good", other / "plugins", "b-good.so");
    const Catalog reversed({other / "plugins"});
    check_failed(reversed, broken, State::validated,
                 "invalid track document: /items/0/references/0/url: expected an https:// URL");
    CHECK(at(reversed, second).state == State::resolved);
}

TEST_CASE("the folder later in the search path wins a duplicate track id", "[catalog]")
{
    TempDir dir;
    // File names chosen so that name order and folder order disagree.
    const auto early = install("good", dir / "early", "a.so");
    const auto late = install("good", dir / "late", "z.so");
    const auto late_twin = install("good", dir / "late", "zz.so");

    const Catalog catalog({dir / "early", dir / "late"});
    CHECK(at(catalog, late).state == State::resolved);
    CHECK(at(catalog, early).state == State::disabled);
    CHECK(at(catalog, early).reason == duplicate_of(late, early));
    CHECK(at(catalog, late_twin).state == State::disabled);
    CHECK(at(catalog, late_twin).reason == duplicate_of(late, late_twin));
    CHECK(catalog.find("fixture-good")->path == late);

    const Catalog reversed({dir / "late", dir / "early"});
    CHECK(at(reversed, early).state == State::resolved);
    CHECK(at(reversed, late).state == State::disabled);
    CHECK(at(reversed, late_twin).state == State::disabled);
}

TEST_CASE("a plugin file or folder others can write is refused before it is read", "[catalog]")
{
    TempDir dir;
    const auto good = install("good", dir / "clean", "good.so");
    const auto group = install("good", dir / "clean", "group-writable.so");
    const auto others = install("good", dir / "clean", "others-writable.so");
    fs::permissions(group, fs::perms::group_write, fs::perm_options::add);
    fs::permissions(others, fs::perms::others_write, fs::perm_options::add);
    const auto in_open_folder = install("good", dir / "open", "good.so");
    fs::permissions(dir / "open", fs::perms::all);

    const Catalog catalog({dir / "clean", dir / "open"});
    check_failed(catalog, group, State::discovered, "refused: the file is writable by group or others");
    check_failed(catalog, others, State::discovered, "refused: the file is writable by group or others");
    check_failed(catalog, in_open_folder, State::discovered,
                 "refused: its folder " + (dir / "open").string() + " is writable by group or others");
    CHECK(at(catalog, good).state == State::resolved);
    CHECK(at(catalog, group).document.empty()); // refused before reading a byte
}

TEST_CASE("an unreadable plugin never stops the others", "[catalog]")
{
    TempDir dir;
    const auto folder = dir / "plugins";
    const auto good = install("good", folder);
    fs::create_directory(folder / "a-folder.so");
    fs::create_symlink(dir / "nowhere.so", folder / "dangling.so");
    const bool can_lock_out = ::geteuid() != 0; // root reads a mode-000 file anyway
    if (can_lock_out) {
        const auto locked = install("good", folder, "locked.so");
        fs::permissions(locked, fs::perms::none);
    }

    const Catalog catalog({dir / "does-not-exist", folder});
    check_failed(catalog, folder / "a-folder.so", State::discovered, "not a regular file (a folder)");
    CHECK_THAT(at(catalog, folder / "dangling.so").reason, Catch::StartsWith("cannot open: "));
    if (can_lock_out) {
        check_failed(catalog, folder / "locked.so", State::discovered, "cannot open: Permission denied");
    }
    CHECK(at(catalog, good).state == State::resolved);
    CHECK(catalog.tracks().size() == 1);
}

TEST_CASE("loading refuses a bad entry, and each failure marks only its plugin", "[catalog]")
{
    TempDir dir;
    const auto folder = dir / "plugins";
    for (const auto* name : {"abi-future", "missing-entry", "id-mismatch", "init-fails", "good"}) {
        install(name, folder);
    }
    Catalog catalog({folder});
    for (const auto& plugin : catalog.plugins()) {
        CHECK(plugin.state == State::resolved); // nothing is wrong until the code is looked at
    }
    struct Case {
        const char* id;
        const char* file;
        State stage;
        std::string reason;
    };
    const Case cases[] = {
        {"fixture-abi-future", "abi-future.so", State::loaded,
         "plugin ABI 99.0 is incompatible with this host's ABI 1.0 (the major version must match)"},
        {"fixture-missing-entry", "missing-entry.so", State::loaded,
         "missing entry symbol cloudtrack_plugin_entry_v1"},
        {"fixture-id-mismatch", "id-mismatch.so", State::loaded,
         "entry track id 'fixture-someone-else' disagrees with the document's 'fixture-id-mismatch'"},
        {"fixture-init-fails", "init-fails.so", State::initialized,
         "init failed: licence server licence.example.org is unreachable"},
    };
    for (const auto& c : cases) {
        INFO(c.id);
        const auto path = folder / c.file;
        const auto stage = cloudtrack::host::catalog::to_string(c.stage);
        CHECK_THROWS_WITH(catalog.ready(c.id),
                          Equals("plugin " + path.string() + " failed at " + stage + ": " + c.reason));
        check_failed(catalog, path, c.stage, c.reason);
        // Asked again, the catalog names the reason without trying again.
        CHECK_THROWS_WITH(catalog.ready(c.id), Equals("track '" + std::string(c.id) + "' is unavailable: " +
                                                      path.string() + ": " + c.reason));
    }
    const auto& good = catalog.ready("fixture-good");
    CHECK(good.state == State::ready);
    REQUIRE(good.entry != nullptr);
    CHECK(std::string(good.entry->track_id) == "fixture-good");
    CHECK(good.entry->get_interface(CLOUDTRACK_EVIDENCE_PROBE_V1) == nullptr); // content only
}

namespace {

void append(void* context, const char* data, size_t size)
{
    static_cast<std::string*>(context)->append(data, size);
}

// A project folder with no files at all.
cloudtrack_status list_nothing(const cloudtrack_files_v1_t* /*files*/, cloudtrack_sink_t* out,
                               cloudtrack_sink_t* /*error*/)
{
    out->write(out->context, "[]", 2);
    return CLOUDTRACK_STATUS_OK;
}

cloudtrack_status read_nothing(const cloudtrack_files_v1_t* /*files*/, const char* /*path*/, size_t /*size*/,
                               cloudtrack_sink_t* /*out*/, cloudtrack_sink_t* error)
{
    error->write(error->context, "no such file", 12);
    return CLOUDTRACK_STATUS_ERROR;
}

} // namespace

TEST_CASE("a throwing probe is an error status and message, and the host carries on", "[catalog]")
{
    TempDir dir;
    install("probe-throws", dir / "plugins");
    install("good", dir / "plugins");
    Catalog catalog({dir / "plugins"});
    const auto& plugin = catalog.ready("fixture-probe-throws");
    REQUIRE(plugin.state == State::ready);
    const auto* probe = static_cast<const cloudtrack_evidence_probe_v1_t*>(
        plugin.entry->get_interface(CLOUDTRACK_EVIDENCE_PROBE_V1));
    REQUIRE(probe != nullptr);
    REQUIRE(probe->struct_size >= sizeof(cloudtrack_evidence_probe_v1_t));

    const cloudtrack_files_v1_t files{sizeof(cloudtrack_files_v1_t), nullptr, &list_nothing, &read_nothing};
    const auto run = [&](const char* probe_id, std::string& out, std::string& error) {
        cloudtrack_sink_t out_sink{&out, &append};
        cloudtrack_sink_t error_sink{&error, &append};
        return probe->run(probe_id, &files, &out_sink, &error_sink);
    };
    std::string out;
    std::string error;
    CHECK(run("explodes", out, error) == CLOUDTRACK_STATUS_ERROR);
    CHECK(error == "probe 'explodes' failed: cannot parse pipeline.yml");
    CHECK(out.empty());

    // Still alive, and still answering.
    out.clear();
    error.clear();
    CHECK(run("no-such-probe", out, error) == CLOUDTRACK_STATUS_UNSUPPORTED);
    CHECK(error == "no probe named 'no-such-probe'");
    CHECK(catalog.ready("fixture-good").state == State::ready);
}

TEST_CASE("a plugin owned by someone else, or under a folder others can rename it in, is refused",
          "[catalog]")
{
    TempDir dir;
    // A folder anyone may write without the sticky bit, two levels up: anyone could swap the
    // plugin's folder for their own.
    const auto shared = dir / "shared";
    const auto folder = shared / "team" / "plugins";
    const auto good = install("good", folder);
    fs::permissions(dir / "shared", fs::perms::all);
    {
        const Catalog catalog({folder});
        const auto& plugin = at(catalog, good);
        CHECK(plugin.state == State::failed);
        CHECK(plugin.reason == "refused: the folder " + shared.string() +
                                   " on its path is writable by others without the sticky bit");
    }
    // With the sticky bit (like /tmp), others cannot rename what they do not own.
    fs::permissions(shared, fs::perms::sticky_bit, fs::perm_options::add);
    {
        const Catalog catalog({folder});
        CHECK(at(catalog, good).state == State::resolved);
    }
    // Owned by another user: only root can make that file here.
    if (::geteuid() == 0) {
        REQUIRE(::chown(good.c_str(), 4242, 4242) == 0);
        const Catalog catalog({folder});
        CHECK(at(catalog, good).reason == "refused: the file is owned by uid 4242, neither root nor you");
    }
}
