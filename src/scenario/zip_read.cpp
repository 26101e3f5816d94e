#include "zip_read.hpp"

#include <array>

namespace peizou::scenario {

namespace {

// ---------------------------------------------------------------- inflate (RFC 1951)

struct Huffman {
    short count[16] = {};  // codes of each length
    short symbol[288] = {};  // symbols ordered by code
};

// Canonical code from lengths (§3.2.2). False when over-subscribed.
bool build(Huffman& h, const short* lengths, int n) {
    for (short& c : h.count) c = 0;
    for (int s = 0; s < n; ++s) ++h.count[lengths[s]];
    if (h.count[0] == n) return true;  // no codes: only an error if used
    int left = 1;
    for (int len = 1; len < 16; ++len) {
        left = left * 2 - h.count[len];
        if (left < 0) return false;
    }
    short offs[16] = {};
    for (int len = 1; len < 15; ++len) offs[len + 1] = static_cast<short>(offs[len] + h.count[len]);
    for (int s = 0; s < n; ++s)
        if (lengths[s] != 0) h.symbol[offs[lengths[s]]++] = static_cast<short>(s);
    return true;
}

class Inflater {
public:
    Inflater(const unsigned char* in, std::size_t size, std::string& out, std::size_t limit)
        : in_(in), size_(size), out_(out), limit_(limit) {}

    bool run() {
        int last = 0;
        do {
            last = bits(1);
            const int type = bits(2);
            if (failed_) return false;
            if (type == 0) stored();
            else if (type == 1) fixed();
            else if (type == 2) dynamic();
            else return false;
            if (failed_) return false;
        } while (!last);
        return true;
    }

private:
    int bits(int need) {
        long v = bitbuf_;
        while (bitcnt_ < need) {
            if (pos_ >= size_) { failed_ = true; return 0; }
            v |= static_cast<long>(in_[pos_++]) << bitcnt_;
            bitcnt_ += 8;
        }
        bitbuf_ = v >> need;
        bitcnt_ -= need;
        return static_cast<int>(v & ((1L << need) - 1));
    }

    bool put(char c) {
        if (out_.size() >= limit_) { failed_ = true; return false; }
        out_.push_back(c);
        return true;
    }

    void stored() {
        bitbuf_ = 0;
        bitcnt_ = 0;
        if (pos_ + 4 > size_) { failed_ = true; return; }
        const unsigned len = in_[pos_] | in_[pos_ + 1] << 8;
        const unsigned nlen = in_[pos_ + 2] | in_[pos_ + 3] << 8;
        pos_ += 4;
        if (len != (~nlen & 0xffffu) || pos_ + len > size_) { failed_ = true; return; }
        for (unsigned i = 0; i < len; ++i)
            if (!put(static_cast<char>(in_[pos_ + i]))) return;
        pos_ += len;
    }

