// Files and values an attacker or a careless user might hand the program (docs/security.md): each
// is refused with a one-line error and a documented exit code, and nothing hangs, crashes or is
// stored. One test per class of the threat model; fixtures that cannot be committed (FIFOs, sparse
// files, deep JSON) are made here.
#include "scripted_answers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using cloudtrack::test::read_text;
using cloudtrack::test::run_cli;
using cloudtrack::test::RunResult;
using cloudtrack::test::TempDir;
using cloudtrack::test::write_text;
using nlohmann::json;

void check_refused(const RunResult& result, int code, const std::string& text)
{
    INFO(result.err);
    CHECK(result.exit_code == code);
    CHECK_THAT(result.err, Contains(text));
    // One line: the error never spills (or floods) the terminal.
    CHECK(result.err.find('\n') == result.err.size() - 1);
}

std::string deep_json(size_t depth)
{
    return std::string(depth, '[') + std::string(depth, ']');
}

// A file whose size is `bytes` but which holds no data on disk.
void sparse_file(const fs::path& path, off_t bytes)
{
    write_text(path, "");
    REQUIRE(::truncate(path.c_str(), bytes) == 0);
}

// Runs cloudtrack through the shell, for redirections run_cli cannot express.
int shell_exit(const TempDir& home, const std::string& args_and_redirects)
{
    const auto command = "env -i PATH=/usr/bin:/bin HOME=" + home.path().string() +
                         " CLOUDTRACK_HOME=" + (home / "data").string() + " NO_COLOR=1 " +
                         CLOUDTRACK_TEST_BINARY + " " + args_and_redirects;
    const int status = std::system(command.c_str()); // NOLINT(cert-env33-c): a test runs the binary it built
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

json devops_track(const TempDir& home)
{
    const auto shown = run_cli({"show", "devops", "--json"}, home.path());
    REQUIRE(shown.exit_code == 0);
    return json::parse(shown.out);
}

// One finished devops assessment in `home`'s store, five answers right.
void assess_once(const TempDir& home)
{
    const auto track = devops_track(home);
    write_text(home / "answers.json", json{{"responses", cloudtrack::test::right_answers(track, 5)}}.dump());
    REQUIRE(
        run_cli({"assess", "devops", "--full", "--answers", (home / "answers.json").string()}, home.path())
            .exit_code == 0);
}

} // namespace

TEST_CASE("special files are refused, never waited on or read without end", "[cli][hostile]")
{
    const TempDir home;
    // A FIFO named like a plugin: opening it for reading would wait for a writer forever.
    const auto folder = home / "plugins";
    fs::create_directories(folder);
    fs::permissions(folder, cloudtrack::test::k_plugin_mode);
    REQUIRE(::mkfifo((folder / "x.so").c_str(), 0644) == 0);
    cloudtrack::test::copy_plugin(cloudtrack::test::template_dir() / "template.so", folder / "template.so");
    const auto listed = run_cli({"--plugin-path", folder.string(), "list", "--json"}, home.path());
    REQUIRE(listed.exit_code == 0);
    bool saw_fifo = false;
    for (const auto& plugin : json::parse(listed.out)) {
        if (plugin["path"] == (folder / "x.so").string()) {
            saw_fifo = true;
            CHECK(plugin["state"] == "failed");
            CHECK_THAT(plugin["reason"].get<std::string>(), Contains("not a regular file (a FIFO)"));
        }
        if (plugin["id"] == "template") {
            CHECK(plugin["state"] == "resolved"); // the bad file fails alone
        }
    }
    CHECK(saw_fifo);
    CHECK(run_cli({"plugin", "inspect", (folder / "x.so").string()}, home.path()).exit_code != 0);
    CHECK(run_cli({"--plugin-path", folder.string(), "show", "template"}, home.path()).exit_code == 0);

    // An answers file that is a device, or a sparse 10 GB file: refused before any byte is read.
    check_refused(run_cli({"assess", "devops", "--answers", "/dev/zero"}, home.path()), 3,
                  "/dev/zero: not a regular file (a character device)");
    sparse_file(home / "huge.json", off_t{10} << 30);
    check_refused(run_cli({"assess", "devops", "--answers", (home / "huge.json").string()}, home.path()), 3,
                  "over the 16 MiB limit of a scripted answers file");

    // config.json as a FIFO, then as a link to /dev/zero.
    fs::create_directories(home / "data");
    REQUIRE(::mkfifo((home / "data" / "config.json").c_str(), 0644) == 0);
    check_refused(run_cli({"list"}, home.path()), 3, "config.json: not a regular file (a FIFO)");
    fs::remove(home / "data" / "config.json");
    fs::create_symlink("/dev/zero", home / "data" / "config.json");
    check_refused(run_cli({"list"}, home.path()), 3, "config.json: not a regular file (a character device)");
    fs::remove(home / "data" / "config.json");

    // A bundle manifest that is sparse and huge.
    const auto bundle = home / "bundle";
    fs::create_directories(bundle);
    sparse_file(bundle / "bundle.json", off_t{10} << 30);
    check_refused(run_cli({"--bundle", bundle.string(), "list"}, home.path()), 10,
                  "over the 4 MiB limit of a bundle manifest");
}

