// Organization bundles from the command line: lock, sign and verify; loading under --bundle with
// every refusal's exit code and one-line error; interoperability with the real `minisign` both
// ways; overlays explained by `show --explain`; and proof that a refused plugin's code never runs.
#include "test_support.hpp"
#include "util/sha256.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;
using cloudtrack::test::copy_plugin;
using cloudtrack::test::k_plugin_mode;
using cloudtrack::test::read_text;
using cloudtrack::test::run_cli;
using cloudtrack::test::RunResult;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

// Runs a shell command line (for `minisign`), quietly; its exit status.
int shell(const std::string& command)
{
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// minisign (Debian's package, installed by scripts/install-deps) is required, not optional: the
// interoperability it proves is a promise of docs/bundles.md.
void require_minisign()
{
    INFO("minisign is not installed: run scripts/install-deps");
    REQUIRE(shell("minisign -v") == 0);
}

// One line on stderr, "cloudtrack: error: ...", and nothing else.
void check_one_line_error(const RunResult& result, int code, const std::string& text)
{
    INFO(result.err);
    CHECK(result.exit_code == code);
    CHECK_THAT(result.err, StartsWith("cloudtrack: error: "));
    CHECK_THAT(result.err, Contains(text));
    CHECK(result.err.find('\n') == result.err.size() - 1);
}

// A home, a bundle folder `acme` with the template track and the DevOps track, and a key pair
// made with `cloudtrack`'s own format (unencrypted, as `minisign -G -W` writes it).
struct Setup {
    TempDir home;
    fs::path bundle = home / "acme";
    fs::path pub = home / "acme.pub";
    fs::path sec = home / "acme.key";

    Setup()
    {
        fs::create_directories(bundle);
        fs::permissions(bundle, k_plugin_mode);
        copy_plugin(cloudtrack::test::template_dir() / "template.so", bundle / "template.so");
        copy_plugin(cloudtrack::test::builtin_dir() / "devops.so", bundle / "devops.so");
    }

    [[nodiscard]] RunResult cli(std::vector<std::string> args,
                                const std::map<std::string, std::string>& env = {}) const
    {
        return run_cli(args, home.path(), env);
    }

    // Runs `args` under the bundle with its public key.
    [[nodiscard]] RunResult under(std::vector<std::string> args,
                                  const std::map<std::string, std::string>& env = {}) const
    {
        args.insert(args.begin(), {"--bundle", bundle.string(), "--bundle-pubkey", pub.string()});
        return cli(args, env);
    }

    void make_keys() const
    {
        REQUIRE(shell("minisign -G -W -p " + pub.string() + " -s " + sec.string()) == 0);
    }

    void lock_and_sign() const
    {
        REQUIRE(cli({"bundle", "lock", bundle.string()}).exit_code == 0);
        REQUIRE(cli({"bundle", "sign", bundle.string(), "--key", sec.string()}).exit_code == 0);
    }

    [[nodiscard]] json manifest() const { return json::parse(read_text(bundle / "bundle.json")); }
    void save(const json& manifest) const { write_text(bundle / "bundle.json", manifest.dump(2) + "\n"); }
};

} // namespace

