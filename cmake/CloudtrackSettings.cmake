# Interface targets that carry the project's flags; every first-party target links them PRIVATE.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

# ccache when it is installed (scripts/install-deps installs it): a rebuild after switching branches
# or presets recompiles only what changed. Precompiled headers vary in their defines and times,
# which ccache accepts only when told to.
find_program(CLOUDTRACK_CCACHE ccache)
if(CLOUDTRACK_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${CLOUDTRACK_CCACHE}")
endif()

# cloudtrack_precompile(<target> <header>...): the headers most of the target's files include,
# parsed once per target instead of once per file. Off for clang-tidy, which cannot read GCC's
# precompiled headers.
function(cloudtrack_precompile target)
  if(CLOUDTRACK_PCH AND NOT CMAKE_CXX_CLANG_TIDY)
    target_precompile_headers(${target} PRIVATE ${ARGN})
  endif()
endfunction()

add_library(cloudtrack_settings INTERFACE)
add_library(cloudtrack::settings ALIAS cloudtrack_settings)
target_compile_features(cloudtrack_settings INTERFACE cxx_std_20)
target_compile_definitions(cloudtrack_settings INTERFACE BOOST_DLL_USE_STD_FS)
if(CLOUDTRACK_SANITIZE)
  target_compile_options(cloudtrack_settings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                                                      -fno-sanitize-recover=all)
  target_link_options(cloudtrack_settings INTERFACE -fsanitize=address,undefined)
endif()

add_library(cloudtrack_warnings INTERFACE)
add_library(cloudtrack::warnings ALIAS cloudtrack_warnings)
target_compile_options(cloudtrack_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
  -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)
if(CLOUDTRACK_WARNINGS_AS_ERRORS)
  target_compile_options(cloudtrack_warnings INTERFACE -Werror)
endif()

# cloudtrack_mirror_files(<target> <source dir> <destination under the prefix> <glob>...)
# Installs the files matching the globs (relative to the source dir, subfolders kept) to the
# destination, and copies them to the same place in the build tree, so the host finds them
# relative to its executable uninstalled too (`help`, `plugin new`). <target> builds the copies.
function(cloudtrack_mirror_files target source_dir destination)
  set(outputs "")
  foreach(pattern IN LISTS ARGN)
    file(GLOB_RECURSE files CONFIGURE_DEPENDS RELATIVE "${source_dir}" "${source_dir}/${pattern}")
    foreach(file IN LISTS files)
      set(output "${CMAKE_BINARY_DIR}/${destination}/${file}")
      add_custom_command(OUTPUT "${output}"
        COMMAND "${CMAKE_COMMAND}" -E copy "${source_dir}/${file}" "${output}"
        DEPENDS "${source_dir}/${file}" VERBATIM)
      list(APPEND outputs "${output}")
      cmake_path(GET file PARENT_PATH subdir)
      install(FILES "${source_dir}/${file}" DESTINATION "${destination}/${subdir}")
    endforeach()
  endforeach()
  add_custom_target(${target} ALL DEPENDS ${outputs})
endfunction()
