// peizou replay WALK.json [--scenario FILE] [--json]
#include <cstdio>
#include <algorithm>
#include <filesystem>

#include "args.hpp"
#include "core/walk.hpp"
#include "scenario/run_report.hpp"
#include "scenario/walk_io.hpp"

namespace peizou::cli {

static const char* kReplayHelp =
    "usage: peizou replay WALK.json [--scenario FILE] [--json]\n"
    "  Replays a walk record exported from the walkthrough and prints that one citizen's\n"
    "  measures in the shape of `peizou run --json` (citizens = 1). The scenario is found\n"
    "  by id in ./scenarios/ (or next to the record) unless --scenario names it.\n"
    "  When the record's scenario_sha256 differs from the file's (more than trailing\n"
    "  whitespace), or --scenario names another scenario's file, it warns on stderr.\n"
    "  The record is read strictly: unknown fields, repeated keys, impossible dates and\n"
    "  choices left after the walk has ended are errors, with line:column.\n";

// A scenario file whose "id" is `id`, in the usual places (args.hpp).
std::string find_scenario(const std::string& id, const std::string& walk_path) {
    namespace fs = std::filesystem;
    std::vector<fs::path> dirs = {"scenarios", fs::path(walk_path).parent_path(),
                                  fs::path(walk_path).parent_path() / "scenarios"};
    for (const auto& dir : dirs) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec)) continue;
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(dir, ec))
            if (e.path().extension() == ".json") files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            std::string text;
            if (read_file(f.string(), text) != ReadStatus::ok) continue;
            if (text.find("\"id\": \"" + id + "\"") != std::string::npos ||
                text.find("\"id\":\"" + id + "\"") != std::string::npos) {
                auto r = scenario::load_scenario(text, f.string());
                if (r.ok && r.scenario.id == id) return f.string();
            }
        }
    }
    return {};
}

int replay_command(const Args& args) {
    Args rest;
    std::string scenario_path;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--scenario" && i + 1 < args.size()) scenario_path = args[++i];
        else rest.push_back(args[i]);
    }
    const Parsed p = parse_args(rest, false);
    if (p.help) { std::fputs(kReplayHelp, stdout); return 0; }
    if (!p.error.empty()) { std::fprintf(stderr, "peizou replay: %s\n\n%s", p.error.c_str(), kReplayHelp); return 2; }
    std::string text;
    if (!read_input(p.file, text)) return 1;
    const scenario::WalkLoad w = scenario::load_walk(text);
    for (const auto& issue : w.issues) std::fprintf(stderr, "%s\n", scenario::format_issue(p.file, issue).c_str());
    if (!w.ok) return 1;
    if (scenario_path.empty()) scenario_path = find_scenario(w.record.scenario, p.file);
    if (scenario_path.empty()) {
        std::fprintf(stderr, "peizou replay: scenario '%s' not found; use --scenario FILE / 找不到场景\n",
                     scenario::short_text(w.record.scenario).c_str());
        return 1;
    }
    auto scenario = load_scenario_file(scenario_path);
    if (!scenario) return 1;
    if (scenario->id != w.record.scenario) {  // --scenario names a file of another scenario
        scenario::Issue other;
        other.path = "/scenario";
        other.warning = true;
        other.message_zh = "记录是场景 " + scenario::short_text(w.record.scenario) + " 的，却用场景 " +
                           scenario::short_text(scenario->id) + " 回放";
        other.message_en = "the record is of scenario '" + scenario::short_text(w.record.scenario) +
                           "' but is replayed on scenario '" + scenario::short_text(scenario->id) + "'";
        std::fprintf(stderr, "%s\n", scenario::format_issue(p.file, scenario::locate_walk_issue(text, other)).c_str());
    }
    // A record made on another version of the file still replays, with a warning.
    std::string scenario_text;
    scenario::Issue changed;
    if (read_file(scenario_path, scenario_text) == ReadStatus::ok && scenario::scenario_mismatch(w, scenario_text, &changed))
        std::fprintf(stderr, "%s\n", scenario::format_issue(p.file, scenario::locate_walk_issue(text, changed)).c_str());
    const ReplayResult r = replay_walk(*scenario, scenario::scenario_calendar(*scenario), w.record);
    if (!r.ok) {
        scenario::Issue failed;
        failed.message_zh = r.error_zh;
        failed.message_en = r.error_en;
        if (r.error_choice > 0) {
            failed.path = "/choices";
            if (r.error_choice <= w.record.choices.size()) failed.path += "/" + std::to_string(r.error_choice - 1);
        }
        std::fprintf(stderr, "%s\n", scenario::format_issue(p.file, scenario::locate_walk_issue(text, failed)).c_str());
        return 1;
    }
    if (p.json) std::printf("%s\n", scenario::run_json(r.result).dump().c_str());
    else write_text(scenario::run_text(r.result, *scenario));
    return 0;
}

}  // namespace peizou::cli
