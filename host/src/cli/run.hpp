// The whole program behind main(): parses the global options, dispatches to the subcommand,
// and turns every util::Error into one line "cloudtrack: error: ..." and its exit code.
#pragma once

namespace cloudtrack::host::cli {

int run(int argc, char** argv);

} // namespace cloudtrack::host::cli