TEST_CASE("bundle lock pins every plugin and keeps what the organization wrote", "[cli][bundle]")
{
    Setup s;
    const auto locked = s.cli({"bundle", "lock", s.bundle.string()});
    INFO(locked.err);
    REQUIRE(locked.exit_code == 0);
    CHECK_THAT(locked.out, Contains("template.so  template 0.1.0  sha256 "));
    CHECK_THAT(locked.out, EndsWith("wrote " + (s.bundle / "bundle.json").string() + " (2 plugins)\n"));
    auto manifest = s.manifest();
    CHECK(manifest["schema"] == "cloudtrack.bundle/1");
    CHECK(manifest["organization"]["id"] == "acme"); // the folder's name
    CHECK(manifest["policy"] == json({{"unlisted", "refuse"}, {"signature", "required"}}));
    REQUIRE(manifest["plugins"].size() == 2);
    CHECK(manifest["plugins"][0] == json({{"file", "devops.so"},
                                          {"sha256", manifest["plugins"][0]["sha256"]},
                                          {"id", "devops"},
                                          {"version", "1.1.0"}}));
    CHECK(manifest["plugins"][0]["sha256"].get<std::string>().size() == 64);

    // Organization, policy and overlays survive a re-lock; a stale signature is removed.
    manifest["organization"]["name"] = "Acme Corp";
    manifest["policy"]["unlisted"] = "allow";
    manifest["overlays"] = {{"devops", {{"hidden", true}}}};
    s.save(manifest);
    write_text(s.bundle / "bundle.json.minisig", "stale");
    fs::remove(s.bundle / "devops.so");
    const auto relocked = s.cli({"bundle", "lock", s.bundle.string()});
    REQUIRE(relocked.exit_code == 0);
    CHECK_THAT(relocked.out, Contains("removed " + (s.bundle / "bundle.json.minisig").string()));
    CHECK_FALSE(fs::exists(s.bundle / "bundle.json.minisig"));
    const auto after = s.manifest();
    CHECK(after["organization"]["name"] == "Acme Corp");
    CHECK(after["policy"]["unlisted"] == "allow");
    CHECK(after["overlays"] == manifest["overlays"]);
    CHECK(after["plugins"].size() == 1);
    const auto again = s.cli({"bundle", "lock", s.bundle.string()});
    CHECK_THAT(again.out, EndsWith("is up to date (1 plugin)\n"));
    // The same JSON formatted differently is up to date too: nothing is rewritten.
    write_text(s.bundle / "bundle.json", after.dump());
    const auto compact = s.cli({"bundle", "lock", s.bundle.string()});
    CHECK_THAT(compact.out, EndsWith("is up to date (1 plugin)\n"));
    CHECK(read_text(s.bundle / "bundle.json") == after.dump());

    // A broken plugin cannot be pinned.
    write_text(s.bundle / "broken.so", "not a library");
    fs::permissions(s.bundle / "broken.so", k_plugin_mode);
    check_one_line_error(s.cli({"bundle", "lock", s.bundle.string()}), 4, (s.bundle / "broken.so").string());
}

TEST_CASE("cloudtrack signs what minisign verifies, and verifies what minisign signs", "[cli][bundle]")
{
    require_minisign();
    Setup s;
    s.make_keys();
    s.lock_and_sign();
    CHECK(shell("minisign -V -p " + s.pub.string() + " -m " + (s.bundle / "bundle.json").string()) == 0);
    const auto verified = s.cli({"bundle", "verify", s.bundle.string(), "--pubkey", s.pub.string()});
    CHECK(verified.exit_code == 0);
    CHECK_THAT(verified.out,
               StartsWith(s.bundle.string() + ": ok (acme, 2 plugins pinned, signed with key "));

    // minisign's own signature (prehashed, its default trusted comment) is accepted too...
    fs::remove(s.bundle / "bundle.json.minisig");
    REQUIRE(shell("minisign -S -s " + s.sec.string() + " -m " + (s.bundle / "bundle.json").string()) == 0);
    CHECK(s.cli({"bundle", "verify", s.bundle.string(), "--pubkey", s.pub.string()}).exit_code == 0);
    CHECK(s.under({"show", "template"}).exit_code == 0);
    // ...and a change minisign would catch, cloudtrack catches.
    auto text = read_text(s.bundle / "bundle.json");
    text.insert(text.find("\"plugins\""), "\"policy\": {\"unlisted\": \"allow\"}, ");
    write_text(s.bundle / "bundle.json", text);
    CHECK(shell("minisign -V -p " + s.pub.string() + " -m " + (s.bundle / "bundle.json").string()) != 0);
    const auto refused = s.cli({"bundle", "verify", s.bundle.string(), "--pubkey", s.pub.string()});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out ==
          "error: " + (s.bundle / "bundle.json.minisig").string() +
              ": the signature does not verify: bundle.json was changed after it was signed, or the "
              "signature is corrupt\n"
              "error: " +
              (s.bundle / "bundle.json").string() + ": duplicate key 'policy' at /\n");
}

