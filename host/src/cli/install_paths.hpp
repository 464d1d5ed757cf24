// Folders of this cloudtrack's installation besides its plugins, found relative to the running
// executable as the built-in plugin folder is (catalog/search_path.hpp): a build tree mirrors them.
#pragma once

#include <filesystem>

namespace cloudtrack::host::cli {

// <prefix>/share/cloudtrack: template/ and schemas/.
std::filesystem::path installed_data_dir();

// <prefix>/share/doc/cloudtrack: the documentation pages, *.md.
std::filesystem::path installed_doc_dir();

} // namespace cloudtrack::host::cli