TEST_CASE("JSON nested 50,000 deep fails with a message, not a stack overflow", "[cli][hostile]")
{
    const TempDir home;
    write_text(home / "deep.json", "{\"responses\": " + deep_json(50000) + "}");
    check_refused(run_cli({"assess", "devops", "--answers", (home / "deep.json").string()}, home.path()), 3,
                  "nested deeper than 64 levels at /responses");
    write_text(home / "deep-cohort.json", deep_json(50000));
    check_refused(run_cli({"cohort", "devops", (home / "deep-cohort.json").string()}, home.path()), 3,
                  "deep-cohort.json: nested deeper than 64 levels");
}

TEST_CASE("answers files with duplicate keys or NUL characters are refused", "[cli][hostile]")
{
    const TempDir home;
    write_text(home / "twice.json", R"({"responses": {}, "responses": {}})");
    check_refused(run_cli({"assess", "devops", "--answers", (home / "twice.json").string()}, home.path()), 3,
                  "duplicate key 'responses' at /");
    write_text(home / "nul.json", R"({"responses": {"cicd-01\u0000x": "b"}})");
    check_refused(run_cli({"assess", "devops", "--answers", (home / "nul.json").string()}, home.path()), 3,
                  "NUL character in a string at /responses/");
    const auto listed = run_cli({"results", "--json"}, home.path());
    CHECK((listed.exit_code != 0 || json::parse(listed.out).empty())); // nothing stored
}

TEST_CASE("numbers are range-checked before they are converted", "[cli][hostile]")
{
    const TempDir home;
    check_refused(run_cli({"assess", "devops", "--items", "-1", "--answers", "x"}, home.path()), 2,
                  "--items '-1': expected a whole number from 1 to 100000");
    check_refused(run_cli({"assess", "devops", "--seed", "-1", "--answers", "x"}, home.path()), 2,
                  "--seed '-1': expected a whole number from 0 to 18446744073709551615");
    check_refused(
        run_cli({"assess", "devops", "--items", "99999999999999999999999", "--answers", "x"}, home.path()), 2,
        "--items");
    check_refused(run_cli({"cohort", "devops", "--min-size", "-3", "x.json"}, home.path()), 2,
                  "--min-size '-3': expected a whole number from 3 to");

    const auto track = devops_track(home);
    const auto area = track["areas"][0]["id"].get<std::string>();
    write_text(home / "rating.json", json{{"self_ratings", {{area, 4294967298ULL}}}}.dump());
    check_refused(
        run_cli({"assess", "devops", "--full", "--answers", (home / "rating.json").string()}, home.path()), 3,
        "/self_ratings/" + area + ": expected a whole number from 0 to 3");
    std::string numeric;
    for (const auto& item : track["items"]) {
        if (item["type"] == "numeric") {
            numeric = item["id"].get<std::string>();
            break;
        }
    }
    REQUIRE_FALSE(numeric.empty());
    write_text(home / "huge-number.json", R"({"responses": {")" + numeric + R"(": 1e400}})");
    check_refused(run_cli({"assess", "devops", "--full", "--answers", (home / "huge-number.json").string()},
                          home.path()),
                  3, "number 1e400 is out of range at /responses/" + numeric);
}

TEST_CASE("a user's mistake is a usage error, refused before anything is stored", "[cli][hostile]")
{
    const TempDir home;
    check_refused(run_cli({"--data-dir", "", "results"}, home.path()), 2, "--data-dir: expected a folder");
    const auto track = devops_track(home);
    write_text(home / "answers.json", json{{"responses", cloudtrack::test::right_answers(track, 3)}}.dump());
    check_refused(run_cli({"--profile", "bad\xff\xfename", "assess", "devops", "--full", "--answers",
                           (home / "answers.json").string()},
                          home.path()),
                  2, "--profile 'bad\\xff\\xfename': expected a name of 1 to 64 bytes");
    check_refused(run_cli({"--profile", "esc\x1b[2Jape", "results"}, home.path()), 2, "'esc\\x1b[2Jape'");
    const auto listed = run_cli({"results", "--json"}, home.path());
    REQUIRE(listed.exit_code == 0);
    CHECK(json::parse(listed.out).empty()); // no attempt was left behind
}