TEST_CASE("an encrypted minisign key signs with the password from CLOUDTRACK_KEY_PASSWORD", "[cli][bundle]")
{
    require_minisign();
    Setup s;
    // minisign reads the password twice from stdin when it is not a terminal.
    REQUIRE(shell("printf 'hunter2\\nhunter2\\n' | minisign -G -p " + s.pub.string() + " -s " +
                  s.sec.string()) == 0);
    REQUIRE(s.cli({"bundle", "lock", s.bundle.string()}).exit_code == 0);
    check_one_line_error(s.cli({"bundle", "sign", s.bundle.string(), "--key", s.sec.string()}), 3,
                         "the secret key is encrypted: set CLOUDTRACK_KEY_PASSWORD");
    // (A wrong password is the unit tests' business: each try costs minisign's 1 GiB scrypt.)
    const auto signed_ = s.cli({"bundle", "sign", s.bundle.string(), "--key", s.sec.string()},
                               {{"CLOUDTRACK_KEY_PASSWORD", "hunter2"}});
    INFO(signed_.err);
    CHECK(signed_.exit_code == 0);
    CHECK(shell("minisign -V -p " + s.pub.string() + " -m " + (s.bundle / "bundle.json").string()) == 0);
}

TEST_CASE("each bundle refusal has its own exit code and one-line error", "[cli][bundle]")
{
    require_minisign();
    Setup s;
    s.make_keys();
    s.lock_and_sign();
    REQUIRE(s.under({"show", "template"}).exit_code == 0);
    const auto signature = (s.bundle / "bundle.json.minisig").string();
    const auto signed_text = read_text(s.bundle / "bundle.json");

    // 15: a built-in track the bundle does not list.
    check_one_line_error(
        s.under({"show", "finops"}), 15,
        "track 'finops' is unavailable: " + (cloudtrack::test::builtin_dir() / "finops.so").string() +
            ": refused: not listed in bundle acme");
    const auto listed = s.under({"list", "--json"});
    REQUIRE(listed.exit_code == 0);
    for (const auto& plugin : json::parse(listed.out)) {
        INFO(plugin.dump());
        const bool in_bundle = plugin["path"].get<std::string>().rfind(s.bundle.string(), 0) == 0;
        CHECK(plugin["state"] == (in_bundle ? "resolved" : "disabled"));
    }

    // 14: one byte of a pinned plugin changed.
    const auto plugin = read_text(s.bundle / "template.so");
    auto tampered = plugin;
    tampered[tampered.find("Template track")] = 't';
    write_text(s.bundle / "template.so", tampered);
    check_one_line_error(s.under({"show", "template"}), 14, "refused: its SHA-256 is ");
    // 14 too when the pinned file is missing, even with another copy of the track installed.
    fs::remove(s.bundle / "devops.so");
    check_one_line_error(s.under({"show", "devops"}), 14, "devops.so: listed in bundle acme (");
    copy_plugin(cloudtrack::test::builtin_dir() / "devops.so", s.bundle / "devops.so");
    write_text(s.bundle / "template.so", plugin);

    // 11: bundle.json changed after signing.
    auto manifest = s.manifest();
    manifest["policy"]["unlisted"] = "allow";
    s.save(manifest);
    check_one_line_error(s.under({"list"}), 11, signature + ": the signature does not verify");
    write_text(s.bundle / "bundle.json", signed_text);

    // 13: signed with another key.
    const auto other = s.home / "other.pub";
    REQUIRE(shell("minisign -G -W -p " + other.string() + " -s " + (s.home / "other.key").string()) == 0);
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "--bundle-pubkey", other.string(), "list"}),
                         13, signature + ": signed with key ");

    // 12: no signature, while a key is configured.
    fs::rename(signature, s.home / "saved.minisig");
    check_one_line_error(s.under({"list"}), 12, signature + ": missing: the bundle is not signed");
    fs::rename(s.home / "saved.minisig", signature);

    // 10: an invalid manifest (checked after its signature: sign the broken one).
    manifest = json::parse(signed_text);
    manifest["plugins"][0]["sha256"] = "0123";
    s.save(manifest);
    REQUIRE(shell("minisign -S -s " + s.sec.string() + " -m " + (s.bundle / "bundle.json").string()) == 0);
    check_one_line_error(s.under({"list"}), 10,
                         (s.bundle / "bundle.json").string() +
                             ": /plugins/0/sha256: '0123' is not a SHA-256");
    fs::remove(s.bundle / "bundle.json");
    check_one_line_error(s.under({"list"}), 10, (s.bundle / "bundle.json").string());
}

