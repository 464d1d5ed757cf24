#include "pty_process.hpp"

#include <array>
#include <csignal>
#include <stdexcept>

#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cloudtrack::test {

PtyProcess::PtyProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env)
{
    winsize size{};
    size.ws_row = 40;
    size.ws_col = 80;
    m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
    if (m_pid < 0) {
        throw std::runtime_error("forkpty failed");
    }
    if (m_pid == 0) {
        ::clearenv();
        for (const auto& [k, v] : env) {
            ::setenv(k.c_str(), v.c_str(), 1);
        }
        std::vector<char*> args;
        for (const auto& a : argv) {
            args.push_back(const_cast<char*>(a.c_str()));
        }
        args.push_back(nullptr);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
}

PtyProcess::~PtyProcess()
{
    if (m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    if (m_master >= 0) {
        ::close(m_master);
    }
}

bool PtyProcess::wait_for(const std::string& text, std::chrono::milliseconds timeout)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::array<char, 4096> buffer{};
    for (;;) {
        if (const auto pos = m_pending.find(text); pos != std::string::npos) {
            m_screen = m_pending.substr(0, pos + text.size());
            m_pending.erase(0, pos + text.size());
            return true;
        }
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            m_screen = m_pending;
            return false;
        }
        pollfd fd{m_master, POLLIN, 0};
        if (::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
            continue;
        }
        const auto n = ::read(m_master, buffer.data(), buffer.size());
        if (n <= 0) {
            m_screen = m_pending;
            return false; // the program exited
        }
        m_pending.append(buffer.data(), static_cast<size_t>(n));
    }
}

void PtyProcess::type_line(const std::string& line)
{
    const auto text = line + "\r";
    if (::write(m_master, text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
        throw std::runtime_error("write to pty failed");
    }
}

void PtyProcess::kill_hard()
{
    ::kill(m_pid, SIGKILL);
}

int PtyProcess::wait_exit()
{
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace cloudtrack::test
