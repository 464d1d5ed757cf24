// The one exception type that reaches the user: caught once in cli::run() and printed as
// "cloudtrack: error: <message>", exiting with its documented code.
#pragma once

#include <stdexcept>
#include <string>

namespace cloudtrack::util {

// Exit codes, documented in README.md ("Exit codes"). Never renumber: scripts depend on them.
enum class ExitCode : int {
    ok = 0,
    problems_found = 1, // a check ran and found problems (plugin validate, bundle verify)
    usage = 2,          // bad command line
    bad_input = 3,      // a malformed input file (answers, content, config)
    plugin = 4,         // a track or plugin is missing, failed or refused
    storage = 5,        // the results database cannot be opened or written
    not_found = 6,      // a result, attempt or rung id that does not exist
    output = 7, // the output could not be written (stdout or -o: disk full, closed pipe, not a regular file)
    bundle_manifest = 10,  // bundle.json missing or invalid
    bundle_signature = 11, // signature does not verify
    bundle_unsigned = 12,  // signature required but missing
    bundle_key = 13,       // signed with a key other than the configured one, or no key to check with
    bundle_hash = 14,      // a pinned file's bytes (plugin or added items) differ from its SHA-256
    bundle_unlisted = 15,  // a plugin the bundle does not list
    interrupted = 130,
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message, ExitCode code = ExitCode::bad_input)
        : std::runtime_error(message), m_code(code)
    {
    }
    [[nodiscard]] ExitCode code() const noexcept { return m_code; }

private:
    ExitCode m_code;
};

} // namespace cloudtrack::util