TEST_CASE("nothing of a refused plugin runs", "[cli][bundle]")
{
    Setup s;
    const auto plugins = s.home / "plugins";
    fs::create_directories(plugins);
    fs::permissions(plugins, k_plugin_mode);
    const auto fixture = cloudtrack::test::fixture_dir() / "static-ctor" / "static-ctor.so";
    const auto mark = s.home / "mark";
    const auto repo = s.home / "repo";
    fs::create_directories(repo);
    const std::map<std::string, std::string> env = {{"CLOUDTRACK_TEST_MARK", mark.string()},
                                                    {"CLOUDTRACK_PLUGIN_PATH", plugins.string()}};
    // `portfolio check` loads the plugin to run its probes: the constructor leaves its mark.
    const std::vector<std::string> check = {"portfolio", "fixture-static-ctor", "check", "ci-project",
                                            repo.string()};
    auto manifest_of = [&](bool pin_fixture) {
        if (pin_fixture) {
            copy_plugin(fixture, s.bundle / "static-ctor.so");
        } else {
            fs::remove(s.bundle / "static-ctor.so");
        }
        REQUIRE(s.cli({"bundle", "lock", s.bundle.string()}).exit_code == 0);
        auto manifest = s.manifest();
        manifest["policy"]["signature"] = "optional";
        s.save(manifest);
    };
    const std::vector<std::string> bundle = {"--bundle", s.bundle.string()};
    auto with_bundle = [&](std::vector<std::string> args) {
        args.insert(args.begin(), bundle.begin(), bundle.end());
        return args;
    };

    // Unlisted, in the search path: refused with 15 before any code runs.
    copy_plugin(fixture, plugins / "static-ctor.so");
    manifest_of(false);
    check_one_line_error(s.cli(with_bundle(check), env), 15, "refused: not listed in bundle acme");
    CHECK_FALSE(fs::exists(mark));

    // Pinned but changed by one byte: refused with 14 before any code runs.
    fs::remove(plugins / "static-ctor.so");
    manifest_of(true);
    auto bytes = read_text(s.bundle / "static-ctor.so");
    bytes[bytes.find("Fixture fixture-static-ctor")] = 'f';
    write_text(s.bundle / "static-ctor.so", bytes);
    check_one_line_error(s.cli(with_bundle(check), env), 14, "refused: its SHA-256 is ");
    CHECK_FALSE(fs::exists(mark));

    // The control: pinned and intact, it is loaded (through the checked descriptor) and runs.
    manifest_of(true);
    const auto loaded = s.cli(with_bundle(check), env);
    INFO(loaded.err);
    // It ran: exit 4 is portfolio check's "a probe could not run" (the fixture has no probe).
    CHECK(loaded.exit_code == 4);
    CHECK(fs::exists(mark));
}

