// peizou run FILE [--variant NAME] [--citizens N] [--seed S] [--json]
#include <cstdio>

#include "args.hpp"
#include "core/engine.hpp"
#include "core/sha256.hpp"
#include "scenario/run_report.hpp"

namespace peizou::cli {

static const char* kRunHelp =
    "usage: peizou run FILE [--variant NAME] [--citizens N] [--seed S] [--json]\n"
    "  Runs N citizens (default 1000, at most 1000000) of the scenario's process through\n"
    "  the variant (default before) among the background load, with seed S (default 1,\n"
    "  0 … 2^53-1).\n"
    "  All N are simulated: arrivals are cut into one-year periods from the scenario's start,\n"
    "  each run as a replication of its own (docs/engine.md); a run that cannot simulate\n"
    "  all N (work budget spent) is an error.\n"
    "  --json prints {scenario, variant, citizens, seed, events, stuck, warnings,\n"
    "  measures{calendar_days, working_days, citizen_hours, trips, window_visits,\n"
    "  departments, submissions, repeat_submissions, rejections, fees_yuan} each\n"
    "  {mean,p50,p90,min,max}, rates{one_trip, legal_limits_met},\n"
    "  departments{ID:{mean_wait_minutes, utilisation (share of office time),\n"
    "  overtime_hours (serving after closing)}}, finished, simulated}: simulated = finished +\n"
    "  stuck = citizens. Percentiles are nearest-rank.\n"
    "  --events adds event_log_sha256: a SHA-256 of the process citizens' event log\n"
    "  (one format_log_event line each), to compare builds bit for bit.\n";

int run_command(const Args& args) {
    const Parsed p = parse_args(args, false);
    if (p.help) { std::fputs(kRunHelp, stdout); return 0; }
    if (!p.error.empty()) { std::fprintf(stderr, "peizou run: %s\n\n%s", p.error.c_str(), kRunHelp); return 2; }
    auto scenario = load_scenario_file(p.file);
    if (!scenario) return 1;
    const Variant* v = scenario->variant(p.variant);
    if (!v) {
        std::fprintf(stderr, "peizou run: no variant '%s' in %s / 场景中没有这个方案\n",
                     scenario::short_text(p.variant).c_str(), scenario::printable(p.file).c_str());
        return 2;
    }
    EngineOptions o;
    o.seed = p.seed;
    o.citizens = static_cast<std::int32_t>(p.citizens);
    Sha256 log_hash;
    if (p.events) o.sink = [&log_hash](const LogEvent& e) { log_hash.update(format_log_event(e) + "\n"); };
    const RunResult r = run_monte_carlo(*scenario, *v, scenario::scenario_calendar(*scenario), o);
    if (r.simulated < r.citizens) {  // never a smaller number than asked, as if it were the answer
        std::fprintf(stderr,
                     "peizou run: %s: only %d of the %d citizens asked for could be simulated (%s) / "
                     "只模拟了所要求 %d 人中的 %d 人\n",
                     p.file.c_str(), r.simulated, r.citizens,
                     r.warnings.empty() ? "" : r.warnings.front().c_str(), r.citizens, r.simulated);
        return 1;
    }
    if (p.json) {
        auto j = scenario::run_json(r);
        if (p.events) j["event_log_sha256"] = log_hash.hex();
        std::printf("%s\n", j.dump().c_str());
    }
    else write_text(scenario::run_text(r, *scenario));
    return 0;
}

}  // namespace peizou::cli
