// Plain file access, the same natively and on the web (Emscripten's in-memory file
// system holds the embedded scenarios and fonts).
#include <dirent.h>

#include <algorithm>
#include <cstdio>

#include "backend.hpp"

namespace peizou::platform {

bool read_file(const std::string& path, std::string& out) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    out.clear();
    char buffer[65536];
    std::size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) out.append(buffer, n);
    bool ok = !std::ferror(f);
    std::fclose(f);
    return ok;
}

std::vector<std::string> list_files(const std::string& dir, const std::string& suffix) {
    std::vector<std::string> names;
    DIR* d = opendir(dir.c_str());
    if (!d) return names;
    while (dirent* e = readdir(d)) {
        std::string name = e->d_name;
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace peizou::platform

// ---------------------------------------------------------------- added by offline delivery (issue 7)
#include <sys/stat.h>

#include <cerrno>
#include <cstring>

namespace peizou::platform {

namespace {
std::vector<OpenedFile> opened;

// mkdir -p of the folders in `path` before its last '/'.
bool make_parents(const std::string& path) {
    for (std::size_t at = path.find('/', 1); at != std::string::npos; at = path.find('/', at + 1)) {
        const std::string dir = path.substr(0, at);
        if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return false;
    }
    return true;
}
}  // namespace

void push_opened_file(OpenedFile file) { opened.push_back(std::move(file)); }

std::vector<OpenedFile> take_opened_files() {
    std::vector<OpenedFile> out = std::move(opened);
    opened.clear();
    return out;
}

// Shared by both seams; each adds its own flush (user_flush in the seam file).
bool write_user_file(const std::string& path, const std::string& bytes, std::string& error) {
    if (!make_parents(path)) {
        error = "cannot create the folder for " + path + ": " + std::strerror(errno);
        return false;
    }
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) {
        error = "cannot write " + path + ": " + std::strerror(errno);
        return false;
    }
    const bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
    const bool closed = std::fclose(f) == 0;
    if (!ok || !closed) {
        error = "cannot write " + path + " (disk full?)";
        return false;
    }
    return true;
}

}  // namespace peizou::platform
