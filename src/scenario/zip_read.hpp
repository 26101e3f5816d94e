// A small .zip reader for the class view (issue 18): a trainer's walk records often come
// as one .zip. Reads the central directory (PKWARE APPNOTE §4.3), stored (method 0) and
// deflated (method 8, RFC 1951) entries, and checks each entry's CRC-32. No ZIP64, no
// encryption, no other methods: those entries come back with a reason (zh + en), the
// rest are still read. No dependency (zlib is not in the wasm build).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace peizou::scenario {

struct ZipEntry {
    std::string name;  // path inside the archive
    std::string data;  // its bytes; empty when error_en is set
    std::string error_zh, error_en;
};

struct ZipArchive {
    bool ok = false;                  // the archive's directory read
    std::vector<ZipEntry> entries;    // files in directory order (folders left out)
    std::string error_zh, error_en;   // why it did not read
};

// `limit`: most bytes all entries may inflate to (a zip bomb stops there, with a reason).
ZipArchive read_zip(const std::string& bytes, std::size_t limit = 64u << 20);
bool looks_like_zip(const std::string& bytes);  // starts with "PK\3\4" (or is an empty archive)

// RFC 1951 raw deflate, appending to `out` at most `limit` bytes. False: malformed (or over).
bool inflate_raw(const unsigned char* in, std::size_t size, std::string& out, std::size_t limit);
std::uint32_t crc32(const std::string& bytes);

}  // namespace peizou::scenario
