# The Debian package: `cpack -G DEB` in a configured and built tree (README.md, "Packaging").
# It holds everything `cmake --install` installs: the program, the built-in tracks, the SDK
# (headers, the CloudtrackPluginApi CMake package, cloudtrack-trackc, the template, the JSON Schemas
# in share/cloudtrack/schemas) and the documentation in share/doc/cloudtrack (`cloudtrack help`).
set(CPACK_PACKAGE_NAME "cloudtrack")
set(CPACK_PACKAGE_VENDOR "cloudtrack developers")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
    "cloudtrack assesses a cloud engineer's skills per specialization track (DevOps, FinOps, AI
infrastructure, Security, Data engineering, or a third party's track), places them on the track's
certification ladder and tracks the portfolio projects that prove the skill. Tracks are plugins;
this package includes the built-in tracks and the SDK to write new ones (headers, the
CloudtrackPluginApi CMake package, cloudtrack-trackc, a template track and JSON Schemas of the
content files) and the user and author documentation in /usr/share/doc/cloudtrack.")
set(CPACK_GENERATOR "DEB")
set(CPACK_STRIP_FILES ON)
# The .deb installs under /usr; the host finds its plugins relative to its executable, so the
# layout chosen at configure time (CMAKE_INSTALL_LIBDIR) holds under any prefix.
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")

set(CPACK_DEBIAN_PACKAGE_MAINTAINER "cloudtrack developers")
set(CPACK_DEBIAN_PACKAGE_SECTION "utils")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries cloudtrack is linked against (readelf -d bin/cloudtrack: NEEDED), by the
# Debian 12 package that ships each; listed by hand so building the package needs no dpkg-dev.
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libboost-program-options1.81.0, libspdlog1.10, libfmt9, libsqlite3-0, libzstd1, libsimdjson14, libpq5, libelf1, libsodium23, \
libstdc++6 (>= 12), libgcc-s1, libc6 (>= 2.34)")
# Only to build tracks with the installed SDK: the author layer's JSON library and a toolchain.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "nlohmann-json3-dev (>= 3.11), cmake (>= 3.25), g++ (>= 4:12)")

include(CPack)
