# Interface targets that carry the project's flags; every first-party target links them PRIVATE.
set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)

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
