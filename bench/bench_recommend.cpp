// `cloudtrack recommend` with many installed tracks (issue 13): 200 tracks against the same
// command with the 5 built-in ones, measured in the same run, with the profile assessed on one
// track. The 195 extra tracks are the DevOps plugin with its track id rewritten in place (same
// length, so the ELF file stays intact); recommend never runs plugin code, so only the document
// matters. Run from a release build: build/release/bin/cloudtrack_bench_recommend
#include "bench_spawn.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using cloudtrack::bench::run_process;

[[noreturn]] void die(const std::string& what)
{
    std::fprintf(stderr, "cloudtrack_bench_recommend: %s\n", what.c_str());
    std::exit(1);
}

std::string read_bytes(const fs::path& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

} // namespace

int main(int argc, char** argv)
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 11;
    if (runs < 1) {
        die("usage: cloudtrack_bench_recommend [RUNS]");
    }
    char pattern[] = "/tmp/cloudtrack-bench-XXXXXX";
    if (mkdtemp(pattern) == nullptr) {
        die("mkdtemp failed");
    }
    const fs::path work = pattern;
    const std::vector<std::string> env = {"PATH=/usr/bin:/bin", "HOME=" + work.string(),
                                          "CLOUDTRACK_HOME=" + (work / "data").string(), "NO_COLOR=1"};

    // The document is compact JSON with sorted keys: the track object is the last top-level key.
    const auto devops = read_bytes(fs::path(CLOUDTRACK_BENCH_PLUGINS) / "devops.so");
    const auto track = devops.rfind("\"track\":{");
    const auto id = track == std::string::npos ? track : devops.find("\"id\":\"devops\"", track);
    if (id == std::string::npos) {
        die("no track id 'devops' in devops.so");
    }
    const auto many = work / "plugins";
    fs::create_directories(many);
    fs::permissions(many, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec);
    for (int i = 0; i < 195; ++i) {
        char name[8];
        std::snprintf(name, sizeof name, "tk%04d", i);
        auto bytes = devops;
        bytes.replace(id + 6, 6, name);
        const auto file = many / (std::string(name) + ".so");
        std::ofstream(file, std::ios::binary) << bytes;
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                  fs::perms::others_read);
    }

    // One finished assessment, so recommend ranks a track as well as listing the others.
    std::ofstream(work / "answers.json") << R"({"responses": {}})";
    run_process({CLOUDTRACK_BENCH_BINARY, "assess", "devops", "--full", "--answers",
                 (work / "answers.json").string()},
                env);

    const std::vector<std::string> five = {CLOUDTRACK_BENCH_BINARY, "recommend"};
    const std::vector<std::string> two_hundred = {CLOUDTRACK_BENCH_BINARY, "--plugin-path", many.string(),
                                                  "recommend"};
    std::vector<double> a;
    std::vector<double> b;
    double peak = 0.0;
    run_process(five, env); // warms the page cache and the plugin cache, as any earlier command would
    run_process(two_hundred, env);
    for (int i = 0; i < runs; ++i) { // interleaved, so drifts in machine load hit both alike
        a.push_back(run_process(five, env).ms);
        const auto run = run_process(two_hundred, env);
        b.push_back(run.ms);
        peak = std::max(peak, run.peak_mb);
    }
    std::printf("recommend, plugin cache warm, one track assessed, median of %d runs\n", runs);
    std::printf("  5 built-in tracks (baseline)         %8.1f ms\n", median(a));
    std::printf("  200 tracks                           %8.1f ms   peak %.0f MB\n", median(b), peak);
    std::printf("  ratio                                %8.2f x\n", median(b) / median(a));
    fs::remove_all(work);
    return 0;
}
