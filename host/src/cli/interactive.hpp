// The interactive assessment in a terminal: self-ratings first, then one item per screen.
// Line-based input (works over ssh, tmux and screen readers); every answer is stored as it is
// given, so a killed terminal loses nothing.
#pragma once

#include "assessment/form.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <iosfwd>

namespace cloudtrack::host::cli {

enum class SessionEnd { finished, saved };

struct InteractiveSession {
    const content::Track& track;
    store::Store& store;
    std::int64_t attempt_id;
    const assessment::Form& form;
    std::istream& in;
    std::ostream& out;
    bool color;
    bool clear_screen; // only on a real terminal

    SessionEnd run();
};

} // namespace cloudtrack::host::cli