    int decode(const Huffman& h) {
        int code = 0, first = 0, index = 0;
        for (int len = 1; len < 16; ++len) {
            code |= bits(1);
            if (failed_) return -1;
            const int count = h.count[len];
            if (code - count < first) return h.symbol[index + (code - first)];
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        failed_ = true;  // no such code
        return -1;
    }

    void codes(const Huffman& lit, const Huffman& dist) {
        static const short kLenBase[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27,
                                           31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
        static const short kLenExtra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        static const short kDistBase[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                            193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
        static const short kDistExtra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
        for (;;) {
            const int sym = decode(lit);
            if (failed_) return;
            if (sym < 256) {
                if (!put(static_cast<char>(sym))) return;
                continue;
            }
            if (sym == 256) return;
            const int li = sym - 257;
            if (li >= 29) { failed_ = true; return; }
            const int len = kLenBase[li] + bits(kLenExtra[li]);
            const int di = decode(dist);
            if (failed_ || di >= 30) { failed_ = true; return; }
            const std::size_t d = static_cast<std::size_t>(kDistBase[di] + bits(kDistExtra[di]));
            if (failed_ || d > out_.size()) { failed_ = true; return; }
            for (int i = 0; i < len; ++i)
                if (!put(out_[out_.size() - d])) return;
        }
    }

    void fixed() {
        struct Fixed {
            Huffman lit, dist;
            Fixed() {
                short l[288];
                for (int s = 0; s < 288; ++s) l[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
                build(lit, l, 288);
                for (int s = 0; s < 30; ++s) l[s] = 5;
                build(dist, l, 30);
            }
        };
        static const Fixed tables;  // built once (a function-local static: thread-safe)
        codes(tables.lit, tables.dist);
    }

    void dynamic() {
        static const short kOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
        const int nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
        if (failed_ || nlen > 286 || ndist > 30) { failed_ = true; return; }
        short lengths[320] = {};
        for (int i = 0; i < ncode; ++i) lengths[kOrder[i]] = static_cast<short>(bits(3));
        Huffman lencode, lit, dist;
        if (failed_ || !build(lencode, lengths, 19)) { failed_ = true; return; }
        for (int i = 0; i < 19; ++i) lengths[i] = 0;
        int index = 0;
        while (index < nlen + ndist) {
            int sym = decode(lencode);
            if (failed_) return;
            if (sym < 16) { lengths[index++] = static_cast<short>(sym); continue; }
            short len = 0;
            int repeat = 0;
            if (sym == 16) {
                if (index == 0) { failed_ = true; return; }
                len = lengths[index - 1];
                repeat = 3 + bits(2);
            } else if (sym == 17) repeat = 3 + bits(3);
            else repeat = 11 + bits(7);
            if (failed_ || index + repeat > nlen + ndist) { failed_ = true; return; }
            while (repeat--) lengths[index++] = len;
        }
        if (lengths[256] == 0 || !build(lit, lengths, nlen) || !build(dist, lengths + nlen, ndist)) { failed_ = true; return; }
        codes(lit, dist);
    }

    const unsigned char* in_;
    std::size_t size_, pos_ = 0;
    std::string& out_;
    std::size_t limit_;
    long bitbuf_ = 0;
    int bitcnt_ = 0;
    bool failed_ = false;
};

// ---------------------------------------------------------------- the archive

std::uint32_t u16(const std::string& b, std::size_t at) {
    return static_cast<unsigned char>(b[at]) | static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}
std::uint32_t u32(const std::string& b, std::size_t at) { return u16(b, at) | u16(b, at + 2) << 16; }

ZipArchive failed(std::string zh, std::string en) {
    ZipArchive a;
    a.error_zh = std::move(zh);
    a.error_en = std::move(en);
    return a;
}

}  // namespace

bool inflate_raw(const unsigned char* in, std::size_t size, std::string& out, std::size_t limit) {
    return Inflater(in, size, out, limit).run();
}

std::uint32_t crc32(const std::string& bytes) {
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) c = table[(c ^ b) & 0xff] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

bool looks_like_zip(const std::string& b) {
    return b.size() >= 4 && b[0] == 'P' && b[1] == 'K' && ((b[2] == 3 && b[3] == 4) || (b[2] == 5 && b[3] == 6));
}

ZipArchive read_zip(const std::string& b, std::size_t limit) {
    // The end of central directory record: 22 bytes and a comment of at most 65535.
    std::size_t eocd = std::string::npos;
    if (b.size() >= 22)
        for (std::size_t at = b.size() - 22;; --at) {
            if (u32(b, at) == 0x06054b50u) { eocd = at; break; }
            if (at == 0 || b.size() - at > 22 + 65535) break;
        }
    if (eocd == std::string::npos)
        return failed("不是 .zip 文件，或文件不完整（找不到压缩包目录）",
                      "not a .zip file, or a truncated one (no central directory found)");
    const std::uint32_t count = u16(b, eocd + 10), cd_size = u32(b, eocd + 12), cd_at = u32(b, eocd + 16);
    if (count == 0xffff || cd_at == 0xffffffffu)
        return failed("不支持 ZIP64 格式的压缩包", "ZIP64 archives are not supported");
    if (static_cast<std::size_t>(cd_at) + cd_size > eocd)
        return failed("压缩包目录超出文件范围（文件已损坏）", "the central directory lies outside the file (damaged)");
    ZipArchive a;
    std::size_t at = cd_at, total = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (at + 46 > eocd || u32(b, at) != 0x02014b50u)
            return failed("压缩包目录第 " + std::to_string(i + 1) + " 项已损坏",
                          "central directory entry " + std::to_string(i + 1) + " is damaged");
        const std::uint32_t flags = u16(b, at + 8), method = u16(b, at + 10), crc = u32(b, at + 16),
                            csize = u32(b, at + 20), usize = u32(b, at + 24), nlen = u16(b, at + 28),
                            xlen = u16(b, at + 30), clen = u16(b, at + 32), local = u32(b, at + 42);
        if (at + 46 + nlen > eocd)
            return failed("压缩包目录第 " + std::to_string(i + 1) + " 项已损坏",
                          "central directory entry " + std::to_string(i + 1) + " is damaged");
        ZipEntry e;
        e.name = b.substr(at + 46, nlen);
        at += 46 + nlen + xlen + clen;
        if (!e.name.empty() && e.name.back() == '/') continue;  // a folder
        const auto fail = [&e](std::string zh, std::string en) {
            e.data.clear();
            e.error_zh = std::move(zh);
            e.error_en = std::move(en);
        };
        if (flags & 1) fail("已加密，无法读取", "encrypted: cannot be read");
        else if (method != 0 && method != 8)
            fail("压缩方式 " + std::to_string(method) + " 不支持（只支持“存储”和 deflate）",
                 "compression method " + std::to_string(method) + " is not supported (only stored and deflate)");
        else if (csize == 0xffffffffu || usize == 0xffffffffu) fail("不支持 ZIP64 格式的条目", "ZIP64 entries are not supported");
        else if (static_cast<std::size_t>(local) + 30 > b.size() || u32(b, local) != 0x04034b50u)
            fail("条目的本地头已损坏", "the entry's local header is damaged");
        else {
            const std::size_t data = static_cast<std::size_t>(local) + 30 + u16(b, local + 26) + u16(b, local + 28);
            if (data + csize > b.size()) fail("条目数据超出文件范围（文件不完整）", "the entry's data lies outside the file (truncated)");
            else if (total + usize > limit) fail("解压后过大", "too large once unpacked");
            else if (method == 0) e.data = b.substr(data, csize);
            else if (!inflate_raw(reinterpret_cast<const unsigned char*>(b.data() + data), csize, e.data, limit - total))
                fail("deflate 数据已损坏，无法解压", "the deflate data is damaged and cannot be unpacked");
            if (e.error_en.empty() && (e.data.size() != usize || crc32(e.data) != crc))
                fail("校验和（CRC-32）不符：条目已损坏", "CRC-32 mismatch: the entry is damaged");
            total += e.data.size();
        }
        a.entries.push_back(std::move(e));
    }
    a.ok = true;
    return a;
}

}  // namespace peizou::scenario
