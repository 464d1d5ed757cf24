// cloudtrack plugin new ID and cloudtrack plugin preview FILE|TRACK: a track author's start and
// their look at the items as a person taking the assessment will see them.
#include "assessment/scoring.hpp"
#include "cli/commands.hpp"
#include "cli/install_paths.hpp"
#include "cli/interactive.hpp"
#include "util/error.hpp"
#include "util/file.hpp"
#include "util/term.hpp"

#include <nlohmann/json.hpp>

#include <ostream>
#include <regex>

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;
namespace po = boost::program_options;
using content::ItemType;

namespace {

// ---- plugin new ----------------------------------------------------------------------------

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

// "acme-gitops" -> "acme_gitops": a CMake project name and C identifier part.
std::string identifier(const std::string& id)
{
    std::string out = id;
    for (auto& c : out) {
        if (c == '-' || c == '.') {
            c = '_';
        }
    }
    return out;
}

void write(const fs::path& path, const std::string& text)
{
    if (auto written = util::write_file_atomic(path, text); !written) {
        throw util::Error(written.error(), util::ExitCode::storage);
    }
}

// The template's CMakeLists.txt with the project, the target and its install rule renamed, and
// the copy-and-rename advice replaced by what the folder now is.
std::string cmake_lists(const std::string& text, const std::string& id)
{
    auto out = text.substr(text.find("cmake_minimum_required"));
    out = replaced(out, "project(cloudtrack_template_track ", "project(" + identifier(id) + "_track ");
    out = replaced(out, "cloudtrack_add_track(template\n", "cloudtrack_add_track(" + id + "\n");
    out = replaced(out, "install(TARGETS template ", "install(TARGETS " + id + " ");
    out = replaced(out, "src/template_track.cpp", "src/track.cpp");
    return "# The " + id +
           " track plugin, made by `cloudtrack plugin new` from the SDK's template. Build it against\n"
           "# the installed SDK (cloudtrack help writing-a-track):\n"
           "#   cmake -S . -B build -DCMAKE_PREFIX_PATH=<cloudtrack prefix> && cmake --build build\n" +
           out;
}

int create(Context& context, const std::string& id, const fs::path& target, const std::string& name,
           const std::string& vendor)
{
    static const std::regex k_id("^[a-z0-9][a-z0-9_.-]{0,63}$");
    if (!std::regex_match(id, k_id)) {
        throw util::Error("'" + id +
                              "' is not a track id (lowercase letters, digits, '_', '.', '-'; at most 64)",
                          util::ExitCode::usage);
    }
    const auto data = installed_data_dir();
    const auto source = data / "template";
    std::error_code ec;
    if (!fs::is_directory(source, ec)) {
        throw util::Error("no template at " + source.string() + " (installed with cloudtrack's SDK)",
                          util::ExitCode::not_found);
    }
    if (fs::exists(target, ec)) {
        throw util::Error(target.string() + " already exists; choose another --dir", util::ExitCode::usage);
    }
    fs::create_directories(target / "content", ec);
    fs::create_directories(target / "src", ec);
    if (ec) {
        throw util::Error("cannot create " + target.string() + ": " + ec.message(), util::ExitCode::storage);
    }
    const auto read = [&](const char* relative) {
        auto text = util::read_file(source / relative, util::file_kind::template_file);
        if (!text) {
            throw util::Error(text.error(), util::ExitCode::not_found);
        }
        return std::move(*text);
    };
    // Editors find the schemas where this cloudtrack installed them.
    const auto schema_uri = [&](const char* file) { return "file://" + (data / "schemas" / file).string(); };
    const auto content_file = [&](const char* file, const char* schema) {
        return replaced(read(file), "\"../../schemas/" + std::string(schema) + "\"",
                        "\"" + schema_uri(schema) + "\"");
    };

    write(target / "CMakeLists.txt", cmake_lists(read("CMakeLists.txt"), id));
    auto track = content_file("content/track.json", "track.schema.json");
    track = replaced(track, "\"id\": \"template\"", "\"id\": " + nlohmann::json(id).dump());
    track = replaced(track, "\"name\": \"Template track\"", "\"name\": " + nlohmann::json(name).dump());
    track = replaced(track, "\"vendor\": \"Example Org\"", "\"vendor\": " + nlohmann::json(vendor).dump());
    track =
        replaced(track,
                 "\"description\": \"A minimal track that shows every part of a track plugin. Copy it to "
                 "start your own.\"",
                 "\"description\": " + nlohmann::json("Who the " + name +
                                                      " is for and what it measures: replace this paragraph.")
                                           .dump());
    write(target / "content" / "track.json", track);
    write(target / "content" / "items.json", content_file("content/items.json", "items.schema.json"));
    write(target / "content" / "portfolio.json",
          content_file("content/portfolio.json", "portfolio.schema.json"));
    write(target / "src" / "track.cpp", read("src/template_track.cpp"));

    auto& out = context.out();
    out << "Created track '" << id << "' in " << target.string() << ":\n"
        << "  CMakeLists.txt         cloudtrack_add_track(" << id << " ...)\n"
        << "  content/track.json     id, name \"" << name << "\", vendor \"" << vendor
        << "\"; metrics, levels, areas\n"
        << "  content/items.json     three example items: replace them with yours\n"
        << "  content/portfolio.json one project with an evidence probe\n"
        << "  src/track.cpp          an init hook and the probe readme_present\n\n"
        << "Next (cloudtrack help writing-a-track):\n"
        << "  cmake -S " << target.string() << " -B " << (target / "build").string()
        << " -DCMAKE_PREFIX_PATH=<cloudtrack prefix>\n"
        << "  cmake --build " << (target / "build").string() << '\n'
        << "  cloudtrack plugin preview " << (target / "build" / (id + ".so")).string() << " --key\n"
        << "  cloudtrack plugin validate " << (target / "build" / (id + ".so")).string() << '\n';
    return 0;
}

// ---- plugin preview ------------------------------------------------------------------------

// The track of a plugin file (a path, or a name ending in .so), else of an installed track id.
const content::Track& preview_track(Context& context, const std::string& what,
                                    std::optional<content::Track>& held)
{
    const bool file = what.find('/') != std::string::npos ||
                      (what.size() > 3 && what.compare(what.size() - 3, 3, ".so") == 0);
    if (!file) {
        return context.catalog().track(what);
    }
    const auto path = fs::absolute(what);
    auto plugin = catalog::inspect_file(path);
    if (!plugin.track) {
        throw util::Error(path.string() + ": " + plugin.reason, util::ExitCode::plugin);
    }
    held = std::move(plugin.track);
    return *held;
}

std::string letters_of(const content::Item& item, const std::vector<size_t>& order, bool key_order)
{
    std::string text;
    const auto letter_of = [&](size_t option) {
        for (size_t i = 0; i < order.size(); ++i) {
            if (order[i] == option) {
                return option_letter(i);
            }
        }
        return '?';
    };
    for (size_t i = 0; i < item.options.size(); ++i) {
        if (key_order || item.options[i].correct) {
            text += letter_of(i);
        }
    }
    return text;
}

void print_key(std::ostream& out, const content::Item& item, const std::vector<size_t>& order)
{
    const auto key = assessment::key_of(item);
    out << "\nKey: ";
    switch (item.type) {
    case ItemType::numeric:
        out << util::number_text(item.answer) << (item.unit.empty() ? "" : " " + item.unit) << " (tolerance "
            << util::number_text(item.tolerance) << ")";
        break;
    case ItemType::ordering: out << letters_of(item, order, true); break;
    default: out << letters_of(item, order, false); break;
    }
    out << "   (in an answers file: " << key.dump() << ")\n";
    for (size_t i = 0; i < order.size(); ++i) {
        const auto& option = item.options[order[i]];
        if (!option.rationale.empty()) {
            out << util::wrap(std::string(1, option_letter(i)) + ") " +
                                  (item.type == ItemType::ordering ? std::string()
                                   : option.correct                ? "right: "
                                                                   : "wrong: ") +
                                  option.rationale,
                              k_item_width, "  ", "     ")
                << '\n';
        }
    }
    out << '\n' << util::wrap("Explanation: " + item.explanation, k_item_width) << '\n';
    for (const auto& reference : item.references) {
        out << util::wrap(reference.title + " " + reference.url, k_item_width, "  - ", "    ") << '\n';
    }
}

} // namespace

