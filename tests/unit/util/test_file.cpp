#include "util/file.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

using cloudtrack::util::read_bounded_file;

TEST_CASE("bounded reads take regular files up to the cap", "[util]")
{
    const cloudtrack::test::TempDir dir;
    cloudtrack::test::write_text(dir / "small.json", "[1, 2, 3]");
    const auto small = read_bounded_file(dir / "small.json", 64);
    REQUIRE(small.ok());
    CHECK(*small == "[1, 2, 3]");

    const auto big = read_bounded_file(dir / "small.json", 4);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().find("larger than") != std::string::npos);

    const auto folder = read_bounded_file(dir.path(), 64);
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().find("not a regular file") != std::string::npos);

    CHECK_FALSE(read_bounded_file(dir / "missing", 64).ok());
}
