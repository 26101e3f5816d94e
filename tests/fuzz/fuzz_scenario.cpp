// libFuzzer target: any bytes -> load_scenario must not crash, hang or grow without
// bound; a file that loads must save and reload to the identical model, and give a
// calendar; and every variant of it runs briefly (3 citizens, a small event budget)
// without crashing, each finished case ending no earlier than it started, the
// finished and stuck citizens adding up.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/engine.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou::scenario;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    LoadResult r = load_scenario(text, "fuzz.json");
    for (const Issue& issue : r.issues) {
        if (issue.line < 0 || issue.column < 0 || issue.message_en.empty()) std::abort();
        (void)format_issue("fuzz.json", issue);
    }
    if (!r.ok) {
        if (r.issues.empty()) std::abort();  // invalid must say why
        return 0;
    }
    std::string saved = save_scenario(r.scenario);
    LoadResult again = load_scenario(saved, "saved.json");
    if (!again.ok || !(again.scenario == r.scenario)) std::abort();
    if (save_scenario(again.scenario) != saved) std::abort();
    peizou::Calendar calendar = scenario_calendar(r.scenario);
    (void)calendar.next_open(r.scenario.start);
    for (const peizou::Variant& v : r.scenario.variants) {
        peizou::EngineOptions o;
        o.seed = size;
        o.citizens = 3;
        o.max_work = 20000 * 32;  // a brief run (~20,000 events): hostile files stop at the budget
        o.work_per_citizen = 0;
        peizou::Engine e(r.scenario, v, calendar, o);
        (void)e.run();
        for (const peizou::CaseMeasures& c : e.cases())
            if (c.finish < c.start || c.trips < 0 || c.repeat_submissions > c.submissions) std::abort();
        if (e.cases().size() + e.stuck_reasons().size() > 3) std::abort();
    }
    return 0;
}
