// peizou compare FILE --variants A,B [--citizens N] [--seed S] [--json] [--shapley]
#include <cstdio>

#include "args.hpp"
#include "core/engine.hpp"
#include "scenario/run_report.hpp"

namespace peizou::cli {

static const char* kCompareHelp =
    "usage: peizou compare FILE --variants A,B[,C…] [--citizens N] [--seed S] [--json]\n"
    "  Runs every variant with the same citizens and seed (common random numbers) and\n"
    "  prints each measure per variant and its change against the first variant.\n";

int compare_command(const Args& args) {
    Parsed p = parse_args(args, true);
    if (p.help) { std::fputs(kCompareHelp, stdout); return 0; }
    if (!p.error.empty()) { std::fprintf(stderr, "peizou compare: %s\n\n%s", p.error.c_str(), kCompareHelp); return 2; }
    auto scenario = load_scenario_file(p.file);
    if (!scenario) return 1;
    std::vector<std::string> ids;
    if (p.variants.empty()) {
        for (const auto& v : scenario->variants) ids.push_back(v.id);
    } else {
        std::size_t at = 0;
        while (at <= p.variants.size()) {
            const std::size_t comma = p.variants.find(',', at);
            ids.push_back(p.variants.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
            if (comma == std::string::npos) break;
            at = comma + 1;
        }
    }
    std::vector<RunResult> runs;
    const Calendar cal = scenario::scenario_calendar(*scenario);
    for (const auto& id : ids) {
        const Variant* v = scenario->variant(id);
        if (!v) {
            std::fprintf(stderr, "peizou compare: no variant '%s' / 场景中没有这个方案\n", id.c_str());
            return 2;
        }
        EngineOptions o;
        o.seed = p.seed;
        o.citizens = static_cast<std::int32_t>(p.citizens);
        runs.push_back(run_monte_carlo(*scenario, *v, cal, o));
    }
    if (p.json) std::printf("%s\n", scenario::compare_json(runs).dump().c_str());
    else std::fputs(scenario::compare_text(runs, *scenario).c_str(), stdout);
    return 0;
}

}  // namespace peizou::cli
