// libFuzzer target: any bytes -> load_scenario must not crash, hang or grow without
// bound; a file that loads must save and reload to the identical model, and give a
// calendar.
#include <cstdint>
#include <cstdlib>
#include <string>

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
    return 0;
}
