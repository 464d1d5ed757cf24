#include "content/patterns.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <vector>

using cloudtrack::content::is_date;
using cloudtrack::content::is_id;
using cloudtrack::content::is_semver;

TEST_CASE("ids: lowercase letters, digits, '_', '.', '-', 1 to 64 long, not starting with a sign",
          "[content][patterns]")
{
    CHECK(is_id("a"));
    CHECK(is_id("0"));
    CHECK(is_id("cicd-01"));
    CHECK(is_id("a.b_c-d"));
    CHECK(is_id(std::string(64, 'x')));
    CHECK_FALSE(is_id(""));
    CHECK_FALSE(is_id(std::string(65, 'x')));
    CHECK_FALSE(is_id("-a"));
    CHECK_FALSE(is_id("_a"));
    CHECK_FALSE(is_id(".a"));
    CHECK_FALSE(is_id("A"));
    CHECK_FALSE(is_id("a b"));
    CHECK_FALSE(is_id("a/b"));
    CHECK_FALSE(is_id("a\n"));
    CHECK_FALSE(is_id("é"));
    CHECK_FALSE(is_id(std::string("a\0b", 3)));
}

TEST_CASE("versions: MAJOR.MINOR.PATCH without leading zeros, optional pre-release", "[content][patterns]")
{
    CHECK(is_semver("0.0.0"));
    CHECK(is_semver("1.2.3"));
    CHECK(is_semver("10.20.30"));
    CHECK(is_semver("1.0.0-beta.1"));
    CHECK(is_semver("1.0.0-RC-2"));
    for (const auto* text : {"", "1", "1.0", "1.0.", "01.0.0", "1.00.0", "1.0.0-", "1.0.0+build",
                             "1.0.0-beta_1", "1.0.0.0", "v1.0.0", "1.0.0\n", "1..0"}) {
        INFO("'" << text << "'");
        CHECK_FALSE(is_semver(text));
    }
}

TEST_CASE("dates: YYYY-MM-DD with a month 01-12 and a day 01-31", "[content][patterns]")
{
    CHECK(is_date("2026-01-01"));
    CHECK(is_date("0000-12-31"));
    CHECK(is_date("2026-02-31")); // the shape only, as the pattern always checked
    for (const auto* text : {"2026-00-10", "2026-13-10", "2026-01-00", "2026-01-32", "2026-1-01", "26-01-01",
                             "2026/01/01", "2026-01-01T", "２026-01-01", ""}) {
        INFO("'" << text << "'");
        CHECK_FALSE(is_date(text));
    }
}

TEST_CASE("the checks accept exactly what the regular expressions they replace accept", "[content][patterns]")
{
    const std::regex id("^[a-z0-9][a-z0-9_.-]{0,63}$");
    const std::regex semver(R"(^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$)");
    const std::regex date(R"(^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$)");
    // Every string of up to 4 characters over an alphabet of the classes' edges, and longer
    // shapes built from them: a difference anywhere fails with the string that shows it.
    const std::string alphabet = "09az.-_A/";
    std::vector<std::string> samples = {""};
    for (size_t length = 0, from = 0; length < 4; ++length) {
        const auto to = samples.size();
        for (size_t i = from; i < to; ++i) {
            for (const char c : alphabet) {
                samples.push_back(samples[i] + c);
            }
        }
        from = to;
    }
    const std::vector<std::string> numbers = {"", "0", "1", "01", "10", "9x"};
    for (const auto& major : numbers) {
        for (const auto& minor : numbers) {
            for (const auto& patch : numbers) {
                for (const auto* suffix : {"", "-", "-a", "-a.B-1", "+b", "-_", "."}) {
                    samples.push_back(major + "." + minor + "." + patch + suffix);
                }
            }
        }
    }
    for (const auto* year : {"2026", "026", "20261", "2o26"}) {
        for (const auto* month : {"00", "01", "09", "10", "12", "13", "1", "20"}) {
            for (const auto* day : {"00", "01", "09", "10", "19", "29", "30", "31", "32", "40", "3"}) {
                samples.push_back(std::string(year) + "-" + month + "-" + day);
            }
        }
    }
    for (const auto& s : samples) {
        INFO("'" << s << "'");
        CHECK(is_id(s) == std::regex_match(s, id));
        CHECK(is_semver(s) == std::regex_match(s, semver));
        CHECK(is_date(s) == std::regex_match(s, date));
    }
}
