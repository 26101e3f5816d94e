// Engine::Impl — the engine's state and the declarations of its parts. Included only by
// engine.cpp: its parts are inline member definitions in engine_departments.hpp and
// engine_citizens.hpp, all one translation unit, so the hot path inlines as one file did.
//
// [SECTION] compiled model      — constants, ids resolved to indices once per run, a citizen's state
// [SECTION] Impl                — the run's state; the event queue (three heaps, event_queue.hpp),
//                                 the log and the draws, defined here; the rest declared
#pragma once
#include <algorithm>
#include <cmath>
#include <map>

#include "diagnostics.hpp"
#include "durations.hpp"
#include "engine.hpp"
#include "event_queue.hpp"
#include "levers.hpp"
#include "random.hpp"

namespace peizou {

// ---------------------------------------------------------------- [SECTION] compiled model
namespace engine_detail {

using namespace kernel;

constexpr Seconds kMinUsefulOfficeTime = 30 * kMinute;  // don't set out for less
constexpr int kMaxAttempts = 12;                           // then the case is stuck
constexpr Seconds kHallWait = 2 * kHour;  // a result due sooner today is awaited in the hall
const std::string no_detail;
constexpr Seconds kHorizon = 20 * 366 * kDay;              // nothing runs longer
// Monte Carlo citizens arrive within one year of office time from the start; those the
// stream would bring later open another replication of that year (see schedule_next_arrival).
constexpr Seconds kArrivalPeriod = 365 * kDay;
// Durations saturate at kMaxDuration (durations.hpp): an event that far out lies past the
// horizon. A draw beyond it, or NaN, is counted.
// A draw of a duration (in its own unit) at least this large, or NaN, is clamped and
// counted: even in days it is beyond kMaxDuration.
constexpr double kOddDraw = 1e10;
// The work budget counts an event as this many units and every pass of a loop over the
// steps, materials or queue an event makes as one (see EngineOptions::max_work).
constexpr std::int64_t kEventWork = 32;
constexpr std::int64_t kDrawWork = 8;  // a draw in such a loop
constexpr std::uint64_t kSupplyDraw = 1000;  // service-draw key of a 补交 visit: attempts + this

std::uint64_t key_of(const std::string& s) { return stable_hash(s.data(), s.size()); }
// A yes/no per material or department. Not a character type (std::uint8_t is one): a
// store through a character type may alias any object, which makes the compiler reload
// every vector's pointer after it; the hot path stores these and the event's type.
enum Flag : std::uint8_t { no, yes };
// Sets every element, keeping the capacity (and, at the same size, avoiding the library
// call). Nothing is done for nothing: a fill or copy of bytes becomes a call to memset or
// memmove even when empty, which a model without materials or branches would pay per citizen.
template <class T> void reset(std::vector<T>& v, std::size_t n, T value) {
    if (v.size() != n) v.assign(n, value);
    else if (n != 0) std::fill(v.begin(), v.end(), value);
}
template <class T> void copy_into(std::vector<T>& v, const std::vector<T>& from) {
    if (!from.empty() || !v.empty()) v.assign(from.begin(), from.end());
}
// The walk's options besides step and branch option ids, and the words they are given by in
// Decision::options and Choice::value (walk records keep the words).
enum class Option : std::uint8_t { wait, home, in_person, online, other };
const char* word(Option o) {
    switch (o) {
    case Option::wait: return "wait";
    case Option::home: return "home";
    case Option::in_person: return "in_person";
    case Option::online: return "online";
    case Option::other: break;
    }
    return "";
}
Option option_of(const std::string& value) {
    for (Option o : {Option::wait, Option::home, Option::in_person, Option::online})
        if (value == word(o)) return o;
    return Option::other;  // a step or branch option id (ids `wait`, `home` are refused)
}
bool is_counter_step(StepKind k) {
    return k == StepKind::window || k == StepKind::payment || k == StepKind::collect;
}
bool is_citizen_step(StepKind k) { return is_counter_step(k) || k == StepKind::online; }

struct CStep {
    const Step* src = nullptr;
    std::int32_t dept = -1, reception = -1, place = 0;
    std::vector<std::int32_t> needs, produces, after;
    std::int32_t branch = -1;  // the branch whose option enables this step, or -1
    std::uint64_t key = 0;
    // Facts of the model, looked up on every citizen's every move: computed once.
    bool citizen_step = false;   // the citizen does it (window, payment, collect, online)
    bool blocks = true;          // successors wait for completion (not 边建设边办理)
    bool online = false;         // can be done online (online_possible)
    bool supply_online = false;  // owed materials are supplied without a trip
    // Running sums of an empirical service / review (empirical_cumulative), else empty.
    std::vector<double> service_sums, review_sums;
};

struct CBranch {
    const Branch* src = nullptr;
    std::vector<std::int32_t> after;
    std::vector<std::vector<std::int32_t>> option_steps;
    std::uint64_t key = 0;
};

struct DeptState {
    Calendar calendar;
    std::int32_t windows = 0, busy = 0, place = 0;
    Fifo queue;
    Fifo closing;  // day_close(): the queue sent away, its buffer kept for the next day
    double rate_max = 0;   // background arrivals per second, the hour-of-day maximum
    std::uint64_t key = 0;
    std::uint64_t background_count = 0;
    std::int32_t tickets = 0;
    Seconds close_scheduled = INT64_MIN;  // the close a pending ev_day_close is for, or INT64_MIN
    Seconds close_day_start = 0;          // and the start of its day (kept: a join compares, not divides)
    OpenSpan open_now;      // the calendar at the department's clock (try_serve, join_queue)
    OpenSpan open_arrivals; // the calendar along its background arrival stream
    DrawBatch background_gaps;      // a flat rate's gaps, by number in the stream
    DrawBatch background_services;  // likewise
    bool reopen_scheduled = false;
    std::uint64_t id_key = 0;       // key_of(id); `key` mixes in the replication
    // by_hour: a working day's open time cut where the rate changes, each piece with its
    // rate per second (zero-rate pieces left out), and the day's expected arrivals.
    struct RatePiece { Seconds from, to; double per_second; };
    std::vector<RatePiece> day_pieces;
    double day_intensity = 0;
    std::vector<double> service_sums;  // empirical background_service, else empty
    std::string closing_words;         // what the clerk says to the queue at closing
    DepartmentStats stats;
};

enum class Phase : std::uint8_t {
    home, waiting_to_leave, travelling_to_hall, in_queue, at_window, travelling_home,
    filling_online, at_hall, paused, done,
};
// st_owing: the department's work is done but the citizen still owes a material
// accepted as missing (容缺受理); the step completes when it is supplied.
enum StepStatus : std::uint8_t { st_pending, st_accepted, st_done, st_skipped, st_owing };
enum WakeReason : std::uint32_t { wake_leave = 1, wake_arrive_hall, wake_arrive_home, wake_online_done };

// Where one citizen is with one step (one record per step: one reset per citizen).
struct CitizenStep {
    Seconds accepted_at = 0;
    Seconds review_due = 0;  // when the department's work ends (or ended)
    std::int16_t attempts = 0;
    StepStatus status = st_pending;
};

struct Citizen {
    std::int32_t id = 0;
    std::uint32_t gen = 0;  // bumps on every phase change; stale wakes are ignored
    bool active = false;
    Phase phase = Phase::home;
    // Where the citizen is (index into places, 0 = home) or, while travelling, is going.
    std::int32_t place = 0;
    bool travelling = false;
    std::vector<CitizenStep> step;  // by step index
    CitizenStep& at(std::int32_t s) { return step[static_cast<std::size_t>(s)]; }
    const CitizenStep& at(std::int32_t s) const { return step[static_cast<std::size_t>(s)]; }
    std::vector<std::int8_t> branch_choice;
    std::vector<Flag> held, submitted;
    // Materials the citizen knows are needed: in the guide, or named by a clerk. Kept only
    // when some material is not in the guide (Impl::any_unguided).
    std::vector<Flag> known;
    // By department: the id of the last citizen in this slot to visit it. Ids are unique in
    // a run, so a new citizen starts with none seen and no reset (a memset call per citizen).
    std::vector<std::int32_t> dept_seen_by;
    std::int32_t reviews = 0;       // steps accepted whose department work is not done
    // 容缺受理: (step, material) accepted without the material, still to be supplied.
    std::vector<std::pair<std::int32_t, std::int32_t>> owed;
    Seconds not_before = 0;         // after a 补正 rejection: the next working day
    // the visit under way
    std::vector<std::int32_t> visit;
    bool visit_online = false, visit_agent = false;
    std::int32_t visit_dept = -1, ticket = 0;
    Seconds queue_joined = 0;
    Seconds visit_service = 0;       // drawn on joining the queue, used when called
    Seconds hall_since = 0;          // waiting in the hall since (phase at_hall)
    // Monte Carlo: the visit was chosen at home (by the default policy), and — sent home at
    // closing with nothing in review — it is kept for tomorrow (see day_close).
    bool visit_at_home = false, visit_kept = false;
    CaseMeasures m;
};

}  // namespace engine_detail
using namespace engine_detail;

// ---------------------------------------------------------------- [SECTION] Impl
struct Engine::Impl {
    const Scenario& scenario;
    Variant variant;
    Calendar calendar;
    EngineOptions opt;
    std::vector<Department> departments;
    std::vector<DeptState> dept;
    std::vector<CStep> steps;
    // Step indices in declared order: those the citizen does, and the back office's.
    std::vector<std::int32_t> citizen_steps, back_office_steps;
    std::vector<CBranch> branches;
    std::vector<Material> materials;
    std::vector<Flag> material_shared, material_essential, material_granted, material_in_guide;
    bool any_unguided = false;  // some material is not in the guide: citizens learn of it
    std::vector<Place> places;
    std::vector<Seconds> travel_seconds;  // from home, by place