TEST_CASE("error messages are bounded, whatever the input", "[cli][hostile]")
{
    const TempDir home;
    const std::string long_value(100000, '7');
    const auto refused = run_cli({"assess", "devops", "--items", long_value, "--answers", "x"}, home.path());
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.size() < 400);
    CHECK_THAT(refused.err, Contains("(100000 bytes)"));

    json responses = json::object();
    for (int i = 0; i < 100000; ++i) {
        responses["nope-" + std::to_string(i)] = "a";
    }
    write_text(home / "unknown.json", json{{"responses", responses}}.dump());
    const auto unknown =
        run_cli({"assess", "devops", "--full", "--answers", (home / "unknown.json").string()}, home.path());
    CHECK(unknown.exit_code == 3);
    CHECK(std::count(unknown.err.begin(), unknown.err.end(), '\n') <= 20);
    CHECK_THAT(unknown.err, Contains("and 99980 more"));
}

TEST_CASE("output that cannot be written is an error, and -o replaces only regular files", "[cli][hostile]")
{
    const TempDir home;
    assess_once(home);
    // A full disk: stdout's writes fail, and the exit code says so.
    CHECK(shell_exit(home, "results export devops --format json > /dev/full 2>/dev/null") == 7);
    CHECK(shell_exit(home, "results export devops --format json > /dev/null") == 0);

    // -o onto a symlink or a device is refused; what was there stays.
    write_text(home / "kept.txt", "keep me\n");
    fs::create_symlink(home / "kept.txt", home / "link.txt");
    check_refused(run_cli({"report", "--latest", "devops", "-o", (home / "link.txt").string()}, home.path()),
                  7, "exists and is not a regular file");
    CHECK(fs::is_symlink(home / "link.txt"));
    CHECK(read_text(home / "kept.txt") == "keep me\n");
    check_refused(run_cli({"report", "--latest", "devops", "-o", "/dev/null"}, home.path()), 7,
                  "/dev/null: exists and is not a regular file");
    CHECK(fs::is_character_file("/dev/null"));
    // A regular file is replaced whole.
    REQUIRE(run_cli({"report", "--latest", "devops", "-o", (home / "kept.txt").string()}, home.path())
                .exit_code == 0);
    CHECK(read_text(home / "kept.txt").find("keep me") == std::string::npos);
}

TEST_CASE("cohort checks every field of files other people wrote", "[cli][hostile]")
{
    const TempDir home;
    assess_once(home);
    const auto exported = run_cli({"results", "export", "devops", "--format", "json"}, home.path());
    REQUIRE(exported.exit_code == 0);
    const auto results = json::parse(exported.out);

    auto without_overall = results;
    without_overall[0].erase("overall");
    write_text(home / "no-overall.json", without_overall.dump());
    check_refused(run_cli({"cohort", "devops", (home / "no-overall.json").string()}, home.path()), 3,
                  "no-overall.json: result 1: /overall: expected an object");

    auto negative = results;
    negative[0]["areas"][0]["items"] = -4;
    write_text(home / "negative.json", negative.dump());
    check_refused(run_cli({"cohort", "devops", (home / "negative.json").string()}, home.path()), 3,
                  "negative.json: result 1: /areas/0/items: expected a whole number, 0 or more");

    write_text(home / "not-json.json", "{\n  \"schema\": oops\n}");
    check_refused(run_cli({"cohort", "devops", (home / "not-json.json").string()}, home.path()), 3,
                  "not-json.json: invalid JSON: parse error at line 2, column");
}

TEST_CASE("control characters from files are made visible before they reach a terminal", "[cli][hostile]")
{
    const TempDir home;
    const auto track = devops_track(home);
    std::vector<std::string> files;
    for (size_t person = 0; person < 5; ++person) {
        const auto name = "zz-person-" + std::to_string(person);
        write_text(home / "answers.json",
                   json{{"responses", cloudtrack::test::right_answers(track, 5 + person)}}.dump());
        REQUIRE(run_cli({"--profile", name, "assess", "devops", "--full", "--answers",
                         (home / "answers.json").string()},
                        home.path())
                    .exit_code == 0);
        auto exported = json::parse(
            run_cli({"--profile", name, "results", "export", "devops", "--format", "json"}, home.path()).out);
        // A hostile sharer renames an area: clear the screen, then fake a verdict.
        exported[0]["areas"][0]["name"] = "\x1b[2J\x1b[32mAll good\x1b[0m";
        files.push_back((home / (name + ".json")).string());
        write_text(files.back(), exported.dump());
    }
    std::vector<std::string> args = {"cohort", "devops"};
    args.insert(args.end(), files.begin(), files.end());
    const auto text = run_cli(args, home.path());
    REQUIRE(text.exit_code == 0);
    CHECK(text.out.find('\x1b') == std::string::npos);
    CHECK_THAT(text.out, Contains("\\x1b[2J"));
    args.emplace_back("--json");
    const auto exact = run_cli(args, home.path());
    REQUIRE(exact.exit_code == 0);
    CHECK_THAT(exact.out, Contains("\\u001b[2J")); // JSON keeps the bytes, escaped as JSON does
}
