#!/usr/bin/env bash
# The SDK as a third party sees it: install this build into a temporary prefix, copy the installed
# template, build it out of tree against the installed CloudtrackPluginApi package, and have the
# installed cloudtrack list it (resolved), validate it (the lint passes) and score it (assess).
# Then the package's version rule: it is the plugin ABI's version, so a request for the same
# major is accepted and one for the next major, or a newer minor, is refused.
#
# usage: consumer_test.sh BUILD_DIR CMAKE GENERATOR MAKE_PROGRAM CXX_COMPILER SDK_VERSION
set -euo pipefail

build_dir=$1 cmake=$2 generator=$3 make_program=$4 cxx=$5 sdk_version=$6
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cloudtrack-sdk-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAILED: $*" >&2
  exit 1
}
step() { echo "== $*"; }

# The installed cloudtrack in a clean environment: a fresh home, so the user data folder is
# $work/home/.local/share/cloudtrack (plugins/ in it), and no CLOUDTRACK_* variables.
cloudtrack() {
  env -i PATH="$PATH" HOME="$work/home" NO_COLOR=1 LANG=C.UTF-8 "$prefix/bin/cloudtrack" "$@"
}
mkdir -p "$work/home"

prefix=$work/prefix
libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:[A-Z]*=//p' "$build_dir/CMakeCache.txt")
[[ -n $libdir ]] || fail "no CMAKE_INSTALL_LIBDIR in $build_dir/CMakeCache.txt"

step "cmake --install $build_dir --prefix $prefix"
"$cmake" --install "$build_dir" --prefix "$prefix" >"$work/install.log" 2>&1 ||
  { cat "$work/install.log" >&2; fail "install"; }
for file in bin/cloudtrack bin/cloudtrack-trackc \
  include/cloudtrack/plugin/abi.h include/cloudtrack/plugin/track.hpp \
  "$libdir/cmake/CloudtrackPluginApi/CloudtrackPluginApiConfig.cmake" \
  "$libdir/cmake/CloudtrackPluginApi/CloudtrackPluginApiConfigVersion.cmake" \
  "$libdir/cmake/CloudtrackPluginApi/CloudtrackAddTrack.cmake" \
  "$libdir/cmake/CloudtrackPluginApi/plugin.map" \
  "$libdir/cmake/CloudtrackPluginApi/content_only_track.cpp" \
  share/cloudtrack/template/CMakeLists.txt "$libdir/cloudtrack/plugins/devops.so"; do
  [[ -f $prefix/$file ]] || fail "not installed: $file"
done
if find "$prefix/include" -type f | grep -v '^'"$prefix"'/include/cloudtrack/plugin/' >&2; then
  fail "headers installed outside include/cloudtrack/plugin/"
fi

step "build the installed template out of tree against $prefix"
cp -R "$prefix/share/cloudtrack/template" "$work/my-track"
"$cmake" -S "$work/my-track" -B "$work/my-track/build" -G "$generator" -DCMAKE_MAKE_PROGRAM="$make_program" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log" >&2; fail "configure the template"; }
found_in=$(sed -n 's/^CloudtrackPluginApi_DIR:PATH=//p' "$work/my-track/build/CMakeCache.txt")
[[ $found_in == "$prefix/$libdir/cmake/CloudtrackPluginApi" ]] || fail "found the package in '$found_in', not in $prefix"
"$cmake" --build "$work/my-track/build" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build the template"; }
plugin_dir=$work/my-track/build
plugin=$plugin_dir/template.so
[[ -f $plugin ]] || fail "no $plugin"
chmod go-w "$plugin_dir" "$plugin" # the host refuses plugins others could change

step "cloudtrack list: the template and the built-in tracks resolve"
cloudtrack --plugin-path "$plugin_dir" list --verbose >"$work/list.txt"
cat "$work/list.txt"
grep -Eq '^template +Template track +0\.1\.0 +Example Org +resolved$' "$work/list.txt" || fail "template not resolved"
grep -Eq '^devops .* resolved$' "$work/list.txt" || fail "the built-in devops track not resolved"
grep -Fxq "  $prefix/$libdir/cloudtrack/plugins" "$work/list.txt" ||
  fail "the installed cloudtrack does not search $prefix/$libdir/cloudtrack/plugins"

step "cloudtrack plugin validate: the lint passes"
cloudtrack plugin validate "$plugin" >"$work/validate.txt" || { cat "$work/validate.txt" >&2; fail "validate"; }
[[ $(cat "$work/validate.txt") == "$plugin: ok" ]] || { cat "$work/validate.txt" >&2; fail "validate found problems"; }

step "cloudtrack assess template --full --answers ... --json: scored"
cloudtrack --plugin-path "$plugin_dir" assess template --full --answers "$here/template-answers.json" --json \
  >"$work/result.json" || fail "assess"
grep -q '"schema": "cloudtrack.result/1"' "$work/result.json" || fail "no result document"
grep -A8 '"overall": {' "$work/result.json" | grep -q '"percent": 100.0' || fail "the template did not score 100%"
grep -A8 '"overall": {' "$work/result.json" | grep -q '"level": "professional"' || fail "wrong overall level"

step "cmake --install the track --prefix ~/.local: the user plugin folder, found without --plugin-path"
"$cmake" --install "$work/my-track/build" --prefix "$work/home/.local" >"$work/install-track.log" 2>&1 ||
  { cat "$work/install-track.log" >&2; fail "install the track"; }
chmod go-w "$work/home/.local/share/cloudtrack/plugins"
cloudtrack list --verbose >"$work/list-user.txt"
grep -Fxq "  path:   $work/home/.local/share/cloudtrack/plugins/template.so" "$work/list-user.txt" ||
  { cat "$work/list-user.txt" >&2; fail "the installed track is not found in the user plugin folder"; }
grep -Eq '^template .* resolved$' "$work/list-user.txt" || fail "the installed track is not resolved"

step "the package version is the ABI's ($sdk_version): same major accepted, newer refused"
IFS=. read -r major minor _ <<<"$sdk_version"
check_request() { # REQUEST EXPECT(accept|refuse)
  local log=$work/version-$1.log
  if "$cmake" -S "$here/version-check" -B "$work/version-$1" -DREQUEST="$1" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$log" 2>&1; then
    [[ $2 == accept ]] || { cat "$log" >&2; fail "find_package(CloudtrackPluginApi $1) was accepted"; }
    grep -q "found CloudtrackPluginApi $sdk_version in $prefix/" "$log" || { cat "$log" >&2; fail "wrong package"; }
  else
    [[ $2 == refuse ]] || { cat "$log" >&2; fail "find_package(CloudtrackPluginApi $1) was refused"; }
    grep -q "version: $sdk_version" "$log" || { cat "$log" >&2; fail "refusal does not name the version"; }
  fi
  echo "find_package(CloudtrackPluginApi $1): ${2/%e/}ed, as it should be"
}
check_request "$major" accept
check_request "$major.$minor" accept
check_request "$((major + 1))" refuse
check_request "$major.$((minor + 1))" refuse
echo "sdk consumer test: ok"