    EventHeap arrivals, soon, later;  // see push
    std::uint64_t seq = 0;
    Seconds now = 0, start = 0;
    std::int64_t events = 0;
    bool finished = false;

    std::vector<Citizen> citizens;     // slots, reused
    std::vector<std::int32_t> free_slots;
    std::int32_t arrived = 0, active = 0, stuck_count = 0;
    std::int32_t simulated = 0;          // citizens who entered the simulation (arrived)
    Seconds arrival_cursor = 0;
    // Replications: the office time of one arrival period (kArrivalPeriod from the start),
    // where in it the stream is, and the replication under way. A citizen the stream brings
    // past the period waits (replication_due) for this replication's citizens to finish,
    // then opens the next one at `carry` office seconds into the period.
    Seconds period_open = 0, period_offset = 0, carry = 0;
    std::uint64_t replication = 0;
    bool replication_due = false;
    std::int64_t work = 0, work_budget = 0;  // EngineOptions::max_work
    mutable std::int64_t odd_draws = 0;      // draws clamped: NaN or absurdly large
    bool odd_rates = false;                  // a background rate not finite: no stream
    DrawBatch arrival_gaps;              // by citizen number
    std::vector<DrawBatch> first_services;  // by step: the service of a citizen's first visit
    std::vector<CaseMeasures> cases;
    std::vector<std::string> stuck_reasons;
    bool uncovered_dates = false;
    bool budget_spent = false;       // the run spent its work budget (cut_short)
    Seconds last_time = 0;

