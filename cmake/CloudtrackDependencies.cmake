# Every dependency comes from Debian's archive; scripts/install-deps installs them.
find_package(Boost 1.81 REQUIRED COMPONENTS program_options)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(spdlog 1.10 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBELF REQUIRED IMPORTED_TARGET libelf)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
# zstd compresses the result documents in the SQLite store (host/src/store/result_blob.hpp).
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
# simdjson checks JSON at gigabytes a second: the fast path of every strict parse
# (host/src/util/json_read.cpp) and the check of each document `results export` writes.
find_package(simdjson 3.0 REQUIRED)
# The PostgreSQL client library, for organizations' shared stores (docs/organizations.md).
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
if(CLOUDTRACK_BUILD_TESTS)
  find_package(Catch2 2.13 REQUIRED)
endif()
find_package(Threads REQUIRED)
