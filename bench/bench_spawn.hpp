// Running a program the way a user does (a fresh process, output thrown away) and timing it, for
// the benchmarks that measure whole commands: wall time and peak resident memory from wait4.
//
// On Linux, ru_maxrss of a child also counts the memory of the process it was forked from, as it
// stood at the fork (exec keeps the larger high-water mark). A benchmark that fills its memory
// with test data and then starts commands would report its own size as theirs. So commands are
// started by a launcher forked before main, while the benchmark is still small: the launcher's
// few megabytes are the floor of every peak, not the benchmark's data.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace cloudtrack::bench {

struct Run {
    double ms = 0.0;
    double peak_mb = 0.0;
};

namespace detail {

inline bool write_all(int fd, const void* data, size_t size)
{
    const auto* bytes = static_cast<const char*>(data);
    while (size > 0) {
        const auto n = ::write(fd, bytes, size);
        if (n <= 0) {
            return false;
        }
        bytes += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

inline bool read_all(int fd, void* data, size_t size)
{
    auto* bytes = static_cast<char*>(data);
    while (size > 0) {
        const auto n = ::read(fd, bytes, size);
        if (n <= 0) {
            return false;
        }
        bytes += n;
        size -= static_cast<size_t>(n);
    }
    return true;
}

// Strings on a pipe: a count, then each as its length and bytes.
inline bool write_strings(int fd, const std::vector<std::string>& strings)
{
    const auto count = static_cast<std::uint32_t>(strings.size());
    bool ok = write_all(fd, &count, sizeof count);
    for (const auto& s : strings) {
        const auto size = static_cast<std::uint32_t>(s.size());
        ok = ok && write_all(fd, &size, sizeof size) && write_all(fd, s.data(), s.size());
    }
    return ok;
}

inline bool read_strings(int fd, std::vector<std::string>& strings)
{
    std::uint32_t count = 0;
    if (!read_all(fd, &count, sizeof count)) {
        return false;
    }
    strings.assign(count, {});
    for (auto& s : strings) {
        std::uint32_t size = 0;
        if (!read_all(fd, &size, sizeof size)) {
            return false;
        }
        s.resize(size);
        if (!read_all(fd, s.data(), size)) {
            return false;
        }
    }
    return true;
}

struct Reply {
    double ms = 0.0;
    long max_rss_kb = 0;
    int status = -1; // wait status, or -1 when the program could not start
};

// Runs `args` with exactly `env`, stdout and stderr to /dev/null, and waits for it.
inline Reply spawn_and_wait(const std::vector<std::string>& args, const std::vector<std::string>& env)
{
    std::vector<char*> argv;
    for (const auto& a : args) {
        argv.push_back(const_cast<char*>(a.c_str()));
    }
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) {
        envp.push_back(const_cast<char*>(e.c_str()));
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    Reply reply;
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (argv[0] != nullptr && posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) == 0) {
        rusage usage{};
        wait4(pid, &reply.status, 0, &usage);
        reply.max_rss_kb = usage.ru_maxrss;
    }
    reply.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    posix_spawn_file_actions_destroy(&actions);
    return reply;
}

// The launcher: a child forked before main that runs what the benchmark asks for, one program
// at a time, until the benchmark closes its pipe.
class Launcher {
public:
    Launcher()
    {
        int requests[2];
        int replies[2];
        if (::pipe(requests) != 0 || ::pipe(replies) != 0) {
            return; // run() reports it
        }
        m_pid = ::fork();
        if (m_pid == 0) {
            ::close(requests[1]);
            ::close(replies[0]);
            serve(requests[0], replies[1]);
            ::_exit(0);
        }
        ::close(requests[0]);
        ::close(replies[1]);
        m_requests = requests[1];
        m_replies = replies[0];
    }
    ~Launcher()
    {
        if (m_pid > 0) {
            ::close(m_requests);
            ::close(m_replies);
            ::waitpid(m_pid, nullptr, 0);
        }
    }
    Launcher(const Launcher&) = delete;
    Launcher& operator=(const Launcher&) = delete;
    Launcher(Launcher&&) = delete;
    Launcher& operator=(Launcher&&) = delete;

    bool run(const std::vector<std::string>& args, const std::vector<std::string>& env, Reply& reply) const
    {
        return m_pid > 0 && write_strings(m_requests, args) && write_strings(m_requests, env) &&
               read_all(m_replies, &reply, sizeof reply);
    }

private:
    static void serve(int requests, int replies)
    {
        std::vector<std::string> args;
        std::vector<std::string> env;
        while (read_strings(requests, args) && read_strings(requests, env)) {
            const auto reply = spawn_and_wait(args, env);
            if (!write_all(replies, &reply, sizeof reply)) {
                return;
            }
        }
    }

    pid_t m_pid = -1;
    int m_requests = -1;
    int m_replies = -1;
};

// Made during static initialization, before main allocates anything.
inline Launcher g_launcher;

} // namespace detail

// Runs `args` (args[0] an absolute path) with exactly `env`, stdout and stderr to /dev/null.
// Exits the benchmark when the program cannot start or fails: a figure of a failed run is no figure.
inline Run run_process(const std::vector<std::string>& args, const std::vector<std::string>& env)
{
    detail::Reply reply;
    if (!detail::g_launcher.run(args, env, reply)) {
        std::perror("the benchmark's launcher");
        std::exit(1);
    }
    if (!WIFEXITED(reply.status) || WEXITSTATUS(reply.status) != 0) {
        std::string command;
        for (const auto& a : args) {
            command += (command.empty() ? "" : " ") + a;
        }
        std::fprintf(stderr, "%s exited with status %d\n", command.c_str(), reply.status);
        std::exit(1);
    }
    return {reply.ms, static_cast<double>(reply.max_rss_kb) / 1024.0};
}

} // namespace cloudtrack::bench
