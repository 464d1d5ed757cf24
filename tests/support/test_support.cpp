#include "test_support.hpp"

#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace cloudtrack::test {

namespace fs = std::filesystem;

TempDir::TempDir()
{
    std::string pattern = (fs::temp_directory_path() / "cloudtrack-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ec;
    // Tests may leave read-only folders behind; make them writable so they can be removed.
    for (auto it = fs::recursive_directory_iterator(m_path, ec); it != fs::recursive_directory_iterator();
         ++it) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
}

RunResult run_cli(const std::vector<std::string>& args, const fs::path& home,
                  const std::map<std::string, std::string>& env, const std::string& input)
{
    std::map<std::string, std::string> vars = {
        {"PATH", "/usr/bin:/bin"}, {"HOME", home.string()}, {"CLOUDTRACK_HOME", (home / "data").string()},
        {"NO_COLOR", "1"},         {"LANG", "C.UTF-8"},     {"USER", "tester"}};
    for (const auto& [k, v] : env) {
        vars[k] = v;
    }
    std::vector<std::string> env_strings;
    for (const auto& [k, v] : vars) {
        env_strings.push_back(k + "=" + v);
    }
    std::vector<char*> envp;
    for (auto& s : env_strings) {
        envp.push_back(s.data());
    }
    envp.push_back(nullptr);
    std::vector<std::string> argv_strings = {CLOUDTRACK_TEST_BINARY};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);

    std::array<int, 2> in{}, out{}, err{};
    if (::pipe2(in.data(), O_CLOEXEC) != 0 || ::pipe2(out.data(), O_CLOEXEC) != 0 ||
        ::pipe2(err.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
        throw std::runtime_error("posix_spawn failed");
    }
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    // Feed stdin fully (inputs are small) and close it so the program sees end of input.
    size_t written = 0;
    while (written < input.size()) {
        const auto n = ::write(in[1], input.data() + written, input.size() - written);
        if (n <= 0) {
            break;
        }
        written += static_cast<size_t>(n);
    }
    ::close(in[1]);

    RunResult result;
    std::array<pollfd, 2> fds{{{out[0], POLLIN, 0}, {err[0], POLLIN, 0}}};
    int open_fds = 2;
    std::array<char, 4096> buffer{};
    while (open_fds > 0) {
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            break;
        }
        for (size_t i = 0; i < fds.size(); ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP)) == 0) {
                continue;
            }
            const auto n = ::read(fds[i].fd, buffer.data(), buffer.size());
            if (n <= 0) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_fds;
            } else {
                (i == 0 ? result.out : result.err).append(buffer.data(), static_cast<size_t>(n));
            }
        }
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

fs::path fixture_dir()
{
    return CLOUDTRACK_TEST_FIXTURES;
}
fs::path builtin_dir()
{
    return CLOUDTRACK_TEST_BUILTIN_PLUGINS;
}
fs::path template_dir()
{
    return CLOUDTRACK_TEST_TEMPLATE_PLUGIN;
}
fs::path scoring_dir()
{
    return CLOUDTRACK_TEST_SCORING_PLUGIN;
}
fs::path source_dir()
{
    return CLOUDTRACK_TEST_SOURCE_DIR;
}

std::string read_text(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write_text(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
}

void copy_plugin(const fs::path& from, const fs::path& to)
{
    fs::create_directories(to.parent_path());
    // Removed first, not overwritten: the old file may be a library this process has mapped.
    fs::remove(to);
    fs::copy_file(from, to);
    fs::permissions(to, k_plugin_mode);
}

} // namespace cloudtrack::test
