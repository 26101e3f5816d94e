// Small helpers shared by the sub-commands: flags, numbers, reading a scenario file.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "commands.hpp"
#include "scenario/scenario_io.hpp"

namespace peizou::cli {

// Seeds are integers 0 … 2^53−1 so JavaScript can hold them exactly.
constexpr std::uint64_t kMaxSeed = (1ull << 53) - 1;
// At most a million citizens per run: the largest run the benchmark measures (64–67
// bytes per citizen kept, ~70 MB native, ~85 MB of wasm memory), a few seconds of
// work; compare and Shapley multiply it by the runs they make. More would let an
// untrusted request exhaust the page's memory or hang it for minutes.
constexpr std::int64_t kMaxCitizens = 1'000'000;

struct Parsed {
    std::string file;
    std::string variant = "before";
    std::string variants;
    std::int64_t citizens = 1000;
    std::uint64_t seed = 1;
    std::int64_t jobs = 0;  // --jobs N: threads for independent runs; 0 = one per core
    bool json = false, shapley = false, help = false, events = false;
    std::string error;  // non-empty: bad arguments
};

// allow_variants: compare-like commands (--variants, --shapley); allow_jobs: --jobs
// (as allow_variants unless given).
Parsed parse_args(const Args& args, bool allow_variants, bool allow_jobs);
inline Parsed parse_args(const Args& args, bool allow_variants) { return parse_args(args, allow_variants, allow_variants); }
// Every input file (scenario, walk record) is read through this: at most `limit` + 1
// bytes, so a huge file or /dev/zero is refused at once instead of loaded.
enum class ReadStatus { ok, unreadable, too_large };
ReadStatus read_file(const std::string& path, std::string& out,
                     std::size_t limit = scenario::Limits{}.max_bytes);
// Why a read failed, in Chinese and in English (unreadable, or over the size limit).
std::pair<std::string, std::string> read_error(ReadStatus status,
                                               std::size_t limit = scenario::Limits{}.max_bytes);
// read_file, printing "PATH: reason" to stderr when it fails.
bool read_input(const std::string& path, std::string& out);
// Standard output. write_data writes every byte (a NUL in a name must not end a CSV);
// write_text is for reports read in a terminal: control characters of names escaped.
void write_data(const std::string& bytes);
void write_text(const std::string& text);

// The file of scenario `id`: in ./scenarios/, next to `walk_path` or in its scenarios/
// folder; "" when none (replay.cpp; replay and class use it).
std::string find_scenario(const std::string& id, const std::string& walk_path);

// Reads and loads a scenario; prints every issue to stderr when it does not load.
std::optional<Scenario> load_scenario_file(const std::string& path);

}  // namespace peizou::cli
