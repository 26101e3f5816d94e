// Small helpers shared by the sub-commands: flags, numbers, reading a scenario file.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "commands.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::cli {

// Seeds are integers 0 … 2^53−1 so JavaScript can hold them exactly.
constexpr std::uint64_t kMaxSeed = (1ull << 53) - 1;
constexpr std::int64_t kMaxCitizens = 10'000'000;

struct Parsed {
    std::string file;
    std::string variant = "before";
    std::string variants;
    std::int64_t citizens = 1000;
    std::uint64_t seed = 1;
    bool json = false, shapley = false, help = false, events = false;
    std::string error;  // non-empty: bad arguments
};

Parsed parse_args(const Args& args, bool allow_variants);
bool read_file(const std::string& path, std::string& out);
// Reads and loads a scenario; prints every issue to stderr when it does not load.
std::optional<Scenario> load_scenario_file(const std::string& path);

}  // namespace peizou::cli
