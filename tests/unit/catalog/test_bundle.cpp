// Organization bundles: the manifest and its errors, overlays, and a catalog loading only what a
// bundle allows (signature, pinned hashes, unlisted plugins). Signatures themselves are tested in
// test_minisign.cpp; the CLI tests cover interoperability with the `minisign` program.
#include "catalog/bundle.hpp"
#include "catalog/bundle_load.hpp"
#include "catalog/catalog.hpp"
#include "catalog/minisign.hpp"
#include "catalog/overlay.hpp"
#include "test_support.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
namespace minisign = cloudtrack::host::catalog::minisign;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using cloudtrack::host::catalog::Catalog;
using cloudtrack::host::catalog::Manifest;
using cloudtrack::host::catalog::State;
using cloudtrack::test::copy_plugin;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::read_text;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using cloudtrack::util::ExitCode;
using nlohmann::json;

const fs::path k_dir = "/srv/acme";

json valid_manifest()
{
    return json::parse(R"({
      "schema": "cloudtrack.bundle/1",
      "organization": { "id": "acme", "name": "Acme Corp" },
      "policy": { "unlisted": "refuse", "signature": "required" },
      "plugins": [
        { "file": "template.so", "sha256": "5000e42e198d859599617423e5087987be3db4e55619ea8b03ea730759da9792",
          "id": "template", "version": "0.1.0" }
      ],
      "overlays": {
        "template": { "drop_items": ["basics-02"], "add_items": "overlays/items.json",
                      "add_items_sha256": "0000000000000000000000000000000000000000000000000000000000000000",
                      "levels": { "associate": { "min_theta": -0.3 } },
                      "targets": { "basics": "associate" }, "hidden": false }
      }
    })");
}

std::string parse_error(const json& manifest)
{
    const auto parsed = cloudtrack::host::catalog::parse_manifest(manifest.dump(), k_dir);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error();
}

// A bundle folder holding the built template track, locked and signed with a fresh key.
struct BundleFixture {
    TempDir dir;
    fs::path bundle = dir / "acme";
    fs::path other = dir / "plugins";
    fs::path pubkey = dir / "acme.pub";
    minisign::KeyPair keys = minisign::generate_key_pair();

    BundleFixture()
    {
        fs::create_directories(bundle / "overlays");
        fs::create_directories(other);
        fs::permissions(bundle, k_plugin_mode);
        fs::permissions(other, k_plugin_mode);
        copy_plugin(cloudtrack::test::template_dir() / "template.so", bundle / "template.so");
        copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", other / "good.so");
        write_text(pubkey, minisign::format_public_key(keys.public_key));
        auto manifest = valid_manifest();
        manifest["plugins"][0]["sha256"] = cloudtrack::util::sha256_hex(read_text(bundle / "template.so"));
        write_text(bundle / "overlays/items.json", cloudtrack::test::k_acme_items);
        manifest["overlays"]["template"]["add_items_sha256"] =
            cloudtrack::util::sha256_hex(read_text(bundle / "overlays/items.json"));
        save(manifest);
    }

    void save(const json& manifest, bool signed_too = true) const
    {
        write_text(bundle / "bundle.json", manifest.dump(2));
        if (signed_too) {
            sign();
        }
    }

    void sign() const
    {
        write_text(bundle / "bundle.json.minisig",
                   minisign::sign(keys.secret_key, read_text(bundle / "bundle.json"), "timestamp:0", "test"));
    }

    [[nodiscard]] std::string manifest_pin() const
    {
        return json::parse(read_text(bundle / "bundle.json"))["plugins"][0]["sha256"].get<std::string>();
    }

    [[nodiscard]] Catalog catalog() const
    {
        return Catalog({other}, cloudtrack::host::catalog::open_bundle(bundle, pubkey));
    }
};

ExitCode open_code(const BundleFixture& f, const std::optional<fs::path>& pubkey)
{
    try {
        (void)cloudtrack::host::catalog::open_bundle(f.bundle, pubkey);
    } catch (const cloudtrack::util::Error& e) {
        UNSCOPED_INFO(e.what());
        return e.code();
    }
    return ExitCode::ok;
}

} // namespace

