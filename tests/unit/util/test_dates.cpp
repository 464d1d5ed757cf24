#include "util/clock.hpp"

#include <catch2/catch.hpp>

using cloudtrack::util::add_months;
using cloudtrack::util::valid_date;

TEST_CASE("certification dates are strict YYYY-MM-DD calendar dates", "[util]")
{
    CHECK(valid_date("2026-02-28"));
    CHECK(valid_date("2028-02-29")); // a leap year
    for (const auto* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-1-011", "+026-01-01",
                            "2026/01/01", "2026-01-1a", " 2026-01-1", "", "20260101"}) {
        INFO(bad);
        CHECK_FALSE(valid_date(bad));
    }
}

TEST_CASE("validity periods add calendar months, ending at the month's last day", "[util]")
{
    CHECK(add_months("2025-06-01", 36) == "2028-06-01");
    CHECK(add_months("2026-01-31", 1) == "2026-02-28");
    CHECK(add_months("2027-11-30", 3) == "2028-02-29");
    CHECK(add_months("2026-03-15", -3) == "2025-12-15");
    CHECK_FALSE(add_months("2026-02-30", 12).has_value());
}
