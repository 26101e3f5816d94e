// SHA-256 (FIPS 180-4), to fingerprint event logs: native and wasm runs must match.
#pragma once
#include <cstdint>
#include <string>

namespace peizou {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(const std::string& s) { update(s.data(), s.size()); }
    std::string hex();  // finishes; call once

private:
    void block(const std::uint8_t* p);
    std::uint32_t h_[8];
    std::uint8_t buf_[64];
    std::uint64_t length_ = 0;
    std::size_t used_ = 0;
};

}  // namespace peizou
