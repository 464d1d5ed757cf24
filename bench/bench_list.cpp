// Start-up of `cloudtrack list`: the median over many runs, as a ratio to an empty C++ program
// linked the same way (measured in the same run, so the machine's speed cancels out), and the
// median of `list` over 200 plugin files; each with the plugin cache warm (the usual case: the
// files have not changed since the last run) and cold (every document read and validated).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

double run_ms(const std::vector<std::string>& args, const std::vector<std::string>& env)
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
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data()) != 0) {
        std::perror("posix_spawn");
        std::exit(1);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    const auto end = std::chrono::steady_clock::now();
    posix_spawn_file_actions_destroy(&actions);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::fprintf(stderr, "%s exited with status %d\n", args[0].c_str(), status);
        std::exit(1);
    }
    return std::chrono::duration<double, std::milli>(end - start).count();
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto n = samples.size();
    return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
}

// Alternates the two commands so drifts in machine load hit both alike.
std::pair<double, double> compare(const std::vector<std::string>& a, const std::vector<std::string>& b,
                                  const std::vector<std::string>& env, int runs)
{
    std::vector<double> sa;
    std::vector<double> sb;
    for (int i = 0; i < 3; ++i) { // warm the page cache
        run_ms(a, env);
        run_ms(b, env);
    }
    for (int i = 0; i < runs; ++i) {
        sa.push_back(run_ms(a, env));
        sb.push_back(run_ms(b, env));
    }
    return {median(sa), median(sb)};
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 51;
    if (runs < 1) {
        std::fprintf(stderr, "usage: cloudtrack_bench_list [RUNS]\n");
        return 2;
    }
    char pattern[] = "/tmp/cloudtrack-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path work = pattern;
    const std::vector<std::string> env = {"PATH=/usr/bin:/bin", "HOME=" + work.string(),
                                          "CLOUDTRACK_HOME=" + (work / "data").string(), "NO_COLOR=1"};

    size_t builtin = 0;
    for (const auto& entry : fs::directory_iterator(CLOUDTRACK_BENCH_PLUGINS)) {
        builtin += entry.path().extension() == ".so" ? 1U : 0U;
    }
    auto cold_env = env;
    cold_env.emplace_back("CLOUDTRACK_NO_PLUGIN_CACHE=1");
    const auto [empty, list] =
        compare({CLOUDTRACK_BENCH_EMPTY}, {CLOUDTRACK_BENCH_BINARY, "list"}, env, runs);
    const auto [empty_cold, list_cold] =
        compare({CLOUDTRACK_BENCH_EMPTY}, {CLOUDTRACK_BENCH_BINARY, "list"}, cold_env, runs);
    std::printf("start-up, median of %d runs\n", runs);
    std::printf("  empty C++ program (same libraries)   %8.2f ms\n", empty);
    std::printf("  cloudtrack list (%zu built-in tracks)  %8.2f ms   warm cache\n", builtin, list);
    std::printf("  ratio                                %8.2f x   (budget: 3x)\n", list / empty);
    std::printf("  cloudtrack list, cold                %8.2f ms   no cache\n", list_cold);
    std::printf("  ratio                                %8.2f x\n", list_cold / empty_cold);

    // 200 plugin files: copies of the built-in tracks under distinct names.
    const auto many = work / "plugins";
    fs::create_directories(many);
    fs::permissions(many, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    std::vector<fs::path> sources;
    for (const auto& entry : fs::directory_iterator(CLOUDTRACK_BENCH_PLUGINS)) {
        if (entry.path().extension() == ".so") {
            sources.push_back(entry.path());
        }
    }
    if (sources.empty()) {
        std::fprintf(stderr, "no built-in plugins in %s\n", CLOUDTRACK_BENCH_PLUGINS);
        return 1;
    }
    const size_t target = sources.size() < 200 ? 200 - sources.size() : 0;
    for (size_t i = 0; i < target; ++i) {
        fs::copy_file(sources[i % sources.size()], many / ("copy-" + std::to_string(i) + ".so"));
    }
    const std::vector<std::string> list_many = {CLOUDTRACK_BENCH_BINARY, "--plugin-path", many.string(),
                                                "list"};
    const auto [empty2, list200] = compare({CLOUDTRACK_BENCH_EMPTY}, list_many, env, runs);
    const auto [empty3, list200_cold] = compare({CLOUDTRACK_BENCH_EMPTY}, list_many, cold_env, runs);
    std::printf("\nlist over 200 plugin files (%zu built-in + %zu copies), median of %d runs\n",
                sources.size(), target, runs);
    std::printf("  cloudtrack list, warm cache          %8.2f ms   (budget: 100 ms)\n", list200);
    std::printf("  ratio to the empty program           %8.2f x\n", list200 / empty2);
    std::printf("  cloudtrack list, cold                %8.2f ms\n", list200_cold);
    std::printf("  ratio to the empty program           %8.2f x\n", list200_cold / empty3);
    fs::remove_all(work);
    return 0;
}