TEST_CASE("a valid manifest is read with its defaults", "[bundle]")
{
    auto manifest = valid_manifest();
    manifest.erase("policy");
    const auto parsed = cloudtrack::host::catalog::parse_manifest(manifest.dump(), k_dir);
    REQUIRE(parsed.ok());
    CHECK(parsed->organization == "acme");
    CHECK(parsed->refuse_unlisted);
    CHECK(parsed->signature_required);
    REQUIRE(parsed->pin("template.so") != nullptr);
    CHECK(parsed->pin("template.so")->id == "template");
    const auto* overlay = parsed->overlay("template");
    REQUIRE(overlay != nullptr);
    CHECK(overlay->drop_items == std::vector<std::string>{"basics-02"});
    REQUIRE(overlay->levels.size() == 1);
    CHECK(overlay->levels[0].min_theta == Approx(-0.3));
    REQUIRE(overlay->targets.size() == 1);
    CHECK(overlay->targets[0].area == "basics");
    CHECK(overlay->targets[0].level == "associate");
}

TEST_CASE("each manifest problem names bundle.json and the JSON pointer", "[bundle]")
{
    const auto file = (k_dir / "bundle.json").string() + ": ";
    struct Case {
        const char* pointer; // where to change the valid manifest
        json value;          // null: remove the key
        std::string message;
    };
    const std::vector<Case> cases = {
        {"/schema", "cloudtrack.bundle/2", "/schema: expected \"cloudtrack.bundle/1\""},
        {"/organization", nullptr, "missing required key 'organization'"},
        {"/organization/id", "Acme Corp", "/organization/id: 'Acme Corp' is not an id"},
        {"/policy/unlisted", "maybe", "/policy/unlisted: expected one of \"refuse\", \"allow\""},
        {"/policy/signature", true, "/policy/signature: expected one of \"required\", \"optional\""},
        {"/plugins/0/sha256", "ABC", "/plugins/0/sha256: 'ABC' is not a SHA-256 (64 lowercase hex digits)"},
        {"/plugins/0/file", "../evil.so",
         "/plugins/0/file: '../evil.so' is not a plugin file name in the bundle folder (NAME.so)"},
        {"/plugins/0/version", "1.0", "/plugins/0/version: '1.0' is not a version MAJOR.MINOR.PATCH"},
        {"/plugins/0/id", nullptr, "/plugins/0: missing required key 'id'"},
        {"/plugins/0/checksum", "x", "/plugins/0/checksum: unknown key 'checksum'"},
        {"/plugins", json::object(), "/plugins: expected an array"},
        {"/overlays/template/drop_items/1", "Bad Id", "/overlays/template/drop_items/1: expected an item id"},
        {"/overlays/template/add_items", "/etc/passwd",
         "/overlays/template/add_items: '/etc/passwd' must be a path relative to the bundle folder, inside "
         "it"},
        {"/overlays/template/levels/associate/min_theta", "high",
         "/overlays/template/levels/associate/min_theta: expected a number between -4 and 4"},
        {"/overlays/template/hidden", "yes", "/overlays/template/hidden: expected true or false"},
        {"/overlays/template/targets/basics", 2, "/overlays/template/targets/basics: expected a level id"},
        {"/overlays/template/targets", "associate", "/overlays/template/targets: expected an object"},
        {"/overlays/template/cut_points", 1, "/overlays/template/cut_points: unknown key 'cut_points'"},
        {"/overlays/template/add_items_sha256", nullptr,
         "/overlays/template: missing 'add_items_sha256' for the add_items file (bundle lock writes it)"},
    };
    for (const auto& c : cases) {
        INFO(c.pointer);
        auto manifest = valid_manifest();
        const json::json_pointer pointer(c.pointer);
        if (c.value.is_null()) {
            manifest[pointer.parent_pointer()].erase(pointer.back());
        } else {
            manifest[pointer] = c.value;
        }
        CHECK_THAT(parse_error(manifest), Equals(file + c.message));
    }
    // A second problem is counted, not hidden.
    auto manifest = valid_manifest();
    manifest["schema"] = "x";
    manifest["plugins"][0]["id"] = "X";
    CHECK_THAT(parse_error(manifest),
               Equals(file + "/schema: expected \"cloudtrack.bundle/1\" (and 1 more)"));
    // Broken JSON is named with its position.
    const auto broken = cloudtrack::host::catalog::parse_manifest("{\"schema\": ", k_dir);
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.error(), Contains(file + "invalid JSON: parse error at line 1"));
}

