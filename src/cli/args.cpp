#include "args.hpp"

#include <cstdio>
#include <fstream>

namespace peizou::cli {

namespace {
bool parse_uint(const std::string& s, std::uint64_t max, std::uint64_t& out) {
    if (s.empty() || s.size() > 20) return false;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
        if (v > (max - d) / 10) return false;
        v = v * 10 + d;
    }
    out = v;
    return true;
}
}  // namespace

Parsed parse_args(const Args& args, bool allow_variants, bool allow_jobs) {
    Parsed p;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](const char* name) -> std::string {
            if (i + 1 >= args.size()) {
                p.error = std::string(name) + " needs a value / 缺少参数值";
                return {};
            }
            return args[++i];
        };
        if (a == "--help" || a == "-h") p.help = true;
        else if (a == "--json") p.json = true;
        else if (a == "--shapley" && allow_variants) p.shapley = true;
        else if (a == "--events") p.events = true;
        else if (a == "--variant" && !allow_variants) p.variant = value("--variant");
        else if (a == "--variants" && allow_variants) p.variants = value("--variants");
        else if (a == "--citizens") {
            std::uint64_t v = 0;
            const std::string s = value("--citizens");
            if (p.error.empty() && (!parse_uint(s, static_cast<std::uint64_t>(kMaxCitizens), v) || v == 0))
                p.error = "--citizens must be an integer 1 … " + std::to_string(kMaxCitizens) +
                          " (more would take too much memory and time) / 人数须为 1 到 " +
                          std::to_string(kMaxCitizens) + " 的整数（更多会占用过多内存和时间）: " + s;
            p.citizens = static_cast<std::int64_t>(v);
        } else if (a == "--jobs" && allow_jobs) {
            std::uint64_t v = 0;
            const std::string s = value("--jobs");
            if (p.error.empty() && (!parse_uint(s, 1024, v) || v == 0))
                p.error = "--jobs must be an integer 1 … 1024 / 线程数须为 1 到 1024 的整数: " + s;
            p.jobs = static_cast<std::int64_t>(v);
        } else if (a == "--seed") {
            const std::string s = value("--seed");
            if (p.error.empty() && !parse_uint(s, kMaxSeed, p.seed))
                p.error = "--seed must be an integer 0 … 2^53-1 / 种子须为 0 到 2^53-1 的整数: " + s;
        } else if (!a.empty() && a[0] == '-') {
            p.error = "unknown option / 未知选项: " + a;
        } else if (p.file.empty()) {
            p.file = a;
        } else {
            p.error = "unexpected argument / 多余的参数: " + a;
        }
        if (!p.error.empty()) break;
    }
    if (p.error.empty() && !p.help && p.file.empty()) p.error = "missing FILE / 缺少文件参数";
    return p;
}

ReadStatus read_file(const std::string& path, std::string& out, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return ReadStatus::unreadable;
    out.assign(limit + 1, '\0');
    in.read(out.data(), static_cast<std::streamsize>(out.size()));
    out.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) return ReadStatus::unreadable;
    return out.size() > limit ? ReadStatus::too_large : ReadStatus::ok;
}

std::pair<std::string, std::string> read_error(ReadStatus status, std::size_t limit) {
    if (status != ReadStatus::too_large) return {"无法读取文件", "cannot read the file"};
    const std::string mib = std::to_string(limit >> 20) + " MiB";
    return {"文件超过 " + mib + " 上限，未读取", "file larger than the " + mib + " limit, not read"};
}

bool read_input(const std::string& path, std::string& out) {
    const ReadStatus status = read_file(path, out);
    if (status == ReadStatus::ok) return true;
    const auto [zh, en] = read_error(status);
    std::fprintf(stderr, "%s: %s / %s\n", scenario::printable(path).c_str(), zh.c_str(), en.c_str());
    return false;
}

std::optional<Scenario> load_scenario_file(const std::string& path) {
    std::string text;
    if (!read_input(path, text)) return std::nullopt;
    scenario::LoadResult r = scenario::load_scenario(text, path);
    for (const auto& issue : r.issues)
        std::fprintf(stderr, "%s\n", scenario::format_issue(path, issue).c_str());
    if (!r.ok) return std::nullopt;
    return std::move(r.scenario);
}

void write_data(const std::string& bytes) { std::fwrite(bytes.data(), 1, bytes.size(), stdout); }

void write_text(const std::string& text) { write_data(scenario::printable(text, true)); }

}  // namespace peizou::cli
