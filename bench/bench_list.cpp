// Start-up of `cloudtrack list`: the median over many runs, as a ratio to an empty C++ program
// linked the same way (measured in the same run, so the machine's speed cancels out); the median
// of `list` over 200 plugin files, with the plugin cache warm (the usual case: the files have not
// changed since the last run) and cold (every document read); and a cold `list` over 1,000 plugin
// files against its floor, `cat` of the same files (issue 13: within 2x), with peak memory.
#include "bench_spawn.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using cloudtrack::bench::run_process;

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    const auto n = samples.size();
    return n % 2 == 1 ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2.0;
}

struct Compared {
    double a = 0.0;
    double b = 0.0;
    double b_peak_mb = 0.0;
};

// Alternates the two commands so drifts in machine load hit both alike.
Compared compare(const std::vector<std::string>& a, const std::vector<std::string>& b,
                 const std::vector<std::string>& env, int runs)
{
    std::vector<double> sa;
    std::vector<double> sb;
    double peak = 0.0;
    for (int i = 0; i < 3; ++i) { // warm the page cache
        run_process(a, env);
        run_process(b, env);
    }
    for (int i = 0; i < runs; ++i) {
        sa.push_back(run_process(a, env).ms);
        const auto run = run_process(b, env);
        sb.push_back(run.ms);
        peak = std::max(peak, run.peak_mb);
    }
    return {median(sa), median(sb), peak};
}

// A folder of `count` plugin files: the built-in tracks and copies of them under distinct names
// (so all but the built-in ones are duplicates, as when several folders carry the same tracks).
std::vector<std::string> plugin_folder(const fs::path& folder, const std::vector<fs::path>& sources,
                                       size_t count)
{
    fs::create_directories(folder);
    fs::permissions(folder, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                fs::perms::others_read | fs::perms::others_exec);
    std::vector<std::string> files;
    for (size_t i = 0; i < count; ++i) {
        const auto name =
            i < sources.size() ? sources[i].filename().string() : "copy-" + std::to_string(i) + ".so";
        fs::copy_file(sources[i % sources.size()], folder / name);
        files.push_back((folder / name).string());
    }
    return files;
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

    std::vector<fs::path> sources;
    for (const auto& entry : fs::directory_iterator(CLOUDTRACK_BENCH_PLUGINS)) {
        if (entry.path().extension() == ".so") {
            sources.push_back(entry.path());
        }
    }
    std::sort(sources.begin(), sources.end());
    if (sources.empty()) {
        std::fprintf(stderr, "no built-in plugins in %s\n", CLOUDTRACK_BENCH_PLUGINS);
        return 1;
    }
    auto cold_env = env;
    cold_env.emplace_back("CLOUDTRACK_NO_PLUGIN_CACHE=1");
    const auto warm = compare({CLOUDTRACK_BENCH_EMPTY}, {CLOUDTRACK_BENCH_BINARY, "list"}, env, runs);
    const auto cold = compare({CLOUDTRACK_BENCH_EMPTY}, {CLOUDTRACK_BENCH_BINARY, "list"}, cold_env, runs);
    std::printf("start-up, median of %d runs\n", runs);
    std::printf("  empty C++ program (same libraries)   %8.2f ms\n", warm.a);
    std::printf("  cloudtrack list (%zu built-in tracks)  %8.2f ms   warm cache\n", sources.size(), warm.b);
    std::printf("  ratio                                %8.2f x   (budget: 3x)\n", warm.b / warm.a);
    std::printf("  cloudtrack list, cold                %8.2f ms   no cache\n", cold.b);
    std::printf("  ratio                                %8.2f x\n", cold.b / cold.a);

    const auto many = work / "plugins";
    plugin_folder(many, sources, 200);
    const std::vector<std::string> list_many = {CLOUDTRACK_BENCH_BINARY, "--plugin-path", many.string(),
                                                "list"};
    const auto warm200 = compare({CLOUDTRACK_BENCH_EMPTY}, list_many, env, runs);
    const auto cold200 = compare({CLOUDTRACK_BENCH_EMPTY}, list_many, cold_env, runs);
    std::printf("\nlist over 200 plugin files (%zu built-in + %zu copies), median of %d runs\n",
                sources.size(), 200 - sources.size(), runs);
    std::printf("  cloudtrack list, warm cache          %8.2f ms   (budget: 100 ms)\n", warm200.b);
    std::printf("  ratio to the empty program           %8.2f x\n", warm200.b / warm200.a);
    std::printf("  cloudtrack list, cold                %8.2f ms\n", cold200.b);
    std::printf("  ratio to the empty program           %8.2f x\n", cold200.b / cold200.a);

    // The floor of a cold list: reading every plugin file once, whole, in one process.
    const auto thousand = work / "plugins-1000";
    std::vector<std::string> cat = {"/bin/cat"};
    for (auto& file : plugin_folder(thousand, sources, 1000)) {
        cat.push_back(std::move(file));
    }
    const int few = std::max(1, runs / 5);
    const auto cold1000 =
        compare(cat, {CLOUDTRACK_BENCH_BINARY, "--plugin-path", thousand.string(), "list"}, cold_env, few);
    const double ratio = cold1000.b / cold1000.a;
    std::printf("\nlist over 1,000 plugin files (%zu built-in + %zu copies), cold, median of %d runs\n",
                sources.size(), 1000 - sources.size(), few);
    std::printf("  floor: cat of the files              %8.1f ms\n", cold1000.a);
    std::printf("  cloudtrack list, cold                %8.1f ms   peak %.0f MB\n", cold1000.b,
                cold1000.b_peak_mb);
    std::printf("  ratio                                %8.2f x   (budget: 2x)%s\n", ratio,
                ratio <= 2.0 ? "" : "  MISSED");
    fs::remove_all(work);
    return 0;
}