TEST_CASE("locking keeps the organization, policy and overlays as written", "[bundle]")
{
    const std::string existing = R"({"schema": "cloudtrack.bundle/1", "organization": {"id": "acme"},
        "overlays": {"devops": {"hidden": true}}, "policy": {"unlisted": "allow"}, "plugins": []})";
    const std::vector<cloudtrack::host::catalog::PluginPin> pins = {
        {"devops.so", std::string(64, 'a'), "devops", "1.2.0", 0}};
    const auto locked = cloudtrack::host::catalog::lock_manifest(existing, "", pins);
    REQUIRE(locked.ok());
    const auto expected = R"({
  "schema": "cloudtrack.bundle/1",
  "organization": {
    "id": "acme"
  },
  "overlays": {
    "devops": {
      "hidden": true
    }
  },
  "policy": {
    "unlisted": "allow"
  },
  "plugins": [
    {
      "file": "devops.so",
      "sha256": ")" + std::string(64, 'a') +
                          R"(",
      "id": "devops",
      "version": "1.2.0"
    }
  ]
}
)";
    CHECK(*locked == expected);
    const auto fresh = cloudtrack::host::catalog::lock_manifest("", "globex", pins);
    REQUIRE(fresh.ok());
    const auto parsed = cloudtrack::host::catalog::parse_manifest(*fresh, k_dir);
    REQUIRE(parsed.ok());
    CHECK(parsed->organization == "globex");
    CHECK(parsed->refuse_unlisted);
    CHECK(parsed->signature_required);
}

TEST_CASE("overlays drop and add items and move cut points; the overlaid document is hashed", "[bundle]")
{
    BundleFixture f;
    auto catalog = f.catalog();
    const auto* plugin = catalog.find("template");
    REQUIRE(plugin != nullptr);
    const auto& track = *plugin->track;
    CHECK(track.find_item("basics-02") == nullptr);
    CHECK(track.find_item("acme-01") != nullptr);
    CHECK(track.levels[1].min_theta == Approx(-0.3));
    CHECK(track.sha256 == cloudtrack::util::sha256_hex(plugin->document));
    const auto embedded = cloudtrack::host::catalog::inspect_file(f.bundle / "template.so");
    CHECK(track.sha256 != embedded.track->sha256);
    CHECK(std::find(plugin->layers.begin(), plugin->layers.end(),
                    "levels/associate/min_theta: -0.3 (bundle acme; the plugin's: -0.5)") !=
          plugin->layers.end());
    CHECK(std::find(plugin->layers.begin(), plugin->layers.end(),
                    "items: 1 dropped, 1 added (bundle acme)") != plugin->layers.end());
    CHECK(track.areas[0].target_level == "associate");
    CHECK(std::find(plugin->layers.begin(), plugin->layers.end(),
                    "areas/basics/target_level: associate (bundle acme; the plugin's: none)") !=
          plugin->layers.end());
}

