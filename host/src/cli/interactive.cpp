#include "cli/interactive.hpp"

#include "assessment/adaptive_form.hpp"

#include "assessment/scoring.hpp"
#include "util/clock.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <istream>
#include <optional>
#include <ostream>
#include <variant>

namespace cloudtrack::host::cli {

using content::Item;
using content::ItemType;
using nlohmann::json;

namespace {

constexpr size_t k_width = k_item_width;

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
        return "";
    }
    return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

char letter(size_t index)
{
    return option_letter(index);
}

// Letters typed by the person ("a c", "a,c", "AC") as display indexes; nullopt if any is invalid.
std::optional<std::vector<size_t>> letters_to_indexes(const std::string& text, size_t count)
{
    std::vector<size_t> indexes;
    for (const char c : text) {
        if (c == ' ' || c == ',') {
            continue;
        }
        const auto lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (lower < 'a' || static_cast<size_t>(lower - 'a') >= count) {
            return std::nullopt;
        }
        indexes.push_back(static_cast<size_t>(lower - 'a'));
    }
    return indexes;
}

} // namespace

std::vector<size_t> option_order(const Item& item, std::uint64_t seed, Choices choices)
{
    if (item.type == ItemType::ordering) {
        return assessment::display_order(seed, item.id, item.options.size());
    }
    const bool choice = item.type == ItemType::single_choice || item.type == ItemType::multiple_choice;
    if (choice && choices == Choices::shuffled && !item.fixed_order) {
        return assessment::choice_order(seed, item.id, item.options.size());
    }
    std::vector<size_t> identity(item.options.size());
    for (size_t i = 0; i < identity.size(); ++i) {
        identity[i] = i;
    }
    return identity;
}

std::string answer_prompt(const Item& item)
{
    switch (item.type) {
    case ItemType::single_choice:
    case ItemType::true_false: return "One letter";
    case ItemType::multiple_choice: return "Every letter that applies (e.g. ac)";
    case ItemType::ordering: return "All letters, first step first (e.g. cabd)";
    case ItemType::numeric: return "A number" + (item.unit.empty() ? std::string() : " in " + item.unit);
    }
    return "Answer";
}

void render_item(std::ostream& out, const ItemScreen& screen, const std::optional<json>& previous)
{
    const auto& item = screen.item;
    const auto* area = screen.track.find_area(item.area);
    out << util::paint(std::to_string(screen.position + 1) + (screen.at_most ? " of at most " : "/") +
                           std::to_string(screen.total),
                       "1", screen.color)
        << "  " << (area != nullptr ? area->name : item.area) << (item.beta ? "  (beta: not scored)" : "")
        << "\n\n"
        << util::wrap(item.stem, k_item_width) << "\n\n";
    for (size_t i = 0; i < screen.order.size(); ++i) {
        out << util::wrap(std::string(1, option_letter(i)) + ") " + item.options[screen.order[i]].text,
                          k_item_width, "  ", "     ")
            << '\n';
    }
    if (previous) {
        out << "\n(answered before: " << previous->dump() << ")\n";
    }
    const std::string keys = !screen.keys.empty() ? screen.keys
                             : screen.at_most     ? "q save and quit"
                                                  : "s skip, p previous, q save and quit";
    out << '\n' << answer_prompt(item) << " [" << keys << "]: ";
}

void begin_item_screen(std::ostream& out, bool clear_screen)
{
    if (clear_screen) {
        out << "\033[2J\033[H";
    } else {
        out << '\n' << std::string(k_width, '-') << '\n';
    }
}

bool read_trimmed_line(std::istream& in, std::string& line)
{
    if (!std::getline(in, line)) {
        return false;
    }
    line = trim(line);
    return true;
}

std::variant<json, std::string> parse_typed_answer(const Item& item, const std::vector<size_t>& order,
                                                   const std::string& text)
{
    if (item.type == ItemType::numeric) {
        std::string number = text;
        if (!item.unit.empty() && number.size() > item.unit.size() &&
            number.compare(number.size() - item.unit.size(), item.unit.size(), item.unit) == 0) {
            number = trim(number.substr(0, number.size() - item.unit.size()));
        }
        size_t used = 0;
        try {
            const double value = std::stod(number, &used);
            if (used == number.size()) {
                return json(value);
            }
        } catch (const std::exception&) {
        }
        return std::string("please type a number");
    }
    const auto indexes = letters_to_indexes(text, order.size());
    if (!indexes || indexes->empty()) {
        return "please type letters from a to " + std::string(1, letter(order.size() - 1));
    }
    json response = json::array();
    for (const auto index : *indexes) {
        response.push_back(item.options[order[index]].id);
    }
    if (item.type == ItemType::single_choice || item.type == ItemType::true_false) {
        if (response.size() != 1) {
            return std::string("please type exactly one letter");
        }
        response = response[0];
    }
    if (auto problem = assessment::response_problem(item, response)) {
        return "please try again: " + *problem;
    }
    return response;
}

namespace {

class Screen {
public:
    Screen(const InteractiveSession& s) : m_s(s) {} // NOLINT(google-explicit-constructor)

    [[nodiscard]] std::vector<size_t> order(const Item& item) const
    {
        return option_order(item, m_s.form.seed, Choices::shuffled);
    }

    void show(const Item& item, size_t position, const std::optional<json>& previous) const
    {
        show(item, position, previous, m_s.form.items.size(), false);
    }

    void show(const Item& item, size_t position, const std::optional<json>& previous, size_t total,
              bool at_most) const
    {
        begin_item_screen(m_s.out, m_s.clear_screen);
        render_item(m_s.out, {m_s.track, item, position, total, order(item), m_s.color, at_most}, previous);
        m_s.out << std::flush;
    }

