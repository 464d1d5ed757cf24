// The interactive assessment in a terminal: self-ratings first, then one item per screen.
// Line-based input (works over ssh, tmux and screen readers); every answer is stored as it is
// given, so a killed terminal loses nothing.
#pragma once

#include "assessment/form.hpp"
#include "content/model.hpp"
#include "store/store.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace cloudtrack::host::cli {

// Text width of an item screen: an 80-column terminal less a margin.
inline constexpr size_t k_item_width = 78;

// The letter shown for the option at display position `index`: a, b, c, ...
inline char option_letter(size_t index)
{
    return static_cast<char>('a' + index);
}

// Whether single and multiple choice options are shuffled: in an attempt they are (unless the
// item sets `fixed_order`); an author's preview shows them as written.
enum class Choices { shuffled, authored };

// The display order of an item's options (indexes into item.options), from the attempt's seed and
// the item id, so it is the same on every resume: ordering items always shuffled (never in key
// order), choice items as `choices` says, true/false and numeric items as authored.
std::vector<size_t> option_order(const content::Item& item, std::uint64_t seed, Choices choices);

// "One letter", "A number in %", ...: what the prompt asks for.
std::string answer_prompt(const content::Item& item);

struct ItemScreen {
    const content::Track& track;
    const content::Item& item;
    size_t position; // 0-based
    size_t total;
    std::vector<size_t> order; // option_order()
    bool color;
    bool at_most = false; // an adaptive test: `total` is its longest length, "6 of at most 35"
    // The keys the prompt offers; empty: those of the form or, with `at_most`, the adaptive test.
    std::string keys{};
};

// One item as the session shows it: progress and area, stem, lettered options, the previous
// answer when there is one, and the prompt line (no newline after it). Shared with `plugin
// preview`, so a preview is exactly the screen a person sees.
void render_item(std::ostream& out, const ItemScreen& screen, const std::optional<nlohmann::json>& previous);

// What is printed before an item: on a real terminal the screen is cleared, elsewhere a rule.
void begin_item_screen(std::ostream& out, bool clear_screen);

// One line of the person's input, trimmed; false at the end of input.
bool read_trimmed_line(std::istream& in, std::string& line);

// What the person typed for `item`, shown with its options in `order`, as a response; or why it
// is not one, to show before asking again. Shared by the assessment session and the screener.
std::variant<nlohmann::json, std::string>
parse_typed_answer(const content::Item& item, const std::vector<size_t>& order, const std::string& text);

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

private:
    SessionEnd run_adaptive();
};

} // namespace cloudtrack::host::cli