    std::uint64_t purpose_base[16] = {};
    std::vector<std::int32_t> scratch_options;  // advance(): never nested
    std::vector<Flag> scratch_handed;   // hand_over(): never nested
    std::vector<std::int32_t> scratch_missing;  // examine(): never nested

    // the pause
    bool has_pending = false;
    Decision pending;
    std::int32_t pending_slot = -1;

    Impl(const Scenario& s, const Variant& v, const Calendar& cal, EngineOptions o)
        : scenario(s), variant(v), calendar(cal), opt(std::move(o)) {
        for (std::uint64_t p = 1; p < 16; ++p)
            purpose_base[p] = hash_base(opt.seed, static_cast<Purpose>(p));
        compile();
        start = scenario.start;
        now = start;
        arrival_cursor = start;
        period_open = calendar.working_time_between(start, start + kArrivalPeriod);
        work_budget = opt.max_work;
        if (!opt.interactive && opt.citizens > 0 && opt.work_per_citizen > 0)
            work_budget += std::min<std::int64_t>(opt.citizens, INT64_MAX / 4 / opt.work_per_citizen) *
                           opt.work_per_citizen;
        // Monte Carlo keeps one CaseMeasures per citizen: one allocation, no doubling
        // (up to 16 M citizens, 1 GB; beyond that the vector grows as usual).
        if (!opt.interactive && opt.citizens > 0)
            cases.reserve(static_cast<std::size_t>(std::min(opt.citizens, std::int32_t{1} << 24)));
        for (std::size_t d = 0; d < dept.size(); ++d) schedule_background(static_cast<std::int32_t>(d), start);
        if (opt.interactive || (opt.model_citizen && opt.citizens > 0)) {
            push(start, ev_citizen_arrival, 0, 0, 0);
        } else if (opt.citizens > 0 && period_open <= 0) {
            no_arrivals = true;  // no office time at all in a year: no one can arrive
        } else if (opt.citizens > 0) {
            schedule_next_arrival();
        }
    }
    bool no_arrivals = false;

