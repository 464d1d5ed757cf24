// Figures as documents write them.
#pragma once

#include <cmath>

namespace cloudtrack::host::assessment {

// Four decimals: enough for a report, and stable against last-bit differences between libm's.
inline double round4(double value)
{
    return std::round(value * 10000.0) / 10000.0;
}

} // namespace cloudtrack::host::assessment