TEST_CASE("an overlay that breaks the track names the bundle file and pointer", "[bundle]")
{
    BundleFixture f;
    const auto document = cloudtrack::host::catalog::inspect_file(f.bundle / "template.so").document;
    const auto manifest_file = (f.bundle / "bundle.json").string();
    const auto items_file = (f.bundle / "overlays/items.json").string();
    Manifest manifest;
    manifest.dir = f.bundle;
    manifest.organization = "acme";
    const auto added = cloudtrack::host::catalog::read_added_items(f.bundle, "overlays/items.json");
    REQUIRE(added.ok());
    auto duplicate = *added;
    duplicate.items[0]["id"] = "basics-01";
    auto wrong_type = *added;
    wrong_type.items[0]["difficulty"] = "trivial";
    struct Case {
        cloudtrack::host::catalog::Overlay overlay;
        const cloudtrack::host::catalog::AddedItems* added;
        std::string message;
    };
    const std::vector<Case> cases = {
        {{.track = "template", .drop_items = {"nope"}},
         nullptr,
         manifest_file + ": /overlays/template/drop_items/0: track 'template' has no item 'nope'"},
        {{.track = "template", .levels = {{"expert", 1.0}}},
         nullptr,
         manifest_file + ": /overlays/template/levels/expert: track 'template' has no level 'expert'"},
        {{.track = "template", .levels = {{"associate", 0.5}}},
         nullptr,
         manifest_file +
             ": /overlays/template/levels/associate/min_theta: cut points must increase: 0.4 is not "
             "above the previous level's 0.5"},
        {{.track = "template", .levels = {{"foundation", -1.0}}},
         nullptr,
         manifest_file + ": /overlays/template/levels/foundation/min_theta: the first level has no cut point "
                         "(everyone starts there)"},
        {{.track = "template", .targets = {{"nowhere", "associate"}}},
         nullptr,
         manifest_file + ": /overlays/template/targets/nowhere: track 'template' has no area 'nowhere'"},
        {{.track = "template", .targets = {{"basics", "expert"}}},
         nullptr,
         manifest_file + ": /overlays/template/targets/basics: unknown level 'expert' (known: associate, "
                         "foundation, professional)"},
        {{.track = "template", .add_items = "overlays/items.json"},
         &duplicate,
         items_file + ": /items/0/id: duplicate item id 'basics-01' (the track has it already)"},
        {{.track = "template", .add_items = "overlays/items.json"},
         &wrong_type,
         items_file + ": /items/0/difficulty: 'trivial' is not one of: easy, hard, medium"},
    };
    for (const auto& c : cases) {
        INFO(c.message);
        const auto result = cloudtrack::host::catalog::apply_overlay(document, c.overlay, c.added, manifest);
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.error(), Equals(c.message));
    }
    write_text(f.bundle / "overlays/broken.json", "{ \"items\": [ }");
    const auto broken = cloudtrack::host::catalog::read_added_items(f.bundle, "overlays/broken.json");
    REQUIRE_FALSE(broken.ok());
    CHECK_THAT(broken.error(), Contains((f.bundle / "overlays/broken.json").string() + ": invalid JSON"));
}

TEST_CASE("the bundle's signature is checked before anything is read", "[bundle]")
{
    BundleFixture f;
    CHECK(open_code(f, f.pubkey) == ExitCode::ok);

    // bundle.json changed after signing.
    const auto signed_text = read_text(f.bundle / "bundle.json");
    auto tampered = signed_text;
    tampered.replace(tampered.find("-0.3"), 4, "-2.0");
    write_text(f.bundle / "bundle.json", tampered);
    CHECK(open_code(f, f.pubkey) == ExitCode::bundle_signature);
    write_text(f.bundle / "bundle.json", signed_text);

    // Signed with another key.
    const auto stranger = minisign::generate_key_pair();
    write_text(f.dir / "stranger.pub", minisign::format_public_key(stranger.public_key));
    CHECK(open_code(f, f.dir / "stranger.pub") == ExitCode::bundle_key);

    // Not signed at all: refused with a key, and without one when the policy requires it.
    fs::rename(f.bundle / "bundle.json.minisig", f.dir / "saved.minisig");
    CHECK(open_code(f, f.pubkey) == ExitCode::bundle_unsigned);
    CHECK(open_code(f, std::nullopt) == ExitCode::bundle_unsigned);
    auto manifest = json::parse(signed_text);
    manifest["policy"]["signature"] = "optional";
    f.save(manifest, false);
    CHECK(open_code(f, std::nullopt) == ExitCode::ok);
    CHECK(open_code(f, f.pubkey) == ExitCode::bundle_unsigned); // a configured key always requires one

    // An invalid manifest, validly signed.
    manifest["plugins"][0]["sha256"] = "nope";
    f.save(manifest);
    CHECK(open_code(f, f.pubkey) == ExitCode::bundle_manifest);
}

