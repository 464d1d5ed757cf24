// cloudtrack help [TOPIC]: the reference pages installed with cloudtrack (share/doc/cloudtrack),
// printed as they are written (Markdown reads as plain text).
#include "cli/commands.hpp"
#include "cli/install_paths.hpp"
#include "util/error.hpp"
#include "util/file.hpp"

#include <algorithm>
#include <ostream>

namespace cloudtrack::host::cli {

namespace fs = std::filesystem;

namespace {

struct Topic {
    std::string name;  // the page's file name without .md
    std::string title; // its first heading
};

std::vector<Topic> topics(const fs::path& dir)
{
    std::vector<Topic> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".md" || !entry.is_regular_file(ec)) {
            continue;
        }
        std::string title;
        if (const auto text = util::read_file(entry.path(), util::file_kind::doc)) {
            const auto line = text->substr(0, text->find('\n'));
            title = line.rfind("# ", 0) == 0 ? line.substr(2) : line;
        }
        out.push_back({entry.path().stem().string(), title});
    }
    std::sort(out.begin(), out.end(), [](const Topic& a, const Topic& b) { return a.name < b.name; });
    return out;
}

std::string names(const std::vector<Topic>& list)
{
    std::string text;
    for (const auto& topic : list) {
        text += (text.empty() ? "" : ", ") + topic.name;
    }
    return text;
}

} // namespace

int cmd_help(Context& context, const Args& args)
{
    CommandLine cl("cloudtrack help [TOPIC]",
                   "Prints a reference page of the documentation installed with cloudtrack\n"
                   "(<prefix>/share/doc/cloudtrack); without TOPIC, lists the topics.");
    cl.positional("topic", 1);
    if (!cl.parse(args, context)) {
        return 0;
    }
    const auto dir = installed_doc_dir();
    const auto list = topics(dir);
    if (list.empty()) {
        throw util::Error("no documentation found in " + dir.string() +
                              " (installed with cloudtrack in <prefix>/share/doc/cloudtrack)",
                          util::ExitCode::not_found);
    }
    auto& out = context.out();
    if (!cl.has("topic")) {
        out << "usage: cloudtrack help TOPIC\n\nTopics (pages in " << dir.string() << "):\n";
        for (const auto& topic : list) {
            out << "  " << topic.name << std::string(topic.name.size() < 18 ? 18 - topic.name.size() : 1, ' ')
                << topic.title << '\n';
        }
        return 0;
    }
    auto topic = cl.text("topic");
    if (topic.size() > 3 && topic.compare(topic.size() - 3, 3, ".md") == 0) {
        topic.resize(topic.size() - 3);
    }
    const auto found =
        std::find_if(list.begin(), list.end(), [&](const Topic& t) { return t.name == topic; });
    if (found == list.end()) {
        throw util::Error("no help topic '" + topic + "' (topics: " + names(list) + ")",
                          util::ExitCode::usage);
    }
    const auto text = util::read_file(dir / (found->name + ".md"), util::file_kind::doc);
    if (!text) {
        throw util::Error(text.error(), util::ExitCode::not_found);
    }
    out << *text;
    return 0;
}

} // namespace cloudtrack::host::cli
