// peizou compare FILE --variants A,B [--citizens N] [--seed S] [--json] [--shapley]
#include <cstdio>

#include "args.hpp"
#include "core/engine.hpp"
#include "core/shapley.hpp"
#include "scenario/exports.hpp"
#include "scenario/parallel_runs.hpp"
#include "scenario/run_report.hpp"

namespace peizou::cli {

static const char* kCompareHelp =
    "usage: peizou compare FILE --variants A,B[,C…] [--citizens N] [--seed S] [--json] [--shapley] [--jobs N]\n"
    "  Runs every variant with the same citizens and seed (common random numbers) and\n"
    "  prints each measure per variant and its change against the first variant.\n"
    "  --shapley also attributes each later variant's change to its levers: every one of\n"
    "  the 2^k subsets of its levers (k <= 8) is applied to its base in the declared order\n"
    "  and run with the same citizens and seed; the Shapley values of mean calendar days,\n"
    "  working days and trips sum to the total change. The base is the first variant when\n"
    "  it is an ancestor on the `from` chain (the chain's levers are joined), else the\n"
    "  variant's own `from`. Subsets whose levers cannot apply are listed. With --json the\n"
    "  attribution is under \"shapley\": {VARIANT: {...}}.\n"
    "  --jobs N runs the variants and subsets on N threads (default: one per core); the\n"
    "  output is the same for any N.\n";

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
    const Calendar cal = scenario::scenario_calendar(*scenario);
    std::vector<const Variant*> variants;
    for (const auto& id : ids) {
        const Variant* v = scenario->variant(id);
        if (!v) {
            std::fprintf(stderr, "peizou compare: no variant '%s' / 场景中没有这个方案\n", scenario::short_text(id).c_str());
            return 2;
        }
        variants.push_back(v);
    }
    // Lever attribution for every variant after the first.
    std::vector<ShapleySetup> setups;
    if (p.shapley)
        for (std::size_t i = 1; i < ids.size(); ++i) setups.push_back(shapley_setup(*scenario, ids[i], ids.front()));
    const int jobs = p.jobs > 0 ? static_cast<int>(p.jobs) : scenario::default_jobs();
    scenario::ParallelCompare all = scenario::run_compare(*scenario, cal, variants, setups, p.seed,
                                                          static_cast<std::int32_t>(p.citizens), jobs);
    const std::vector<RunResult>& runs = all.runs;
    if (!p.shapley) {
        if (p.json) std::printf("%s\n", scenario::compare_json(runs).dump().c_str());
        else write_text(scenario::compare_text(runs, *scenario));
        return 0;
    }
    scenario::ordered_json attribution = scenario::ordered_json::object();
    std::string text;
    for (std::size_t i = 1; i < ids.size(); ++i) {
        const ShapleySetup& setup = setups[i - 1];
        if (!setup.ok) {
            attribution[ids[i]] = scenario::ordered_json{{"error_zh", setup.error_zh}, {"error_en", setup.error_en}};
            text += "\n" + ids[i] + ": " + setup.error_zh + " / " + setup.error_en + "\n";
            continue;
        }
        const ShapleyResult& r = all.shapley[i - 1];
        scenario::ordered_json j = scenario::shapley_json(r);
        // v(all) is the variant's own run: same citizens, same seed, same process.
        const bool consistent = shapley_measures(runs[i].cases) == r.all;
        j["all_equals_variant_run"] = consistent;
        attribution[ids[i]] = j;
        text += "\n" + scenario::shapley_text(r);
        if (!consistent) text += "warning: all levers together do not reproduce the variant's run / 全部举措的结果与该方案不一致\n";
    }
    if (p.json) {
        scenario::ordered_json j = scenario::compare_json(runs);
        j["shapley"] = attribution;
        std::printf("%s\n", j.dump().c_str());
    } else {
        write_text(scenario::compare_text(runs, *scenario));
        write_text(text);
    }
    return 0;
}

}  // namespace peizou::cli