TEST_CASE("overlays change the track, show --explain names the layer, results record it", "[cli][bundle]")
{
    Setup s;
    write_text(s.bundle / "overlays" / "template-items.json", cloudtrack::test::k_acme_items);
    REQUIRE(s.cli({"bundle", "lock", s.bundle.string()}).exit_code == 0);
    auto manifest = s.manifest();
    manifest["policy"]["signature"] = "optional";
    manifest["overlays"] = {{"template",
                             {{"drop_items", {"basics-02"}},
                              {"add_items", "overlays/template-items.json"},
                              {"levels", {{"associate", {{"min_theta", -0.3}}}}},
                              {"targets", {{"basics", "professional"}}}}},
                            {"devops", {{"hidden", true}}}};
    s.save(manifest);
    // Without its pin the items file is refused; bundle lock pins it (and keeps the overlays).
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "template"}), 10,
                         "/overlays/template: missing 'add_items_sha256' for the add_items file");
    const auto relocked = s.cli({"bundle", "lock", s.bundle.string()});
    REQUIRE(relocked.exit_code == 0);
    CHECK_THAT(relocked.out, Contains("overlays/template-items.json  sha256 "));
    manifest = s.manifest();
    const std::vector<std::string> bundle = {"--bundle", s.bundle.string()};

    const auto shown = s.cli({"--bundle", s.bundle.string(), "show", "template", "--explain"});
    INFO(shown.err);
    REQUIRE(shown.exit_code == 0);
    CHECK_THAT(shown.out, Contains("Associate (from θ -0.3)"));
    CHECK_THAT(shown.out, Contains("  levels/associate/min_theta: -0.3 (bundle acme; the plugin's: -0.5)\n"));
    CHECK_THAT(shown.out, Contains("  items: 1 dropped, 1 added (bundle acme)\n"));
    CHECK_THAT(shown.out, Contains("    added from overlays/template-items.json: acme-01\n"));
    CHECK_THAT(shown.out,
               Contains("  areas/basics/target_level: professional (bundle acme; the plugin's: none)\n"));
    const auto plain = s.cli({"show", "template", "--explain", "--plugin-path", s.bundle.string()});
    CHECK_THAT(plain.out, Contains("  everything: plugin " + (s.bundle / "template.so").string()));

    // The result records the overlaid content's hash, which --explain shows.
    write_text(s.home / "answers.json", R"({"responses": {"basics-01": "a", "acme-01": "true"}})");
    const auto taken = s.cli({"--bundle", s.bundle.string(), "assess", "template", "--full", "--answers",
                              (s.home / "answers.json").string(), "--json"});
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
    const auto result = json::parse(taken.out);
    const auto sha = result["track"]["content_sha256"].get<std::string>();
    CHECK_THAT(shown.out, Contains("content sha256 recorded in results: " + sha));
    CHECK_THAT(plain.out, !Contains(sha));

    // The organization's expected level per area is kept in the result and reported.
    const auto& basics = result["areas"][0];
    CHECK(basics["id"] == "basics");
    CHECK(basics["target_level"] == "professional");
    CHECK(basics["below_target"] == true);
    const auto report =
        s.cli({"--bundle", s.bundle.string(), "report", "--latest", "template", "--format", "text"});
    INFO(report.err);
    REQUIRE(report.exit_code == 0);
    CHECK_THAT(report.out, Contains("Below the expected level\n  Delivery basics: measured " +
                                    basics["level_name"].get<std::string>() + ", expected Professional\n"));
    for (const auto* format : {"md", "html"}) {
        INFO(format);
        const auto rendered =
            s.cli({"--bundle", s.bundle.string(), "report", "--latest", "template", "--format", format});
        REQUIRE(rendered.exit_code == 0);
        CHECK_THAT(rendered.out, Contains("Below the expected level") &&
                                     Contains("measured " + basics["level_name"].get<std::string>() +
                                              ", expected Professional"));
    }

    // The added items are pinned: changing them after the lock refuses the bundle (14); a
    // symlink out of the bundle folder is refused even with a matching pin (10).
    const auto items_file = s.bundle / "overlays" / "template-items.json";
    const auto items_text = read_text(items_file);
    write_text(items_file, items_text + "\n// changed\n");
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "template"}), 14,
                         items_file.string() + ": refused: its SHA-256 is ");
    write_text(s.home / "outside.json", items_text);
    fs::remove(items_file);
    fs::create_symlink(s.home / "outside.json", items_file);
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "template"}), 10,
                         items_file.string() + ": resolves outside the bundle folder");
    fs::remove(items_file);
    write_text(items_file, items_text);

    // A hidden track is not offered; a broken overlay names the bundle file and pointer.
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "devops"}), 4,
                         "hidden by bundle acme (" + (s.bundle / "bundle.json").string() +
                             " /overlays/devops/hidden)");
    manifest["overlays"]["template"]["levels"]["associate"]["min_theta"] = 0.9;
    s.save(manifest);
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "template"}), 10,
                         (s.bundle / "bundle.json").string() +
                             ": /overlays/template/levels/associate/min_theta: cut points must increase");
    const auto verified = s.cli({"bundle", "verify", s.bundle.string()});
    CHECK(verified.exit_code == 1);
    CHECK_THAT(verified.out, StartsWith("error: " + (s.bundle / "bundle.json").string() +
                                        ": /overlays/template/levels/associate/min_theta: "));
}

