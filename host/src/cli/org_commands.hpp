// The commands that talk to an organization's PostgreSQL store (docs/organizations.md): sharing
// one's results with it, and setting it up.
#pragma once

#include "cli/command.hpp"

#include <memory>
#include <string>
#include <vector>

namespace cloudtrack::host::store {
class OrgStore;
}

namespace cloudtrack::host::cli {

// The organization's store the context selects (--store, or "store" in config.json), which must
// be a PostgreSQL URI; `what` names the command in the usage error otherwise.
std::unique_ptr<store::OrgStore> open_org_store(const Context& context, const std::string& what,
                                                bool migrate);

// results share [ID] | results shared | results withdraw ID
int results_share(Context& context, const CommandLine& cl, const std::vector<std::string>& rest);
int results_shared(Context& context, const CommandLine& cl);
int results_withdraw(Context& context, const std::vector<std::string>& rest);

} // namespace cloudtrack::host::cli
