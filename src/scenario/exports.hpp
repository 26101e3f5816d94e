// Exports of simulated runs for people and for process-mining tools (PM4Py, Disco, ProM):
// the event log as CSV and XES (IEEE 1849), per-citizen measures as CSV, the comparison
// table as CSV, and the Shapley lever attribution as JSON and text. docs/exports.md
// documents every column and attribute.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/engine.hpp"
#include "core/model.hpp"
#include "core/shapley.hpp"

namespace peizou::scenario {

// A run together with the events of its process citizens (background citizens are not
// logged). `steps` and `departments` name the indices the events use.
struct LoggedRun {
    RunResult run;
    std::vector<LogEvent> events;           // in time order
    std::vector<Step> steps;                // the variant's steps
    std::vector<Department> departments;    // Engine::departments() of the run
};
LoggedRun run_with_log(const Scenario& scenario, const Variant& variant, const Calendar& calendar,
                       std::uint64_t seed, std::int32_t citizens);

// "2025-09-29T10:05:00+08:00": local China time, as every Seconds in the model.
std::string iso_time(Seconds t);

// One event as a process-mining tool sees it.
struct MinedEvent {
    std::string case_id;     // "<variant>-<citizen>"
    std::string activity;    // a step name (Chinese) or a citizen activity ("排队等候")
    std::string lifecycle;   // "start" or "complete"
    Seconds time = 0;
    std::string resource;    // "税务局窗口", "税务局审查", or "办事人"
    std::string department;  // department id, or empty
    std::string step;        // step id, or empty
    std::string detail;      // rejection reason, material id, branch option …
    std::string code;        // the engine's activity (to_string(Activity))
};
MinedEvent mined_event(const LoggedRun& r, const LogEvent& e);

// case_id,activity,timestamp,resource,department,step,detail,lifecycle,code — a header
// line, then one line per event (RFC 4180 quoting, UTF-8, "\n").
std::string event_log_csv(const LoggedRun& r);
// <log xes.version="1.0"> with the concept/time/lifecycle/org extensions; one trace per
// case (in order of the case's first event), its events in time order.
std::string event_log_xes(const LoggedRun& r, const std::string& log_name);
// Several runs (variants) in one log: their traces one after the other.
std::string event_log_xes(const std::vector<const LoggedRun*>& runs, const std::string& log_name);
// One line per finished case with all its measures.
std::string cases_csv(const RunResult& r);
// The same measures as JSON: {"scenario","variant","seed","citizens","finished","stuck",
// "cases":[{"case_id","citizen","start","finish","calendar_days","working_days",
// "citizen_hours","agent_hours","trips","window_visits","departments","submissions",
// "repeat_submissions","rejections","fees_yuan","one_trip","legal_limits_met"}]} — the
// numbers rounded as in cases_csv, the flags as booleans.
nlohmann::ordered_json cases_json(const RunResult& r);
// measure,variant,mean,p50,p90,min,max,change_mean,change_mean_percent,change_p50 —
// the numbers of compare_json(runs), printed as it prints them.
std::string compare_csv(const std::vector<RunResult>& runs);

// The lever attribution: {"base","target","seed","citizens","complete","measures",
// "levers":[{index,kind,label_zh,label_en,calendar_days,working_days,trips,affected,…}],
// "none","all","total","failed_subsets":[…],"feasible_orders","all_orders","runs","events"}.
nlohmann::ordered_json shapley_json(const ShapleyResult& r);
std::string shapley_text(const ShapleyResult& r);

// The critical path of one case, from the variant's step dependencies: the chain of steps
// whose finishes, through the `after` DAG (an option's step also waits for its branch's
// `after` steps), determined when the case finished. `ready_at[i]` is when step i let its
// successors go (completed; accepted for a step that does not block them, 边建设边办理;
// skipped), or -1 if it never did. The chain ends at the step that was ready last and
// goes back, each time to the predecessor that was ready last (ties: the one declared
// first); it is returned from the first step to the last.
std::vector<std::int32_t> critical_steps(const std::vector<Step>& steps, const std::vector<Branch>& branches,
                                         const std::vector<Seconds>& ready_at);
// ready_at for critical_steps from one case's events (step indices as the engine logs them): the
// case's timeline (core/timeline.hpp), whose first citizen the events are.
std::vector<Seconds> step_ready_times(const std::vector<Step>& steps, const std::vector<LogEvent>& case_events);

// Quotes a CSV field when it needs it (comma, quote, CR/LF).
std::string csv_field(const std::string& s);
// Escapes &, <, >, " and ' for an XML attribute value.
std::string xml_escape(const std::string& s);

}  // namespace peizou::scenario
