#include "catalog/search_path.hpp"

#include "catalog/install_dirs.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace {

namespace fs = std::filesystem;
using cloudtrack::host::catalog::builtin_plugin_dir;
using cloudtrack::host::catalog::k_plugin_dir_from_bindir;
using cloudtrack::host::catalog::plugin_search_path;
using cloudtrack::host::catalog::SearchPathInputs;
using Paths = std::vector<fs::path>;

} // namespace

TEST_CASE("the built-in folder is found relative to the executable", "[catalog]")
{
    CHECK(builtin_plugin_dir("/opt/cloudtrack/bin/cloudtrack", "../lib/cloudtrack/plugins") ==
          fs::path("/opt/cloudtrack/lib/cloudtrack/plugins"));
    // GNUInstallDirs picks a multiarch libdir for a /usr prefix on Debian.
    CHECK(builtin_plugin_dir("/usr/bin/cloudtrack", "../lib/x86_64-linux-gnu/cloudtrack/plugins") ==
          fs::path("/usr/lib/x86_64-linux-gnu/cloudtrack/plugins"));
    // Without a layout: the one this host was configured with (the build tree mirrors it).
    CHECK(builtin_plugin_dir("/home/me/build/bin/cloudtrack") ==
          (fs::path("/home/me/build/bin") / k_plugin_dir_from_bindir).lexically_normal());
}

TEST_CASE("the search path runs from the install to --plugin-path, in increasing precedence", "[catalog]")
{
    const SearchPathInputs inputs{"/opt/ct/bin/cloudtrack",
                                  "/home/me/.local/share/cloudtrack",
                                  "/srv/org-tracks:/srv/team-tracks",
                                  {"/tmp/mine", "/tmp/also-mine"}};
    CHECK(plugin_search_path(inputs) == Paths{builtin_plugin_dir("/opt/ct/bin/cloudtrack"),
                                              "/home/me/.local/share/cloudtrack/plugins", "/srv/org-tracks",
                                              "/srv/team-tracks", "/tmp/mine", "/tmp/also-mine"});
}

TEST_CASE("missing inputs are simply left out", "[catalog]")
{
    CHECK(plugin_search_path({}).empty());
    CHECK(plugin_search_path({"", "", "/srv/tracks", {}}) == Paths{"/srv/tracks"});
}

TEST_CASE("relative entries of CLOUDTRACK_PLUGIN_PATH are ignored", "[catalog]")
{
    const SearchPathInputs inputs{{}, {}, "plugins:./more:/srv/a::../up:.:/srv/b:", {}};
    CHECK(plugin_search_path(inputs) == Paths{"/srv/a", "/srv/b"});
}

TEST_CASE("the current directory is never searched unless named explicitly", "[catalog]")
{
    const auto here = fs::current_path();
    // Every way an environment might smuggle it in: empty entries, ".", a trailing ':'.
    const SearchPathInputs inputs{"/opt/ct/bin/cloudtrack", "/home/me/data", ":.::./:", {}};
    const auto folders = plugin_search_path(inputs);
    CHECK(folders == Paths{builtin_plugin_dir("/opt/ct/bin/cloudtrack"), "/home/me/data/plugins"});
    CHECK(std::find(folders.begin(), folders.end(), here) == folders.end());
}

TEST_CASE("a relative --plugin-path is the user's explicit choice, made absolute", "[catalog]")
{
    const auto folders = plugin_search_path({{}, {}, {}, {"my-tracks"}});
    REQUIRE(folders.size() == 1);
    CHECK(folders.front().is_absolute());
    CHECK(folders.front() == fs::current_path() / "my-tracks");
}

TEST_CASE("search path folders are normalized and listed once", "[catalog]")
{
    const SearchPathInputs inputs{{}, {}, "/srv/a/../b:/srv/b:/srv/c", {"/srv/c"}};
    CHECK(plugin_search_path(inputs) == Paths{"/srv/b", "/srv/c"});
}

TEST_CASE("a folder named again takes its later, winning position", "[catalog]")
{
    const SearchPathInputs inputs{{}, {}, "/srv/a:/srv/b", {"/srv/a"}};
    CHECK(plugin_search_path(inputs) == Paths{"/srv/b", "/srv/a"});
}