TEST_CASE("the bundle and its key can be set in config.json", "[cli][bundle]")
{
    require_minisign();
    Setup s;
    s.make_keys();
    s.lock_and_sign();
    // Paths in config.json are relative to the data folder ($CLOUDTRACK_HOME = <home>/data).
    write_text(s.home / "data" / "config.json", R"({"bundle": "../acme", "bundle_pubkey": "../acme.pub"})");
    CHECK(s.cli({"show", "template"}).exit_code == 0);
    check_one_line_error(s.cli({"show", "finops"}), 15, "not listed in bundle acme");
    // The command line wins over the configuration.
    const auto other = s.home / "other.pub";
    REQUIRE(shell("minisign -G -W -p " + other.string() + " -s " + (s.home / "other.key").string()) == 0);
    check_one_line_error(s.cli({"--bundle-pubkey", other.string(), "show", "template"}), 13,
                         "signed with key ");
    // A bundle named on the command line does not borrow the configured key.
    check_one_line_error(s.cli({"--bundle", s.bundle.string(), "show", "template"}), 13,
                         "no public key is configured to check the signature");
    write_text(s.home / "data" / "config.json", R"({"bundle_pubkey": "../acme.pub"})");
    check_one_line_error(s.cli({"list"}), 3, "config.json: /bundle_pubkey: set without \"bundle\"");
    write_text(s.home / "data" / "config.json", R"({"bundle": 7})");
    check_one_line_error(s.cli({"list"}), 3, "config.json: /bundle: expected a path");
}

