// Helpers the unit tests share for reading files of the source tree.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace peizou::test {

// The whole file, bytes as they are ("" if it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace peizou::test
