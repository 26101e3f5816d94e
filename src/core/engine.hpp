// The discrete-event engine: one kernel for Monte Carlo (many citizens, default policy)
// and for the walkthrough (one citizen who pauses at every decision for the trainee).
//
// Events are ordered by (time, sequence): ties run in scheduling order, so a run is a
// pure function of (scenario, variant, seed, choices). Citizens are explicit state
// machines; departments are FIFO queues in front of `windows` clerks, shared with
// background citizens who arrive as a Poisson stream during office hours.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "calendar.hpp"
#include "measures.hpp"
#include "model.hpp"

namespace peizou {

// ---------------------------------------------------------------- log
enum class Activity : std::uint8_t {
    case_start, leave_home, arrive_hall, join_queue, service_start, handover, accepted,
    rejected, online_submit, review_start, step_complete, material_received, branch_decided,
    go_home, arrive_home, sent_home_closed, step_skipped, case_finish, case_stuck,
};
const char* to_string(Activity a);

struct LogEvent {
    Seconds time = 0;
    std::int32_t citizen = 0;   // index of the process citizen (not background)
    Activity activity = Activity::case_start;
    std::int32_t step = -1;     // index into the variant's steps, or -1
    std::int32_t department = -1;  // index into Engine::departments(), or -1
    std::int32_t place = -1;    // index into scenario places; on the way to place p: -p - 1
    std::int32_t count = 0;     // trips so far / people ahead / materials handed …
    std::string detail;         // rejection reason, material names, branch option
};
using LogSink = std::function<void(const LogEvent&)>;
// One CSV-like line, stable across platforms: time,citizen,activity,step,dept,place,count,detail
std::string format_log_event(const LogEvent& e);

// ---------------------------------------------------------------- decisions
enum class DecisionKind : std::uint8_t {
    next_step,   // which ready step to do next (or wait at home for a review)
    channel,     // in person or online, for a step that allows both
    branch,      // take an option of a citizen-chosen branch
    handover,    // which held materials to hand over at the window
};
const char* to_string(DecisionKind k);

struct Decision {
    DecisionKind kind = DecisionKind::next_step;
    Seconds time = 0;
    std::vector<std::string> options;   // step ids / "in_person","online" / option ids /
                                        // material ids (handover: the held materials)
    std::vector<std::string> needed;    // handover: materials the visit's steps need
    std::int32_t step = -1;             // channel/handover: the step concerned
    std::int32_t branch = -1;           // branch: index in the variant's branches
};

struct Choice {
    DecisionKind kind = DecisionKind::next_step;
    std::string value;                   // step id, "wait", "in_person"/"online", option id
    std::vector<std::string> materials;  // handover
    friend bool operator==(const Choice&, const Choice&) = default;
};

// ---------------------------------------------------------------- run statistics
struct DepartmentStats {
    std::string id;
    std::int64_t served = 0;         // citizens and background
    std::int64_t sent_home = 0;      // still queued at closing
    double total_wait_seconds = 0;
    double busy_seconds = 0;         // serving within office hours
    // Serving beyond the close of office hours (or into the lunch break): a clerk finishes
    // the citizen at the window. Kept apart, so utilisation stays a share of office time.
    double overtime_seconds = 0;
    double open_window_seconds = 0;  // windows × office time over the run
    double mean_wait_minutes() const { return served ? total_wait_seconds / served / 60 : 0; }
    double utilisation() const {
        return open_window_seconds > 0 ? busy_seconds / open_window_seconds : 0;
    }
};

struct EngineOptions {
    std::uint64_t seed = 1;
    // Monte Carlo citizens arriving as a Poisson stream over office time. All of them are
    // simulated: the stream is cut into arrival periods of one year from the start, each
    // period a replication of its own (see docs/engine.md).
    std::int32_t citizens = 1000;
    bool interactive = false;      // one citizen at the start who waits for choices
    // Citizen 0 is the model citizen (示范办事人, the default policy of core/policy.hpp):
    // it arrives at the start, and its visits take along only the other ready steps at the
    // same desk whose papers are in hand, as every Monte Carlo citizen's do. Interactive:
    // the walk model_walk answers by the policy (a trainee's visit, without this, takes
    // them all along and learns at the window). Monte Carlo: citizen 0 is the case that
    // walk gives with the same seed; the others arrive as usual after it.
    bool model_citizen = false;
    bool background = true;        // simulate other citizens in the queues
    // Work budget against hostile or absurd files (e.g. 10,000 background citizens an
    // hour at one desk for a 1,000-day review, 500 steps at one overloaded desk): when
    // max_work + work_per_citizen × citizens units are spent the run stops, the
    // unfinished citizens are stuck and warnings() says so. An event costs 32 units, each
    // pass of a loop an event makes over steps, materials, a visit or a queue one: so
    // the budget bounds time, not only events (≈ 20 s native for 200 M plain events).
    std::int64_t max_work = 200'000'000LL * 32;
    std::int64_t work_per_citizen = 2000 * 32;
    LogSink sink;                  // optional: every event of the process citizens
    // Optional: each background citizen served — department, its number in that
    // department's stream (which keys its draws), service seconds. For tests of
    // common random numbers.
    std::function<void(std::int32_t, std::uint32_t, Seconds)> background_sink;
};

// Where the interactive citizen is and what they hold (for the walkthrough screen).
struct CitizenView {
    std::int32_t place = 0;              // index into scenario places (0 = home)
    std::int32_t department = -1;        // queue/window department, or -1
    bool in_queue = false, at_window = false, travelling = false;
    std::int32_t ticket = 0;             // queue number at this department
    std::int32_t ahead = 0;              // people ahead in the queue
    std::vector<std::string> held;       // material ids
    std::vector<std::string> submitted;  // material ids submitted at least once
    std::vector<std::string> done_steps, ready_steps, in_review_steps, skipped_steps;
    CaseMeasures so_far;                 // measures up to now
    bool finished = false, stuck = false;
    std::string stuck_reason;
};

class Engine {
public:
    enum class Status { running, decision, finished };