TEST_CASE("a bundle's calibration scores results and makes adaptive the default; a bundle can require "
          "fixed forms",
          "[cli][bundle][calibration]")
{
    Setup s;
    REQUIRE(s.cli({"bundle", "lock", s.bundle.string()}).exit_code == 0);
    const std::vector<std::string> bundle = {"--bundle", s.bundle.string()};
    const auto with_bundle = [&](std::vector<std::string> args) {
        args.insert(args.begin(), bundle.begin(), bundle.end());
        return s.cli(args);
    };
    // A calibration of every scored item of the template track, as `calibrate --output` writes one.
    const auto document =
        json::parse(s.cli({"show", "template", "--json", "--plugin-path", s.bundle.string()}).out);
    json items = json::array();
    json answers = json::object();
    double b = -1.5;
    for (const auto& item : document["items"]) {
        if (!item.value("beta", false)) {
            items.push_back(
                {{"id", item["id"]}, {"a", 1.7}, {"b", b}, {"se_a", 0.1}, {"se_b", 0.08}, {"n", 640}});
            b += 0.4;
        }
    }
    const json calibration = {
        {"schema", "cloudtrack.calibration/1"},
        {"track", {{"id", "template"}, {"version", "0.9.0"}, {"content_sha256", std::string(64, 'c')}}},
        {"items", items}};
    const auto calibration_sha = cloudtrack::util::sha256_hex(calibration.dump(2) + "\n");
    auto manifest = s.manifest();
    manifest["policy"]["signature"] = "optional";
    manifest["overlays"] = {{"template", {{"calibration", calibration}}}};
    s.save(manifest);

    const auto shown = with_bundle({"show", "template", "--explain"});
    INFO(shown.err);
    REQUIRE(shown.exit_code == 0);
    CHECK_THAT(shown.out, Contains("Calibrated: " + std::to_string(items.size()) + " of " +
                                   std::to_string(items.size()) + " items' parameters estimated from data (" +
                                   calibration_sha.substr(0, 12) + "); adaptive by default."));
    CHECK_THAT(shown.out,
               Contains("  calibration: " + std::to_string(items.size()) + " items estimated from data, " +
                        calibration_sha.substr(0, 12) + " (bundle acme; the plugin has none)\n"));
    const auto plain = s.cli({"show", "template", "--plugin-path", s.bundle.string()});
    CHECK_THAT(plain.out, Contains("Uncalibrated: item parameters are the author's judgement; fixed form by "
                                   "default, --adaptive on request."));

    // Every item answered right: the adaptive test asks what it asks, scored with the calibration.
    for (const auto& item : document["items"]) {
        const auto& type = item["type"];
        if (type == "true_false" || type == "single_choice") {
            for (const auto& option : item["options"]) {
                if (option.value("correct", false)) {
                    answers[item["id"].get<std::string>()] = option["id"];
                }
            }
        }
    }
    write_text(s.home / "answers.json", json{{"responses", answers}}.dump());
    const auto taken = with_bundle(
        {"assess", "template", "--answers", (s.home / "answers.json").string(), "--json", "--seed", "3"});
    INFO(taken.err);
    REQUIRE(taken.exit_code == 0);
    const auto result = json::parse(taken.out);
    CHECK(result["engine"] == "cloudtrack-scoring/2");
    CHECK(result["attempt"]["form"]["mode"] == "adaptive");
    CHECK(result["parameters"] == json{{"calibration", calibration_sha},
                                       {"calibrated_items", result["overall"]["items"]},
                                       {"judged_items", 0},
                                       {"judgement_error", 0.5}});
    for (const auto& response : result["responses"]) {
        if (response["scored"] == true) {
            CHECK(response["a"] == 1.7);
        }
    }
    const auto report = with_bundle({"report", "--latest", "template", "--format", "text"});
    CHECK_THAT(report.out, Contains("Calibrated: every item's parameters were estimated from data") &&
                               Contains(calibration_sha.substr(0, 12) + ")."));
    // --fixed asks for the standard form where adaptive is the default.
    const auto fixed = with_bundle({"assess", "template", "--fixed", "--answers",
                                    (s.home / "answers.json").string(), "--json", "--seed", "3"});
    REQUIRE(fixed.exit_code == 0);
    CHECK(json::parse(fixed.out)["attempt"]["form"]["mode"] == "standard");

    // The bundle requires fixed forms: adaptive is neither the default nor allowed.
    manifest["overlays"]["template"]["allow_adaptive"] = false;
    s.save(manifest);
    CHECK_THAT(with_bundle({"show", "template", "--explain"}).out,
               Contains("; fixed forms only.") &&
                   Contains("  allow_adaptive: false (bundle acme; the plugin's: true)\n"));
    const auto refused =
        with_bundle({"assess", "template", "--adaptive", "--answers", (s.home / "answers.json").string()});
    check_one_line_error(refused, 2, "the template track requires fixed forms");
    const auto standard =
        with_bundle({"assess", "template", "--answers", (s.home / "answers.json").string(), "--json"});
    REQUIRE(standard.exit_code == 0);
    CHECK(json::parse(standard.out)["attempt"]["form"]["mode"] == "standard");
    // A screen is adaptive: named, the track is refused; unnamed, it is left out with a note.
    check_one_line_error(with_bundle({"screen", "template"}), 2,
                         "the template track requires fixed forms (\"allow_adaptive\": false");
    write_text(s.home / "screen.json", "{}");
    const auto unscreened =
        with_bundle({"screen", "--answers", (s.home / "screen.json").string(), "--seed", "1", "--json"});
    REQUIRE(unscreened.exit_code == 0);
    CHECK_THAT(unscreened.err, Contains("note: not screened: the template track requires fixed forms"));
    const auto screened = json::parse(unscreened.out)["tracks"];
    CHECK_FALSE(screened.empty());
    CHECK(
        std::none_of(screened.begin(), screened.end(), [](const json& t) { return t["id"] == "template"; }));

    // A calibration that does not fit the track is refused with the bundle file and pointer.
    manifest["overlays"]["template"]["calibration"]["items"][0]["id"] = "no-such-item";
    s.save(manifest);
    check_one_line_error(
        with_bundle({"show", "template"}), 10,
        (s.bundle / "bundle.json").string() +
            ": /overlays/template/calibration/items/0/id: no item 'no-such-item' in this track");
    manifest["overlays"]["template"]["calibration"] = calibration;
    manifest["overlays"]["template"]["calibration"]["track"]["id"] = "devops";
    s.save(manifest);
    check_one_line_error(with_bundle({"show", "template"}), 10,
                         "/overlays/template/calibration/track/id: this calibration is for track 'devops'");
    manifest["overlays"]["template"]["calibration"] = calibration;
    manifest["overlays"]["template"]["calibration"]["items"][0]["a"] = 9;
    s.save(manifest);
    check_one_line_error(with_bundle({"show", "template"}), 10,
                         "/overlays/template/calibration/items/0/a: expected a number from 0.2 to 4");
}
