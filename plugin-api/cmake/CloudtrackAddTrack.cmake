# cloudtrack_add_track(<target>
#     CONTENT <file>...            JSON content files, merged in this order (see track-format.md)
#     [SOURCES <file>...]          the track's C++ code; default: a content-only track
#     [PROBES <id>...]             the evidence probe ids SOURCES provide (checked against the
#                                  portfolio at build time and recorded for the host)
#     [OUTPUT_DIRECTORY <dir>]     where the .so goes (default: CLOUDTRACK_TRACK_OUTPUT_DIRECTORY)
#     [INSTALL_DESTINATION <dir>]) install the plugin there
#
# Builds <target>.so: validates the content at build time with cloudtrack-trackc (an error fails
# the build naming the file, JSON pointer and reason), embeds the validated document in the
# .cloudtrack.track ELF section, and links with hidden visibility, a version script exporting only
# cloudtrack_plugin_entry_v1, and -z defs (no undefined symbols left for the host to satisfy).
#
# The same file serves the cloudtrack tree (plugin-api/cmake/) and the installed package
# (<libdir>/cmake/CloudtrackPluginApi/, included by CloudtrackPluginApiConfig.cmake): plugin.map
# and content_only_track.cpp are found next to it, and cloudtrack::trackc is the in-tree target or
# the package's imported executable.
include_guard(GLOBAL)


function(cloudtrack_add_track target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIRECTORY;INSTALL_DESTINATION" "CONTENT;SOURCES;PROBES")
  if(NOT arg_CONTENT)
    message(FATAL_ERROR "cloudtrack_add_track(${target}): CONTENT files are required")
  endif()
  if(NOT TARGET cloudtrack::trackc)
    message(FATAL_ERROR "cloudtrack_add_track(${target}): the cloudtrack::trackc tool is not available")
  endif()
  # The probe ids the code provides, recorded in the document by trackc. A content-only track
  # provides none; code without a PROBES list leaves the portfolio's probes unchecked (a warning).
  set(probes_arg "")
  if(NOT arg_SOURCES)
    if(arg_PROBES)
      message(FATAL_ERROR "cloudtrack_add_track(${target}): PROBES needs SOURCES that provide them")
    endif()
    set(arg_SOURCES "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/content_only_track.cpp")
    set(probes_arg "--probes=")
  elseif(DEFINED arg_PROBES OR "PROBES" IN_LIST arg_KEYWORDS_MISSING_VALUES)
    list(JOIN arg_PROBES "," joined)
    set(probes_arg "--probes=${joined}")
  endif()

  set(content_files "")
  foreach(file IN LISTS arg_CONTENT)
    cmake_path(ABSOLUTE_PATH file BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" OUTPUT_VARIABLE absolute)
    list(APPEND content_files "${absolute}")
  endforeach()

  set(gen "${CMAKE_CURRENT_BINARY_DIR}/${target}_track")
  add_custom_command(
    OUTPUT "${gen}/track_section.cpp" "${gen}/cloudtrack_track_identity.h" "${gen}/track_document.json"
    COMMAND cloudtrack::trackc --output-dir "${gen}" ${probes_arg} ${content_files}
    DEPENDS ${content_files} cloudtrack::trackc
    COMMENT "Validating and embedding the content of track plugin ${target}"
    VERBATIM)

  add_library(${target} MODULE ${arg_SOURCES} "${gen}/track_section.cpp" "${gen}/cloudtrack_track_identity.h")
  target_include_directories(${target} PRIVATE "${gen}")
  target_link_libraries(${target} PRIVATE cloudtrack::plugin_api_headers)
  target_compile_features(${target} PRIVATE cxx_std_20)
  if(NOT arg_OUTPUT_DIRECTORY AND DEFINED CLOUDTRACK_TRACK_OUTPUT_DIRECTORY)
    set(arg_OUTPUT_DIRECTORY "${CLOUDTRACK_TRACK_OUTPUT_DIRECTORY}")
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/plugin.map")
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")
  endif()
  target_link_options(${target} PRIVATE "-Wl,--version-script=${CMAKE_CURRENT_FUNCTION_LIST_DIR}/plugin.map" "-Wl,-z,defs")
  if(arg_INSTALL_DESTINATION)
    install(TARGETS ${target} LIBRARY DESTINATION "${arg_INSTALL_DESTINATION}")
  endif()
endfunction()