TEST_CASE("a tampered plugin or an unlisted one is refused before any of its code runs", "[bundle]")
{
    BundleFixture f;
    {
        auto catalog = f.catalog();
        // The good fixture sits outside the bundle: disabled, and asking for it exits 15.
        const auto& plugins = catalog.plugins();
        const auto good = std::find_if(plugins.begin(), plugins.end(),
                                       [&](const auto& p) { return p.path == f.other / "good.so"; });
        REQUIRE(good != plugins.end());
        CHECK(good->state == State::disabled);
        CHECK_THAT(good->reason, Contains("not listed in bundle acme"));
        try {
            (void)catalog.track("fixture-good");
            FAIL("an unlisted plugin was used");
        } catch (const cloudtrack::util::Error& e) {
            CHECK(e.code() == ExitCode::bundle_unlisted);
        }
        // The pinned plugin is loaded through the descriptor its hash was checked on.
        const auto* plugin = catalog.find("template");
        REQUIRE(plugin != nullptr);
        REQUIRE(plugin->pinned != nullptr);
        CHECK(catalog.ready("template").state == State::ready);
    }
    // One byte of the plugin changed.
    auto bytes = read_text(f.bundle / "template.so");
    const auto at = bytes.find("Template track");
    REQUIRE(at != std::string::npos);
    bytes[at] = 't';
    // A new file, as an attacker's copy would be: rewriting the loaded library in place would
    // change pages this process still has mapped.
    std::filesystem::remove(f.bundle / "template.so");
    write_text(f.bundle / "template.so", bytes);
    auto catalog = f.catalog();
    const auto& plugins = catalog.plugins();
    const auto tampered = std::find_if(plugins.begin(), plugins.end(),
                                       [&](const auto& p) { return p.path == f.bundle / "template.so"; });
    REQUIRE(tampered != plugins.end());
    CHECK(tampered->state == State::disabled);
    CHECK(tampered->pinned == nullptr);
    CHECK_THAT(tampered->reason, Contains("refused: its SHA-256 is "));
    try {
        (void)catalog.ready("template");
        FAIL("a tampered plugin was loaded");
    } catch (const cloudtrack::util::Error& e) {
        CHECK(e.code() == ExitCode::bundle_hash);
    }
}

TEST_CASE("bundle verify reports one problem per finding", "[bundle]")
{
    BundleFixture f;
    auto report = cloudtrack::host::catalog::verify_bundle(f.bundle, &f.keys.public_key);
    CHECK(report.problems.empty());
    CHECK(report.plugins == 1);
    CHECK(report.signed_by == minisign::to_string(f.keys.public_key.key_id));

    copy_plugin(cloudtrack::test::fixture_dir() / "good" / "good.so", f.bundle / "stray.so");
    auto bytes = read_text(f.bundle / "template.so");
    bytes[bytes.find("Template track")] = 't';
    write_text(f.bundle / "template.so", bytes);
    auto text = read_text(f.bundle / "bundle.json");
    text.replace(text.find("-0.3"), 4, "-0.4");
    write_text(f.bundle / "bundle.json", text);
    // The added items are pinned like the plugins: a changed answer key is caught.
    write_text(f.bundle / "overlays/items.json",
               read_text(f.bundle / "overlays/items.json") + "\n// edited after signing\n");
    report = cloudtrack::host::catalog::verify_bundle(f.bundle, &f.keys.public_key);
    std::vector<ExitCode> codes;
    for (const auto& problem : report.problems) {
        UNSCOPED_INFO(problem.message);
        codes.push_back(problem.code);
    }
    CHECK(codes == std::vector<ExitCode>{ExitCode::bundle_signature, ExitCode::bundle_hash,
                                         ExitCode::bundle_unlisted, ExitCode::bundle_hash});
    CHECK_THAT(report.problems.back().message, Contains("overlays/items.json: refused: its SHA-256 is ") &&
                                                   Contains("/overlays/template/add_items_sha256)"));

    // Under "refuse", an overlay of a track no pinned plugin provides can never apply.
    auto manifest = json::parse(read_text(f.bundle / "bundle.json"));
    manifest["overlays"]["finops"] = {{"hidden", true}};
    f.save(manifest);
    report = cloudtrack::host::catalog::verify_bundle(f.bundle, &f.keys.public_key);
    const auto unpinned = std::find_if(report.problems.begin(), report.problems.end(), [](const auto& p) {
        return p.message.find("/overlays/finops: no pinned plugin provides track 'finops'") !=
               std::string::npos;
    });
    REQUIRE(unpinned != report.problems.end());
    CHECK(unpinned->code == ExitCode::bundle_manifest);
}