    // The response for `text`, or a reason it is not one.
    [[nodiscard]] std::variant<json, std::string> parse(const Item& item, const std::string& text) const
    {
        return parse_typed_answer(item, order(item), text);
    }

private:
    const InteractiveSession& m_s;
};

// Asks each area's self-rating not yet given. Returns false when the person quit.
bool ask_self_ratings(InteractiveSession& s)
{
    auto given = s.store.self_ratings(s.attempt_id);
    const auto top = s.track.levels.size() - 1;
    std::string scale;
    for (size_t i = 0; i < s.track.levels.size(); ++i) {
        scale += (i == 0 ? "" : ", ") + std::to_string(i) + " " + s.track.levels[i].name;
    }
    bool intro = false;
    for (const auto& area : s.track.areas) {
        if (given.contains(area.id)) {
            continue;
        }
        if (!intro) {
            s.out << util::wrap("Before any question, rate yourself in each area on the track's scale (" +
                                    scale + "). Your ratings are compared with the measurement at the end.",
                                k_width)
                  << "\n";
            intro = true;
        }
        for (;;) {
            s.out << '\n'
                  << util::paint(area.name, "1", s.color) << '\n'
                  << util::wrap(area.self_rating_prompt, k_width, "  ") << "\n  [0-" << top
                  << ", q quit]: " << std::flush;
            std::string line;
            if (!read_trimmed_line(s.in, line) || line == "q") {
                return false;
            }
            if (line.size() == 1 && line[0] >= '0' && static_cast<size_t>(line[0] - '0') <= top) {
                s.store.record_self_rating(s.attempt_id, area.id, line[0] - '0');
                break;
            }
            s.out << "  please type a number from 0 to " << top << '\n';
        }
    }
    return true;
}

std::map<std::string, json> stored_answers(const store::Store& store, std::int64_t attempt)
{
    std::map<std::string, json> answered;
    for (const auto& answer : store.answers(attempt)) {
        answered[answer.item_id] = json::parse(answer.response_json);
    }
    return answered;
}

} // namespace

// Each screen replays the test from the stored answers, so what is asked after a resume is
// exactly what would have been asked without the break. No skipping and no going back: the next
// item depends on this answer.
SessionEnd InteractiveSession::run_adaptive()
{
    auto answered = stored_answers(store, attempt_id);
    Screen screen(*this);
    for (;;) {
        const auto state = assessment::replay(track, form, answered, assessment::Missing::ask);
        if (!state.next) {
            return SessionEnd::finished;
        }
        const auto& item = *track.find_item(*state.next);
        screen.show(item, state.presented.size(), std::nullopt,
                    std::max(state.max_items + form.beta.size(), state.presented.size() + 1), true);
        std::string line;
        if (!read_trimmed_line(in, line) || line == "q") {
            return SessionEnd::saved;
        }
        if (line.empty()) {
            continue;
        }
        if (line == "s" || line == "p") {
            out << "  an adaptive test chooses the next item from this answer: please answer ('q' saves and "
                   "quits)\n";
            continue;
        }
        auto parsed = screen.parse(item, line);
        if (const auto* problem = std::get_if<std::string>(&parsed)) {
            out << "  " << *problem << '\n';
            continue;
        }
        const auto& response = std::get<json>(parsed);
        store.record_answer(attempt_id, item.id, response.dump(), util::now_iso8601());
        answered[item.id] = response;
    }
}

SessionEnd InteractiveSession::run()
{
    if (!ask_self_ratings(*this)) {
        return SessionEnd::saved;
    }
    if (form.mode == assessment::FormMode::adaptive) {
        return run_adaptive();
    }
    auto answered = stored_answers(store, attempt_id);
    const auto first_unanswered = [&]() {
        for (size_t i = 0; i < form.items.size(); ++i) {
            if (!answered.contains(form.items[i])) {
                return i;
            }
        }
        return form.items.size();
    };
    Screen screen(*this);
    size_t position = first_unanswered();
    for (;;) {
        if (position >= form.items.size()) {
            const auto missing =
                static_cast<size_t>(std::count_if(form.items.begin(), form.items.end(),
                                                  [&](const auto& id) { return answered.count(id) == 0; }));
            if (missing == 0) {
                return SessionEnd::finished;
            }
            out << '\n'
                << missing << " item(s) unanswered; unanswered items score 0.\n"
                << "Finish now? [y finish, n go to the first unanswered, q save and quit]: " << std::flush;
            std::string line;
            if (!read_trimmed_line(in, line) || line == "q") {
                return SessionEnd::saved;
            }
            if (line == "y") {
                return SessionEnd::finished;
            }
            position = first_unanswered();
            continue;
        }
        const auto* item = track.find_item(form.items[position]);
        if (item == nullptr) { // the track changed since this attempt began
            ++position;
            continue;
        }
        const auto previous = answered.find(item->id);
        screen.show(*item, position,
                    previous == answered.end() ? std::nullopt : std::optional<json>(previous->second));
        std::string line;
        if (!read_trimmed_line(in, line) || line == "q") {
            return SessionEnd::saved;
        }
        if (line.empty()) {
            continue; // an accidental Enter re-shows the item rather than skipping it
        }
        if (line == "s") {
            ++position;
            continue;
        }
        if (line == "p") {
            position = position == 0 ? 0 : position - 1;
            continue;
        }
        auto parsed = screen.parse(*item, line);
        if (const auto* problem = std::get_if<std::string>(&parsed)) {
            out << "  " << *problem << '\n';
            continue;
        }
        const auto& response = std::get<json>(parsed);
        store.record_answer(attempt_id, item->id, response.dump(), util::now_iso8601());
        answered[item->id] = response;
        ++position;
    }
}

} // namespace cloudtrack::host::cli
