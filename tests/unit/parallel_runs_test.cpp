// Runs on a pool of threads (issue 17): every task once, and compare / Shapley results
// equal to the one-thread path whatever the number of threads.
#include <catch2/catch.hpp>

#include <atomic>

#include "core/shapley.hpp"
#include "scenario/exports.hpp"
#include "scenario/parallel_runs.hpp"
#include "scenario/run_report.hpp"
#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

using namespace peizou;

namespace {
Scenario load_scenario_named(const std::string& name) {
    const auto text = test::read_text(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / name);
    scenario::LoadResult r = scenario::load_scenario(text, name);
    REQUIRE(r.ok);
    return r.scenario;
}
}  // namespace

TEST_CASE("for_each_parallel calls every task exactly once", "[parallel]") {
    for (int jobs : {1, 2, 3, 8}) {
        for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{5}, std::size_t{100}}) {
            std::vector<std::atomic<int>> calls(count);
            scenario::for_each_parallel(count, jobs, [&](std::size_t i) { calls[i]++; });
            for (std::size_t i = 0; i < count; ++i) CHECK(calls[i] == 1);
        }
    }
    CHECK(scenario::default_jobs() >= 1);
}

TEST_CASE("run_compare on 1, 2 and 4 threads equals the one-by-one runs and Shapley jobs", "[parallel]") {
    // industrial-project-start: a from-chain and lever subsets that fail; company-deregistration: 8 levers.
    for (const char* name : {"industrial-project-start.json", "company-deregistration.json"}) {
        const Scenario s = load_scenario_named(name);
        const Calendar cal = scenario::scenario_calendar(s);
        std::vector<const Variant*> variants;
        std::vector<ShapleySetup> setups;
        for (const auto& v : s.variants) variants.push_back(&v);
        for (std::size_t i = 1; i < variants.size(); ++i) setups.push_back(shapley_setup(s, variants[i]->id, variants[0]->id));
        // The reference: what peizou compare did before threads, one run after another.
        std::vector<RunResult> runs;
        std::string shapley_ref;
        for (const Variant* v : variants) {
            EngineOptions o;
            o.seed = 5;
            o.citizens = 40;
            runs.push_back(run_monte_carlo(s, *v, cal, o));
        }
        for (const auto& setup : setups) shapley_ref += scenario::shapley_json(shapley_values(s, cal, setup, 5, 40)).dump() + "\n";
        const std::string runs_ref = scenario::compare_json(runs).dump();
        for (int jobs : {1, 2, 4}) {
            INFO(name << " jobs " << jobs);
            const scenario::ParallelCompare p = scenario::run_compare(s, cal, variants, setups, 5, 40, jobs);
            CHECK(scenario::compare_json(p.runs).dump() == runs_ref);
            std::string shapley;
            for (const auto& r : p.shapley) shapley += scenario::shapley_json(r).dump() + "\n";
            CHECK(shapley == shapley_ref);
            for (std::size_t i = 0; i < setups.size(); ++i)
                if (setups[i].ok) CHECK(p.shapley[i].complete);
        }
    }
}