    Engine(const Scenario& scenario, const Variant& variant, const Calendar& calendar,
           EngineOptions options);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Runs events until a decision is pending, everything finished, `max_events` ran,
    // or the next event lies after `until`.
    Status run(std::int64_t max_events = INT64_MAX, Seconds until = INT64_MAX);
    Status status() const;
    const Decision* pending() const;
    // What the default Monte Carlo citizen would choose now (autoplay, hints).
    Choice suggestion() const;
    // Answers the pending decision. A choice that is not among the options is refused
    // with a message (zh / en) and changes nothing.
    bool answer(const Choice& choice, std::string* error_zh = nullptr,
                std::string* error_en = nullptr);

    Seconds now() const;
    Seconds start() const;
    std::int64_t events() const;
    // Citizens who entered the simulation (all asked for, unless the work budget or a
    // calendar without office time stopped them), and the replications run.
    std::int32_t simulated() const;
    std::int64_t replications() const;
    const std::vector<CaseMeasures>& cases() const;       // finished citizens, by finish
    std::vector<CaseMeasures> take_cases();               // moves them out (run_monte_carlo)
    const std::vector<std::string>& stuck_reasons() const;
    std::vector<DepartmentStats> department_stats() const;
    const std::vector<Department>& departments() const;
    std::vector<std::string> warnings() const;
    CitizenView citizen_view(std::int32_t citizen = 0) const;
    // People waiting and clerks busy at a department right now.
    std::int32_t queue_length(std::int32_t department) const;
    double progress() const;  // 0..1 of citizens finished or stuck

    struct Impl;
private:
    Impl* impl_;
};

// Runs a whole Monte Carlo and summarises it (the CLI and the page call this).
struct RunResult {
    std::string scenario, variant;
    std::int32_t citizens = 0;      // asked for
    std::int32_t simulated = 0;     // entered the simulation: finished + stuck among them
    std::uint64_t seed = 0;
    std::int64_t events = 0;
    std::vector<std::string> warnings;
    std::vector<std::string> stuck;
    std::vector<CaseMeasures> cases;
    std::vector<DepartmentStats> departments;
    std::int32_t promised_trips = -1;  // the scenario's promised_trips (-1: not stated)
};
RunResult run_monte_carlo(const Scenario& scenario, const Variant& variant,
                          const Calendar& calendar, const EngineOptions& options);
// The summary of an engine that has run (Monte Carlo or a finished walk).
RunResult result_of(const Engine& engine, const Scenario& scenario, const Variant& variant,
                    std::uint64_t seed, std::int32_t citizens);

}  // namespace peizou