TEST_CASE("a signed manifest with a key given twice is refused, not read as its last value", "[bundle]")
{
    // Duplicate keys would let "refuse" be followed by "allow" and verify as allow.
    const auto twice = R"({"schema": "cloudtrack.bundle/1", "organization": {"id": "acme"},
        "policy": {"unlisted": "refuse", "unlisted": "allow"}, "plugins": []})";
    const auto parsed = cloudtrack::host::catalog::parse_manifest(twice, k_dir);
    REQUIRE_FALSE(parsed.ok());
    CHECK_THAT(parsed.error(), Contains("bundle.json: duplicate key 'unlisted' at /policy"));
    const auto nul =
        R"({"schema": "cloudtrack.bundle/1", "organization": {"id": "ac\u0000me"}, "plugins": []})";
    CHECK_THAT(cloudtrack::host::catalog::parse_manifest(nul, k_dir).error(),
               Contains("NUL character in a string at /organization/id"));
}

TEST_CASE("a pinned plugin rewritten in place after it was hashed is loaded with the hashed bytes",
          "[bundle]")
{
    BundleFixture f;
    auto catalog = f.catalog();
    const auto* plugin = catalog.find("template");
    REQUIRE(plugin != nullptr);
    REQUIRE(plugin->pinned != nullptr);
    // Same inode, new bytes: what /proc/self/fd of the file itself would now show.
    auto bytes = read_text(f.bundle / "template.so");
    const auto at = bytes.find("Template track");
    REQUIRE(at != std::string::npos);
    bytes[at] = 't';
    {
        std::ofstream rewrite(f.bundle / "template.so", std::ios::binary | std::ios::in | std::ios::out);
        rewrite.seekp(static_cast<std::streamoff>(at));
        rewrite.put('t');
    }
    REQUIRE(read_text(f.bundle / "template.so") == bytes);
    // The loaded bytes are the sealed copy's, still hashing to the pin; the copy cannot change.
    const auto loaded = cloudtrack::util::sha256_hex_of_fd(plugin->pinned->fd());
    REQUIRE(loaded.ok());
    CHECK(*loaded == f.manifest_pin());
    CHECK(*loaded != cloudtrack::util::sha256_hex(bytes));
    CHECK(::write(plugin->pinned->fd(), "x", 1) < 0);
    CHECK(catalog.ready("template").state == State::ready);
}

TEST_CASE("a pinned track is never served by another copy when its pinned file is unusable", "[bundle]")
{
    BundleFixture f;
    // An "allow" policy lets unlisted plugins in, but never in place of a pinned one.
    copy_plugin(cloudtrack::test::template_dir() / "template.so", f.other / "template.so");
    auto manifest = json::parse(read_text(f.bundle / "bundle.json"));
    manifest["policy"]["unlisted"] = "allow";
    f.save(manifest);
    std::filesystem::remove(f.bundle / "template.so");
    auto catalog = f.catalog();
    try {
        (void)catalog.track("template");
        FAIL("the unpinned copy stood in for the missing pinned plugin");
    } catch (const cloudtrack::util::Error& e) {
        CHECK(e.code() == ExitCode::bundle_hash);
    }
    const auto& plugins = catalog.plugins();
    const auto copy = std::find_if(plugins.begin(), plugins.end(),
                                   [&](const auto& p) { return p.path == f.other / "template.so"; });
    REQUIRE(copy != plugins.end());
    CHECK(copy->state == State::disabled);
    CHECK_THAT(copy->reason, Contains("no other copy is used in its place"));

    // A FIFO in place of the pinned file: refused at once (14), never waited on.
    REQUIRE(::mkfifo((f.bundle / "template.so").c_str(), 0644) == 0);
    auto with_fifo = f.catalog();
    try {
        (void)with_fifo.track("template");
        FAIL("a FIFO was accepted as a pinned plugin");
    } catch (const cloudtrack::util::Error& e) {
        CHECK(e.code() == ExitCode::bundle_hash);
        CHECK_THAT(e.what(), Contains("not a regular file (a FIFO)"));
    }
}

TEST_CASE("a public key others could have replaced is refused", "[bundle]")
{
    BundleFixture f;
    std::filesystem::permissions(f.pubkey, std::filesystem::perms::others_write,
                                 std::filesystem::perm_options::add);
    CHECK(open_code(f, f.pubkey) == ExitCode::bad_input);
    try {
        (void)cloudtrack::host::catalog::open_bundle(f.bundle, f.pubkey);
    } catch (const cloudtrack::util::Error& e) {
        CHECK_THAT(e.what(), Contains("acme.pub: refused: writable by group or others"));
    }
}