    // Lookups by the engine's int32 indices: the cast to a vector index once, here.
    CStep& step_at(std::int32_t s) { return steps[static_cast<std::size_t>(s)]; }
    const CStep& step_at(std::int32_t s) const { return steps[static_cast<std::size_t>(s)]; }
    DeptState& dept_at(std::int32_t d) { return dept[static_cast<std::size_t>(d)]; }
    const DeptState& dept_at(std::int32_t d) const { return dept[static_cast<std::size_t>(d)]; }
    Citizen& citizen_at(std::int32_t slot) { return citizens[static_cast<std::size_t>(slot)]; }
    const Citizen& citizen_at(std::int32_t slot) const { return citizens[static_cast<std::size_t>(slot)]; }
    const Material& material_at(std::int32_t m) const { return materials[static_cast<std::size_t>(m)]; }

    // compiled model (engine.cpp)
    std::int32_t dept_index(const std::string& id) const;
    std::int32_t material_index(const std::string& id) const;
    std::int32_t step_index(const std::string& id) const;
    std::int32_t place_index(const std::string& id) const;
    void compile();
    void compile_rate_pieces(DeptState& ds, const Department& d);

    // the event queue, the log and the draws
    // Three heaps. `arrivals`: the next process citizen and each department's next
    // background citizen — one per stream, each replaced by its successor, so it never
    // holds more than the departments and one. Other events due within kSoon go to `soon`,
    // the rest (reviews of days, tomorrow's trips, closing time) to `later`. The next
    // event is the earliest of the three tops. Each heap stays small — the busy one holds
    // a few dozen clerks instead of every citizen waiting for a review — so each sift is
    // shorter. Keys are unique, so the order of events is the same as with one heap.
    // Inlined into each of its dozen callers: neither GCC nor clang did so by itself, and
    // the call cost more than the push (callgrind, reference hall: native −2.5%, wasm −1.2%
    // instructions).
    static constexpr Seconds kSoon = kHour;
    [[gnu::always_inline]] void push(Seconds t, EventType type, std::int32_t a, std::int32_t b, std::uint32_t c) {
        EventHeap& h = type == ev_citizen_arrival || type == ev_background_arrival ? arrivals
                       : t - now < kSoon                                         ? soon
                                                                                 : later;
        h.push(Event{t, seq++, type, a, b, c});
    }
    // The heap holding the next event, or nullptr if none is left.
    EventHeap* next_heap() {
        EventHeap* best = arrivals.empty() ? nullptr : &arrivals;
        for (EventHeap* h : {&soon, &later})
            if (!h->empty() && (!best || EventHeap::earlier(h->top(), best->top()))) best = h;
        return best;
    }

    // Costs a test and nothing more when no one listens (Monte Carlo): the test is
    // inlined at every call, the record built out of line.
    void log(const Citizen& c, Activity act, std::int32_t step = -1, std::int32_t department = -1,
             std::int32_t count = 0, const std::string& detail = no_detail) {
        if (opt.sink) emit(c, act, step, department, count, detail);
    }
    [[gnu::noinline]] void emit(const Citizen& c, Activity act, std::int32_t step, std::int32_t department,
                                std::int32_t count, const std::string& detail) {
        LogEvent e;
        e.time = now;
        e.citizen = c.id;
        e.activity = act;
        e.step = step;
        e.department = department;
        e.place = c.travelling ? -c.place - 1 : c.place;  // the log writes a trip as -(destination) - 1
        e.count = count;
        e.detail = detail;
        opt.sink(e);
    }
    // (seed, purpose) hashed once per run; identical to hash_key(opt.seed, p, a, b, c).
    std::uint64_t key(Purpose p, std::uint64_t a, std::uint64_t b, std::uint64_t c) const {
        return hash_rest(purpose_base[static_cast<std::size_t>(p)], a, b, c);
    }
    // `sums`: the running sums of an empirical d (O(log n) draws), else empty.
    double draw(const Duration& d, Purpose p, std::uint64_t a, std::uint64_t b, std::uint64_t c,
                const std::vector<double>& sums) const {
        double v;
        if (d.dist == DistKind::fixed) v = d.value;  // no draw needed: same result
        else if (d.dist == DistKind::exponential) v = sample_exponential(d.mean, key(p, a, b, c));
        else if (d.dist == DistKind::empirical) v = sample_empirical(d, unit_from(mix64(key(p, a, b, c))), sums);
        else v = sample(d, key(p, a, b, c));
        if (!(v < kOddDraw && v > -kOddDraw)) odd_draws++;  // NaN, or beyond any horizon
        return v;
    }
    double uniform(Purpose p, std::uint64_t a, std::uint64_t b, std::uint64_t c) const {
        return unit_from(key(p, a, b, c));
    }
    // Back-office time: office seconds for minutes/hours/working days, wall for calendar days.
    Seconds review_end(const Calendar& cal, Seconds t, const Duration& d, double v) const {
        if (v <= 0) return t;
        const Seconds day = cal.mode() == CalendarMode::always_open ? kDay : cal.hours().seconds_per_day();
        switch (d.unit) {
        case TimeUnit::minutes: return cal.add_working_time(t, round_seconds(v * 60));
        case TimeUnit::hours: return cal.add_working_time(t, round_seconds(v * 3600));
        case TimeUnit::working_days: return cal.add_working_time(t, round_seconds(v * static_cast<double>(day)));
        case TimeUnit::calendar_days: return t + round_seconds(v * 86400);
        }
        return t;
    }

