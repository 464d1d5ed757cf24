#!/usr/bin/env bash
# The SDK as a third party sees it: install this build into a temporary prefix (docs and schemas
# included, every link of the installed docs resolving), make a track with the installed
# `cloudtrack plugin new`, build it out of tree against the installed CloudtrackPluginApi package,
# and have the installed cloudtrack list it (resolved, with its ABI), preview it, validate it (the
# lint and the key run pass) and score it (assess).
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
  share/cloudtrack/template/CMakeLists.txt "$libdir/cloudtrack/plugins/devops.so" \
  share/cloudtrack/schemas/track.schema.json share/cloudtrack/schemas/items.schema.json \
  share/cloudtrack/schemas/calibration.schema.json share/cloudtrack/schemas/overlay.schema.json \
  share/doc/cloudtrack/writing-a-track.md share/doc/cloudtrack/track-format.md \
  share/doc/cloudtrack/assessment.md share/doc/cloudtrack/scoring.md share/doc/cloudtrack/bundles.md; do
  [[ -f $prefix/$file ]] || fail "not installed: $file"
done
if find "$prefix/include" -type f | grep -v '^'"$prefix"'/include/cloudtrack/plugin/' >&2; then
  fail "headers installed outside include/cloudtrack/plugin/"
fi

step "the installed docs: every relative link resolves, and cloudtrack help prints them"
python3 "$here/check_doc_links.py" "$prefix/share/doc/cloudtrack" || fail "broken links in the installed docs"
cloudtrack help >"$work/help.txt" || fail "help"
grep -Eq '^  writing-a-track +Writing a track$' "$work/help.txt" || { cat "$work/help.txt" >&2; fail "help lists no topics"; }
cloudtrack help assessment >"$work/help-assessment.txt" || fail "help assessment"
grep -q '^# Taking an assessment' "$work/help-assessment.txt" || fail "help assessment printed no page"
for step_doc in "plugin new" "plugin preview" "plugin validate" "assess acme-gitops --full --answers"; do
  grep -q "cloudtrack.* $step_doc\|cloudtrack $step_doc" "$prefix/share/doc/cloudtrack/writing-a-track.md" ||
    fail "the installed writing-a-track.md does not cover '$step_doc'"
done

step "cloudtrack plugin new acme-gitops, built out of tree against $prefix"
cloudtrack plugin new acme-gitops --dir "$work/my-track" --name "GitOps at Acme" --vendor "Acme Platform Team" ||
  fail "plugin new"
grep -q '"\$schema": "file://'"$prefix"'/share/cloudtrack/schemas/items.schema.json"' "$work/my-track/content/items.json" ||
  fail "plugin new did not point \$schema at the installed schemas"
"$cmake" -S "$work/my-track" -B "$work/my-track/build" -G "$generator" -DCMAKE_MAKE_PROGRAM="$make_program" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$work/configure.log" 2>&1 ||
  { cat "$work/configure.log" >&2; fail "configure the template"; }
found_in=$(sed -n 's/^CloudtrackPluginApi_DIR:PATH=//p' "$work/my-track/build/CMakeCache.txt")
[[ $found_in == "$prefix/$libdir/cmake/CloudtrackPluginApi" ]] || fail "found the package in '$found_in', not in $prefix"
"$cmake" --build "$work/my-track/build" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build the template"; }
plugin_dir=$work/my-track/build
plugin=$plugin_dir/acme-gitops.so
[[ -f $plugin ]] || fail "no $plugin"
chmod go-w "$plugin_dir" "$plugin" # the host refuses plugins others could change

step "cloudtrack list: the new track and the built-in tracks resolve"
cloudtrack --plugin-path "$plugin_dir" list --verbose >"$work/list.txt"
cat "$work/list.txt"
grep -Eq '^acme-gitops +GitOps at Acme +0\.1\.0 +Acme Platform Team +resolved$' "$work/list.txt" ||
  fail "acme-gitops not resolved"
grep -A3 '^acme-gitops$' "$work/list.txt" | grep -Eq '^  abi: +[0-9]+\.[0-9]+$' || fail "list does not show the ABI"
grep -Eq '^devops .* resolved$' "$work/list.txt" || fail "the built-in devops track not resolved"
grep -Fxq "  $prefix/$libdir/cloudtrack/plugins" "$work/list.txt" ||
  fail "the installed cloudtrack does not search $prefix/$libdir/cloudtrack/plugins"

step "cloudtrack plugin preview: the items as the session shows them, with --key the key"
cloudtrack --plugin-path "$plugin_dir" plugin preview acme-gitops >"$work/preview.txt" || fail "preview"
grep -q '^1/3  Delivery basics$' "$work/preview.txt" || { cat "$work/preview.txt" >&2; fail "preview"; }
grep -q '^  a) The CI pipeline definition$' "$work/preview.txt" || fail "preview shows no lettered options"
cloudtrack plugin preview "$plugin" --item basics-02 --key >"$work/preview-key.txt" || fail "preview --key"
grep -Fq 'Key: ac   (in an answers file: ["a","c"])' "$work/preview-key.txt" ||
  { cat "$work/preview-key.txt" >&2; fail "preview --key shows no key"; }
[[ ! -e $work/home/.local/share/cloudtrack/cloudtrack.db ]] || fail "preview stored something"

step "cloudtrack plugin validate: the lint and the key run pass"
cloudtrack plugin validate "$plugin" >"$work/validate.txt" || { cat "$work/validate.txt" >&2; fail "validate"; }
[[ $(cat "$work/validate.txt") == "$plugin: ok" ]] || { cat "$work/validate.txt" >&2; fail "validate found problems"; }

step "cloudtrack assess acme-gitops --full --answers ... --json: scored"
cloudtrack --plugin-path "$plugin_dir" assess acme-gitops --full --answers "$here/template-answers.json" --json \
  >"$work/result.json" || fail "assess"
grep -q '"schema": "cloudtrack.result/1"' "$work/result.json" || fail "no result document"
grep -A8 '"overall": {' "$work/result.json" | grep -q '"percent": 100.0' || fail "the template did not score 100%"
grep -A8 '"overall": {' "$work/result.json" | grep -q '"level": "professional"' || fail "wrong overall level"

step "cmake --install the track --prefix ~/.local: the user plugin folder, found without --plugin-path"
"$cmake" --install "$work/my-track/build" --prefix "$work/home/.local" >"$work/install-track.log" 2>&1 ||
  { cat "$work/install-track.log" >&2; fail "install the track"; }
chmod go-w "$work/home/.local/share/cloudtrack/plugins"
cloudtrack list --verbose >"$work/list-user.txt"
grep -Fxq "  path:   $work/home/.local/share/cloudtrack/plugins/acme-gitops.so" "$work/list-user.txt" ||
  { cat "$work/list-user.txt" >&2; fail "the installed track is not found in the user plugin folder"; }
grep -Eq '^acme-gitops .* resolved$' "$work/list-user.txt" || fail "the installed track is not resolved"

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
