// One model citizen (issue 14, item 3): the presentation's autoplay, the debrief's
// "示范办事人再走一遍" and Monte Carlo follow the same default policy (core/policy.hpp).
// For every built-in scenario, variant and three seeds: the debrief's walk (model_walk
// with the branch options the trainee took — here those the presentation's walk took)
// and the presentation's walk (model_walk) make identical choices with identical logs
// and measures, and both are, event for event, the one citizen of a Monte Carlo run with
// the same seed whose citizen arrives at the start: an independent path through the
// engine, in which no decision pauses and the policy runs inside the kernel.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/policy.hpp"
#include "scenario/run_report.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

Scenario load(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    scenario::LoadResult r = scenario::load_scenario(ss.str(), path.filename().string());
    REQUIRE(r.ok);
    return r.scenario;
}

std::vector<std::filesystem::path> builtin_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios"))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

std::vector<std::string> lines(const std::vector<LogEvent>& log) {
    std::vector<std::string> out;
    for (const auto& e : log) out.push_back(format_log_event(e));
    return out;
}

// The same, without the people-ahead count of join_queue: a walk pauses at the window
// (the handover is a decision), and the clerk calls the next in line during that pause,
// while in Monte Carlo the citizen is already back in the queue at the same instant.
// The same people are ahead either way but one is already at the window.
std::vector<std::string> lines_without_ahead(const std::vector<LogEvent>& log) {
    std::vector<std::string> out;
    for (LogEvent e : log) {
        if (e.activity == Activity::join_queue) e.count = -1;
        out.push_back(format_log_event(e));
    }
    return out;
}

// Every field of a case, as text (CaseMeasures has no ==).
std::string case_text(const CaseMeasures& c) {
    std::string out = std::to_string(c.citizen) + " " + std::to_string(c.start) + "-" + std::to_string(c.finish) + " " +
                      std::to_string(c.citizen_seconds) + "/" + std::to_string(c.agent_seconds) + " " +
                      std::to_string(c.legal_limits_met);
    for (int m = 0; m < kMeasureCount; ++m) out += " " + std::to_string(measure_value(c, static_cast<Measure>(m)));
    return out;
}

// The options a walk took at the branches it was asked about (what the debrief passes).
BranchOptions branch_options_of(const Walk& w, const std::vector<Decision>& asked) {
    BranchOptions out;
    for (std::size_t i = 0; i < asked.size(); ++i)
        if (asked[i].kind == DecisionKind::branch)
            out[w.variant().branches[static_cast<std::size_t>(asked[i].branch)].id] = w.record().choices[i].value;
    return out;
}

}  // namespace

TEST_CASE("presentation, debrief and Monte Carlo give one model citizen", "[policy]") {
    int walks = 0, branch_walks = 0;
    for (const auto& file : builtin_files()) {
        const Scenario s = load(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const auto& v : s.variants) {
            for (std::uint64_t seed : {1u, 7u, 2026u}) {
                INFO(file.filename().string() << " / " << v.id << " / seed " << seed);
                // The presentation: autoplay by the policy.
                std::vector<Decision> asked;
                const std::unique_ptr<Walk> shown_walk = model_walk(s, cal, v.id, seed, {}, &asked);
                const Walk& shown = *shown_walk;
                REQUIRE(shown.finished());
                // The debrief: the same policy with the trainee's branch options.
                const BranchOptions taken = branch_options_of(shown, asked);
                if (!taken.empty()) ++branch_walks;
                const std::unique_ptr<Walk> model = model_walk(s, cal, v.id, seed, taken);
                REQUIRE(model->finished());
                CHECK(model->record().choices == shown.record().choices);
                CHECK(lines(model->log()) == lines(shown.log()));
                const RunResult a = shown.result(), b = model->result();
                REQUIRE(a.cases.size() == 1);
                REQUIRE(b.cases.size() == 1);
                CHECK(case_text(a.cases[0]) == case_text(b.cases[0]));

                // Monte Carlo: one citizen, arriving at the start, the same seed.
                EngineOptions o;
                o.seed = seed;
                o.citizens = 1;
                o.model_citizen = true;
                std::vector<LogEvent> mc_log;
                o.sink = [&mc_log](const LogEvent& e) { mc_log.push_back(e); };
                const RunResult mc = run_monte_carlo(s, v, cal, o);
                REQUIRE(mc.cases.size() == 1);
                CHECK(lines_without_ahead(mc_log) == lines_without_ahead(shown.log()));
                CHECK(case_text(mc.cases[0]) == case_text(a.cases[0]));
                CHECK(scenario::run_json(mc).dump() == scenario::run_json(a).dump());
                ++walks;
            }
        }
    }
    CHECK(walks >= 30);
    CHECK(branch_walks > 0);  // the branch options path is exercised
}

TEST_CASE("the debrief's model citizen takes the trainee's option at a citizen's branch", "[policy]") {
    for (const auto& file : builtin_files()) {
        const Scenario s = load(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const auto& v : s.variants) {
            for (const auto& b : v.branches) {
                if (b.chooser != Chooser::citizen || b.options.size() < 2) continue;
                INFO(file.filename().string() << " / " << v.id << " / " << b.id);
                for (const auto& option : b.options) {
                    std::vector<Decision> asked;
                    const std::unique_ptr<Walk> walk = model_walk(s, cal, v.id, 3, {{b.id, option.id}}, &asked);
                    const Walk& w = *walk;
                    CHECK(w.finished());
                    bool seen = false;
                    for (std::size_t i = 0; i < asked.size(); ++i)
                        if (asked[i].kind == DecisionKind::branch && w.variant().branches[static_cast<std::size_t>(asked[i].branch)].id == b.id) {
                            CHECK(w.record().choices[i].value == option.id);
                            seen = true;
                        }
                    CHECK(seen);
                }
                return;  // one such branch is enough
            }
        }
    }
    FAIL("no built-in scenario has a branch the citizen chooses");
}
