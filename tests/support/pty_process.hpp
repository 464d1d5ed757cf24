// Drives a program through a pseudo-terminal, as a person at a keyboard would: wait for text on
// the screen, type a line, or kill the process outright.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <sys/types.h>

namespace cloudtrack::test {

class PtyProcess {
public:
    PtyProcess(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env);
    ~PtyProcess();
    PtyProcess(const PtyProcess&) = delete;
    PtyProcess& operator=(const PtyProcess&) = delete;

    // Reads until `text` appears after the last wait (false on timeout or exit).
    bool wait_for(const std::string& text, std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // The screen text read since the last successful wait_for.
    [[nodiscard]] const std::string& screen() const { return m_screen; }
    void type_line(const std::string& line);
    void kill_hard(); // SIGKILL: no handler runs, no buffer is flushed
    int wait_exit();

private:
    pid_t m_pid = -1;
    int m_master = -1;
    std::string m_pending;
    std::string m_screen;
};

} // namespace cloudtrack::test