int plugin_new(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack plugin new ID [--dir DIR] [--name NAME] [--vendor VENDOR]",
                   "Creates a track folder from the SDK's template with ID as the track id and the CMake\n"
                   "target, NAME and VENDOR filled in, ready to build against the installed SDK\n"
                   "(cloudtrack help writing-a-track). The folder is DIR, default ./ID; it must not exist.");
    cl.add()("dir", po::value<std::string>(), "the folder to create (default: ./ID)")(
        "name", po::value<std::string>(), "the track's display name (default: \"ID track\")")(
        "vendor", po::value<std::string>(), "who publishes it (default: \"Your organization\")");
    cl.positional("id", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("id")) {
        throw util::Error("plugin new needs a track ID", util::ExitCode::usage);
    }
    const auto id = cl.text("id");
    return create(context, id, fs::absolute(cl.text("dir", id)), cl.text("name", id + " track"),
                  cl.text("vendor", "Your organization"));
}

int plugin_preview(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack plugin preview FILE|TRACK [--item ID] [--key]",
                   "Shows a track's items exactly as the interactive assessment renders them (80 columns,\n"
                   "lettered options, the prompt), in content order, without storing anything. FILE is a\n"
                   "plugin file (a path, or a name ending in .so); TRACK an installed track id. Ordering\n"
                   "items are shuffled as in an attempt with seed 0. --key adds the key (letters, and the\n"
                   "option ids an answers file uses), each option's rationale, the explanation and the\n"
                   "references.");
    cl.add()("item", po::value<std::string>(), "only this item")("key", po::bool_switch(),
                                                                 "add the key, rationales and references");
    cl.positional("what", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    if (!cl.has("what")) {
        throw util::Error("plugin preview needs a plugin FILE or a TRACK id", util::ExitCode::usage);
    }
    std::optional<content::Track> held;
    const auto& track = preview_track(context, cl.text("what"), held);
    std::vector<const content::Item*> items;
    for (const auto& item : track.items) {
        if (!cl.has("item") || item.id == cl.text("item")) {
            items.push_back(&item);
        }
    }
    if (items.empty()) {
        throw util::Error("track '" + track.info.id + "' has no item '" + cl.text("item") + "'",
                          util::ExitCode::not_found);
    }
    auto& out = context.out();
    const bool key = cl.flag("key");
    for (size_t i = 0; i < items.size(); ++i) {
        const auto& item = *items[i];
        const auto order = option_order(item, 0, Choices::authored);
        out << (i == 0 ? "" : "\n") << std::string(k_item_width, '-') << '\n'
            << util::paint("[" + item.id + "]", "2", context.color()) << '\n';
        render_item(out, {track, item, i, items.size(), order, context.color()}, std::nullopt);
        out << '\n';
        if (key) {
            print_key(out, item, order);
        }
    }
    return 0;
}

} // namespace cloudtrack::host::cli