    // departments: background, queues, closing, arrivals and replications (engine_departments.hpp)
    void schedule_background(std::int32_t d, Seconds from);
    Seconds profiled_arrival(const DeptState& ds, Seconds t, double e);
    void join_queue(std::int32_t d, std::int32_t who, std::uint32_t gen);
    void draw_background(std::int32_t d, std::uint64_t from);
    Seconds background_service_time(std::int32_t d, std::uint32_t n) const;
    Seconds background_service_draw(std::int32_t d, std::uint32_t n) const;
    void try_serve(std::int32_t d);
    void day_close(std::int32_t d);
    Seconds next_working_day_start(Seconds t) const;
    // citizens (engine_citizens.hpp), decisions and dispatch (engine.cpp)
    Citizen& new_citizen(std::int32_t id);
    std::int32_t slot_of(const Citizen& c) const { return static_cast<std::int32_t>(&c - citizens.data()); }
    void schedule_next_arrival();
    Seconds arrival_gap(double g) const;
    void next_replication();
    void close_period();
    void add_citizen_time(Citizen& c, Seconds s);
    bool dependency_met(const Citizen& c, std::int32_t s) const;
    bool ready(const Citizen& c, std::int32_t s) const;
    bool all_complete(const Citizen& c) const;
    bool must_hand(const Citizen& c, std::int32_t m) const;
    bool knows(const Citizen& c, std::int32_t m) const;
    bool can_satisfy(const Citizen& c, std::int32_t s) const;
    bool online_possible(std::int32_t s) const { return step_at(s).online; }
    bool owes(const Citizen& c, std::int32_t s) const;
    // Supplied without a trip when the step's department has an online channel (or the
    // step could go online); otherwise at a visit to the step's desk.
    bool supply_online(std::int32_t s) const { return step_at(s).supply_online; }
    bool can_supply(const Citizen& c, std::int32_t s) const;
    void submit(Citizen& c, std::int32_t m);
    bool supply_owed(Citizen& c);
    void complete_supplied(Citizen& c);
    void supply_in_person(Citizen& c, std::int32_t s, const std::vector<Flag>& handed);
    bool settle(Citizen& c);
    [[gnu::noinline]] bool settle_steps(Citizen& c);
    void take_branch(Citizen& c, std::size_t b, std::size_t option);
    void start_back_office_step(Citizen& c, std::int32_t s);
    void complete_step(Citizen& c, std::int32_t s);
    void review_finished(Citizen& c, std::int32_t s);
    void advance(Citizen& c);
    std::int32_t default_pick(const Citizen& c, const std::vector<std::int32_t>& options) const;
    Choice suggestion() const;
    void wait_for_review(Citizen& c);
    void pause(Citizen& c, Decision d);
    void begin_step(Citizen& c, std::int32_t s, bool online);
    void travel_to(Citizen& c, std::int32_t place);
    void leave_home(Citizen& c);
    void arrive_hall(Citizen& c);
    Seconds start_window_service(Citizen& c, Seconds wait);
    Seconds visit_service_time(Citizen& c);
    Seconds service_draw(std::int32_t s, std::int32_t citizen, std::uint64_t attempt) const;
    Seconds first_service_time(std::int32_t s, std::int32_t citizen);
    void hand_over(Citizen& c);
    void examine(Citizen& c, const std::vector<Flag>& handed);
    [[gnu::noinline]] bool reject(Citizen& c, std::int32_t s, const std::vector<std::int32_t>& missing);
    void accept(Citizen& c, std::int32_t s);
    void go_home(Citizen& c);
    void finish(Citizen& c);
    void stuck(Citizen& c, const std::string& why);
    void retire(Citizen& c);
    void dispatch(const Event& e);
    void settle_quietly(Citizen& c);
    Engine::Status run(std::int64_t max_events, Seconds until);
    void cut_short();
    bool is_done() const;
    void end_run();
    bool answer(const Choice& ch, std::string* zh, std::string* en);
};

}  // namespace peizou
