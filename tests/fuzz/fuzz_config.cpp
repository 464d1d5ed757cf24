// config.json as the user (or anyone who can write the data folder) left it.
#include "cli/config.hpp"
#include "util/error.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size)
{
    try {
        (void)cloudtrack::host::cli::parse_config(std::string_view(reinterpret_cast<const char*>(data), size),
                                                  "/data/config.json");
    } catch (const cloudtrack::util::Error&) {
        // A refusal with a message is the expected outcome for most inputs.
    }
    return 0;
}
