// [SECTION] compiled model      — ids resolved to indices once per run
// [SECTION] event queue         — three heaps (event_queue.hpp): arrivals, soon and later
// [SECTION] departments         — FIFO queues, clerks, background citizens, closing time
// [SECTION] citizens            — the state machine of one process citizen
// [SECTION] decisions           — default policy (Monte Carlo) or a pause (walkthrough)
// [SECTION] event dispatch      — events to the departments and citizens; the run loop, the answer
// [SECTION] public interface
#include "engine.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "event_queue.hpp"
#include "levers.hpp"
#include "random.hpp"

namespace peizou {

const char* to_string(Activity a) {
    switch (a) {
    case Activity::case_start: return "case_start";
    case Activity::leave_home: return "leave_home";
    case Activity::arrive_hall: return "arrive_hall";
    case Activity::join_queue: return "join_queue";
    case Activity::service_start: return "service_start";
    case Activity::handover: return "handover";
    case Activity::accepted: return "accepted";
    case Activity::rejected: return "rejected";
    case Activity::online_submit: return "online_submit";
    case Activity::review_start: return "review_start";
    case Activity::step_complete: return "step_complete";
    case Activity::material_received: return "material_received";
    case Activity::branch_decided: return "branch_decided";
    case Activity::go_home: return "go_home";
    case Activity::arrive_home: return "arrive_home";
    case Activity::sent_home_closed: return "sent_home_closed";
    case Activity::step_skipped: return "step_skipped";
    case Activity::case_finish: return "case_finish";
    case Activity::case_stuck: return "case_stuck";
    }
    return "?";
}

std::string format_log_event(const LogEvent& e) {
    return std::to_string(e.time) + "," + std::to_string(e.citizen) + "," + to_string(e.activity) + "," +
           std::to_string(e.step) + "," + std::to_string(e.department) + "," + std::to_string(e.place) + "," +
           std::to_string(e.count) + "," + e.detail;
}

const char* to_string(DecisionKind k) {
    switch (k) {
    case DecisionKind::next_step: return "next_step";
    case DecisionKind::channel: return "channel";
    case DecisionKind::branch: return "branch";
    case DecisionKind::handover: return "handover";
    }
    return "?";
}

namespace {

using namespace kernel;

constexpr Seconds kMinUsefulOfficeTime = 30 * kMinute;  // don't set out for less
constexpr int kMaxAttempts = 12;                           // then the case is stuck
constexpr Seconds kHallWait = 2 * kHour;  // a result due sooner today is awaited in the hall
const std::string no_detail;
constexpr Seconds kHorizon = 20 * 366 * kDay;              // nothing runs longer
// Monte Carlo citizens arrive within one year of office time from the start; those the
// stream would bring later open another replication of that year (see schedule_next_arrival).
constexpr Seconds kArrivalPeriod = 365 * kDay;
// Durations saturate here (35 M years): no overflow, even summed over a visit's steps, and
// an event this far out lies past the horizon. A draw beyond it, or NaN, is counted.
constexpr Seconds kMaxDuration = Seconds{1} << 50;
constexpr double kMaxDurationDouble = 1125899906842624.0;  // 2^50
// A draw of a duration (in its own unit) at least this large, or NaN, is clamped and
// counted: even in days it is beyond kMaxDuration.
constexpr double kOddDraw = 1e10;
// The work budget counts an event as this many units and every pass of a loop over the
// steps, materials or queue an event makes as one (see EngineOptions::max_work).
constexpr std::int64_t kEventWork = 32;
constexpr std::int64_t kDrawWork = 8;  // a draw in such a loop
constexpr std::uint64_t kSupplyDraw = 1000;  // service-draw key of a 补交 visit: attempts + this

std::uint64_t key_of(const std::string& s) { return stable_hash(s.data(), s.size()); }
// Rounds half away from zero, as std::llround, without the libm call (hot: every draw).
// Saturates at ±kMaxDuration; NaN gives 0 (no NaN or overflow reaches an integer).
Seconds round_seconds(double v) {
    if (!(v > -kMaxDurationDouble && v < kMaxDurationDouble))
        return v > 0 ? kMaxDuration : v < 0 ? -kMaxDuration : 0;
    Seconds r = static_cast<Seconds>(v);               // truncates
    const double frac = v - static_cast<double>(r);  // exact below 2^52
    // Branch-free: whether a draw rounds up is a coin toss no predictor can learn.
    return r + static_cast<Seconds>(frac >= 0.5) - static_cast<Seconds>(frac <= -0.5);
}
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

// ---------------------------------------------------------------- [SECTION] compiled model
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
    std::int32_t place = 0;
    std::vector<CitizenStep> step;  // by step index
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

}  // namespace

// ---------------------------------------------------------------- Impl
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
        if (opt.interactive || (opt.first_at_start && opt.citizens > 0)) {
            push(start, ev_citizen_arrival, 0, 0, 0);
        } else if (opt.citizens > 0 && period_open <= 0) {
            no_arrivals = true;  // no office time at all in a year: no one can arrive
        } else if (opt.citizens > 0) {
            schedule_next_arrival();
        }
    }
    bool no_arrivals = false;

    // ------------------------------------------------------------ compile
    std::int32_t dept_index(const std::string& id) const {
        for (std::size_t i = 0; i < departments.size(); ++i)
            if (departments[i].id == id) return static_cast<std::int32_t>(i);
        return -1;
    }
    std::int32_t material_index(const std::string& id) const {
        for (std::size_t i = 0; i < materials.size(); ++i)
            if (materials[i].id == id) return static_cast<std::int32_t>(i);
        return -1;
    }
    std::int32_t step_index(const std::string& id) const {
        for (std::size_t i = 0; i < steps.size(); ++i)
            if (steps[i].src->id == id) return static_cast<std::int32_t>(i);
        return -1;
    }
    std::int32_t place_index(const std::string& id) const {
        for (std::size_t i = 0; i < places.size(); ++i)
            if (places[i].id == id) return static_cast<std::int32_t>(i);
        return 0;
    }

    void compile() {
        // Home is place 0.
        for (const auto& p : scenario.places) if (p.id == "home") places.push_back(p);
        if (places.empty()) { Place home; home.id = "home"; home.name = "家"; places.push_back(home); }
        for (const auto& p : scenario.places) if (p.id != "home") places.push_back(p);
        for (const auto& p : places) travel_seconds.push_back(round_seconds(p.travel_minutes * 60));

        departments = variant_departments(scenario, variant);
        dept.resize(departments.size());
        for (std::size_t i = 0; i < departments.size(); ++i) {
            const Department& d = departments[i];
            DeptState& ds = dept[i];
            ds.calendar = d.hours ? Calendar(calendar.mode(), *d.hours, calendar.holidays()) : calendar;
            ds.windows = d.windows;
            ds.place = place_index(d.place);
            ds.key = ds.id_key = key_of(d.id);
            double peak = d.background.per_hour;
            if (d.background.by_hour_given()) {
                peak = 0;
                for (double r : d.background.by_hour) peak = std::max(peak, r);
                compile_rate_pieces(ds, d);
                if (!(ds.day_intensity > 0)) peak = 0;  // no arrival in any office hour
            }
            if (!(peak <= 1.7976931348623157e308)) { odd_rates = true; peak = 0; }  // NaN, ∞
            ds.rate_max = opt.background ? peak / 3600.0 : 0;
            if (d.background_service.dist == DistKind::empirical)
                ds.service_sums = empirical_cumulative(d.background_service);
            ds.stats.id = d.id;
            // An appointment can be booked online where the department has a portal.
            ds.closing_words = d.online ? "今天窗口已停止受理，请您明天再来（可网上预约）"
                                        : "今天窗口已停止受理，请您明天再来";
        }
        materials = variant_materials(scenario, variant);
        for (const auto& m : materials) {
            material_shared.push_back(m.shared ? yes : no);
            material_essential.push_back(m.essential ? yes : no);
            material_granted.push_back(m.held_at_start ? yes : no);
            material_in_guide.push_back(m.in_guide ? yes : no);
            any_unguided = any_unguided || !m.in_guide;
        }
        steps.resize(variant.steps.size());
        first_services.resize(steps.size());
        for (std::size_t i = 0; i < steps.size(); ++i) {
            steps[i].src = &variant.steps[i];
            steps[i].key = key_of(variant.steps[i].id);
            if (variant.steps[i].service.dist == DistKind::empirical)
                steps[i].service_sums = empirical_cumulative(variant.steps[i].service);
            if (variant.steps[i].review.dist == DistKind::empirical)
                steps[i].review_sums = empirical_cumulative(variant.steps[i].review);
        }
        for (auto& s : steps) {
            s.dept = dept_index(s.src->department);
            s.reception = s.src->reception.empty() ? s.dept : dept_index(s.src->reception);
            if (s.reception < 0) s.reception = s.dept;
            s.place = s.reception >= 0 ? dept[static_cast<std::size_t>(s.reception)].place : 0;
            for (const auto& m : s.src->needs) if (auto k = material_index(m); k >= 0) s.needs.push_back(k);
            for (const auto& m : s.src->produces) if (auto k = material_index(m); k >= 0) s.produces.push_back(k);
            for (const auto& a : s.src->after) if (auto k = step_index(a); k >= 0) s.after.push_back(k);
            s.citizen_step = is_citizen_step(s.src->kind);
            s.blocks = s.src->blocks_successors;
            s.online = s.src->kind == StepKind::online ||
                       (s.src->online_allowed && s.reception >= 0 &&
                        departments[static_cast<std::size_t>(s.reception)].online);
            s.supply_online = s.online || (s.dept >= 0 && departments[static_cast<std::size_t>(s.dept)].online);
        }
        for (std::size_t i = 0; i < steps.size(); ++i)
            (steps[i].citizen_step ? citizen_steps : back_office_steps).push_back(static_cast<std::int32_t>(i));
        branches.resize(variant.branches.size());
        for (std::size_t b = 0; b < branches.size(); ++b) {
            const Branch& src = variant.branches[b];
            CBranch& cb = branches[b];
            cb.src = &src;
            cb.key = key_of(src.id);
            for (const auto& a : src.after) if (auto k = step_index(a); k >= 0) cb.after.push_back(k);
            for (const auto& o : src.options) {
                std::vector<std::int32_t> ids;
                for (const auto& sid : o.steps) {
                    auto k = step_index(sid);
                    if (k < 0) continue;
                    ids.push_back(k);
                    steps[static_cast<std::size_t>(k)].branch = static_cast<std::int32_t>(b);
                }
                cb.option_steps.push_back(ids);
            }
        }
    }

    // by_hour: the open time of a working day (all of it when always open) cut at every
    // hour, each piece with that hour's rate.
    void compile_rate_pieces(DeptState& ds, const Department& d) {
        std::vector<std::pair<Seconds, Seconds>> open = ds.calendar.hours().intervals;
        if (ds.calendar.mode() == CalendarMode::always_open) open = {{0, kDay}};
        for (const auto& [from, to] : open) {
            for (Seconds a = from; a < to;) {
                const Seconds b = std::min(to, (a / kHour + 1) * kHour);
                const double per_hour = d.background.by_hour[static_cast<std::size_t>(a / kHour)];
                if (!(per_hour <= 1.7976931348623157e308)) odd_rates = true;  // NaN or ∞: none
                else if (per_hour > 0) {
                    ds.day_pieces.push_back({a, b, per_hour / 3600.0});
                    ds.day_intensity += per_hour / 3600.0 * static_cast<double>(b - a);
                }
                a = b;
            }
        }
    }

    // ------------------------------------------------------------ [SECTION] event queue
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
        e.place = c.place;
        e.count = count;
        e.detail = detail;
        opt.sink(e);
    }

    // ------------------------------------------------------------ draws
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
    static Seconds wall_seconds(const Duration& d, double v) {
        switch (d.unit) {
        case TimeUnit::minutes: return round_seconds(v * 60);
        case TimeUnit::hours: return round_seconds(v * 3600);
        case TimeUnit::working_days:
        case TimeUnit::calendar_days: return round_seconds(v * 86400);
        }
        return 0;
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

    // ------------------------------------------------------------ [SECTION] departments
    void schedule_background(std::int32_t d, Seconds from) {
        DeptState& ds = dept[static_cast<std::size_t>(d)];
        if (ds.rate_max <= 0) return;
        const std::uint64_t n = ds.background_count++;
        Seconds t;
        if (!ds.day_pieces.empty()) {  // by_hour
            const double e = -portable_log(1 - uniform(Purpose::background_arrival, ds.key, n, 0));
            t = profiled_arrival(ds, from, e);
            if (t >= kNever) return;
        } else {
            if (!ds.background_gaps.has(n)) draw_background(d, n);
            t = ds.open_arrivals.next_open(ds.calendar, from + ds.background_gaps.at(n));
        }
        push(t, ev_background_arrival, d, 0, static_cast<std::uint32_t>(n));
    }
    // by_hour, drawn exactly by inversion: the next arrival after t is where the expected
    // count of arrivals since t (the rate integrated over the open hours) reaches e, a unit
    // exponential. Whole working days are skipped at once; kNever when none ever comes.
    Seconds profiled_arrival(const DeptState& ds, Seconds t, double e) {
        const Calendar& cal = ds.calendar;
        std::int64_t day = day_of(t);
        Seconds from = second_of_day(t);
        for (int pass = 0;; ++pass) {
            if (cal.is_working_day(day)) {
                work += static_cast<std::int64_t>(ds.day_pieces.size());
                for (const auto& p : ds.day_pieces) {
                    if (p.to <= from) continue;
                    const Seconds a = std::max(p.from, from);
                    const double expected = p.per_second * static_cast<double>(p.to - a);
                    if (e <= expected) return day * kDay + std::min(p.to - 1, a + round_seconds(e / p.per_second));
                    e -= expected;
                }
            }
            from = 0;
            // Skip the whole days the rest of e covers, leaving 0 < e <= one day's (or a
            // little more when rounding left a crumb: then a pass more).
            double whole = pass == 0 && e > ds.day_intensity ? std::ceil(e / ds.day_intensity) - 1 : 0;
            if (!(whole < 1e12)) return kNever;  // the stream has all but stopped
            e -= whole * ds.day_intensity;
            day = cal.nth_working_day_after(day, 1 + static_cast<std::int64_t>(whole));
            if (pass > 8 || day >= kNever / kDay) return kNever;
        }
    }

    void join_queue(std::int32_t d, std::int32_t who, std::uint32_t gen) {
        DeptState& ds = dept[static_cast<std::size_t>(d)];
        ds.queue.push_back(QueueEntry{who, gen, now, ++ds.tickets, who < 0 ? background_service_time(d, gen) : 0});
        // The queue is sent away at the close of the day it will next be served: already
        // scheduled if that close is later today (then today is that day). A close is at
        // midnight at the latest, so "today, before the close" is one range of time.
        if (calendar.mode() != CalendarMode::always_open &&
            !(ds.close_day_start <= now && now < ds.close_scheduled)) {
            const std::int64_t day = day_of(ds.open_now.next_open(ds.calendar, now));
            const Seconds close = ds.calendar.close_of_day(day);
            if (ds.close_scheduled != close) {
                ds.close_scheduled = close;
                ds.close_day_start = day * kDay;
                push(close, ev_day_close, d, 0, 0);
            }
        }
        try_serve(d);
    }

    void draw_background(std::int32_t d, std::uint64_t from) {
        DeptState& ds = dept[static_cast<std::size_t>(d)];
        ds.background_gaps.fill(from, DrawBatch::kSize, [&](std::uint64_t n) {
            const double u = uniform(Purpose::background_arrival, ds.key, n, 0);
            return std::max<Seconds>(1, round_seconds(-portable_log(1 - u) / ds.rate_max));
        });
        work += static_cast<std::int64_t>(DrawBatch::kSize);
        ds.background_services.fill(from, DrawBatch::kSize, [&](std::uint64_t n) {
            return background_service_draw(d, static_cast<std::uint32_t>(n));
        });
    }
    // Background citizen n (32 bits, as the queue keeps it) is served this long.
    Seconds background_service_time(std::int32_t d, std::uint32_t n) const {
        const DrawBatch& b = dept[static_cast<std::size_t>(d)].background_services;
        return b.has(n) ? b.at(n) : background_service_draw(d, n);
    }
    Seconds background_service_draw(std::int32_t d, std::uint32_t n) const {
        const Duration& service = departments[static_cast<std::size_t>(d)].background_service;
        const DeptState& ds = dept[static_cast<std::size_t>(d)];
        return wall_seconds(service, draw(service, Purpose::background_service, ds.key, n, 0, ds.service_sums));
    }

    void try_serve(std::int32_t d) {
        DeptState& ds = dept[static_cast<std::size_t>(d)];
        if (ds.queue.empty() || ds.busy >= ds.windows) return;
        const Seconds open = ds.open_now.next_open(ds.calendar, now);
        if (open != now) {
            if (!ds.reopen_scheduled) {
                ds.reopen_scheduled = true;
                push(open, ev_reopen, d, 0, 0);
            }
            return;
        }
        while (!ds.queue.empty() && ds.busy < ds.windows) {
            QueueEntry e = ds.queue.front();
            ds.queue.pop_front();
            const Seconds wait = now - e.joined;
            Seconds service = 0;
            if (e.who < 0) {
                service = e.service;
                if (opt.background_sink) opt.background_sink(d, e.gen, service);
            } else {
                Citizen& c = citizens[static_cast<std::size_t>(e.who)];
                if (!c.active || c.gen != e.gen) continue;  // left already
                service = start_window_service(c, wait);
            }
            service = std::max<Seconds>(service, 1);
            ds.busy++;
            ds.stats.served++;
            ds.stats.total_wait_seconds += static_cast<double>(wait);
            const Seconds overtime = std::max<Seconds>(0, now + service - ds.open_now.until);
            ds.stats.busy_seconds += static_cast<double>(service - overtime);
            ds.stats.overtime_seconds += static_cast<double>(overtime);
            push(now + service, ev_service_done, d, e.who, e.gen);
        }
    }

    void day_close(std::int32_t d) {
        DeptState& ds = dept[static_cast<std::size_t>(d)];
        ds.close_scheduled = INT64_MIN;
        // Everyone still waiting is sent away: "今天窗口已停止受理，请您明天再来".
        Fifo& left = ds.closing;
        left.swap(ds.queue);
        work += static_cast<std::int64_t>(left.size());
        for (std::size_t i = 0; i < left.size(); ++i) {
            const QueueEntry& e = left[i];
            ds.stats.sent_home++;
            if (e.who < 0) continue;
            Citizen& c = citizens[static_cast<std::size_t>(e.who)];
            if (!c.active || c.gen != e.gen) continue;
            add_citizen_time(c, now - c.queue_joined);
            log(c, Activity::sent_home_closed, -1, d, 0, ds.closing_words);
            c.not_before = next_working_day_start(now);
            // Nothing changes for a citizen at home with nothing in review: a visit chosen
            // at home yesterday is the one the policy would choose again, served as long
            // (the same draws). Kept, the daily return costs O(1), not O(steps): a desk
            // that sends a long queue home every evening would otherwise cost
            // O(steps × citizens) a day.
            c.visit_kept = c.visit_at_home && c.reviews == 0;
            if (!c.visit_kept) c.visit.clear();
            go_home(c);
        }
        left.clear();
    }

    Seconds next_working_day_start(Seconds t) const {
        return calendar.next_open((day_of(t) + 1) * kDay);
    }

    // ------------------------------------------------------------ [SECTION] citizens
    Citizen& new_citizen(std::int32_t id) {
        std::int32_t slot;
        if (!free_slots.empty()) {
            slot = free_slots.back();
            free_slots.pop_back();
        } else {
            slot = static_cast<std::int32_t>(citizens.size());
            citizens.emplace_back();
        }
        Citizen& c = citizens[static_cast<std::size_t>(slot)];
        // Reset field by field so the vectors keep their capacity (no allocation per citizen).
        c.gen++;
        c.phase = Phase::home;
        c.place = 0;
        c.reviews = 0;
        c.owed.clear();
        c.not_before = 0;
        c.visit.clear();
        c.visit_online = c.visit_agent = false;
        c.visit_at_home = c.visit_kept = false;
        c.visit_dept = -1;
        c.ticket = 0;
        c.queue_joined = 0;
        c.m = CaseMeasures{};
        c.id = id;
        c.active = true;
        reset<CitizenStep>(c.step, steps.size(), CitizenStep{});
        reset<std::int8_t>(c.branch_choice, branches.size(), -1);
        copy_into(c.held, material_granted);
        if (any_unguided) copy_into(c.known, material_in_guide);
        reset(c.submitted, materials.size(), no);
        if (c.dept_seen_by.size() != departments.size()) c.dept_seen_by.assign(departments.size(), -1);
        work += static_cast<std::int64_t>(steps.size() + materials.size());
        c.m.start = now;
        c.m.citizen = id;
        active++;
        return c;
    }
    std::int32_t slot_of(const Citizen& c) const { return static_cast<std::int32_t>(&c - citizens.data()); }

    // The process citizens arrive as a Poisson stream over office time. A citizen whose
    // arrival falls past the arrival period (period_open office seconds from the start)
    // opens a new replication instead: a fresh world from the start (empty queues, the
    // background drawn anew), the citizen as far into its period as the stream ran past
    // the end — the same stream cut into periods, each period one replication. Periods
    // with no citizen are skipped: nothing would be measured in them.
    void schedule_next_arrival() {
        if (arrived >= opt.citizens) return;
        const auto n = static_cast<std::uint64_t>(arrived);
        if (!arrival_gaps.has(n)) {
            const double per_day = scenario.arrivals_per_working_day > 0 ? scenario.arrivals_per_working_day : 1;
            const auto day = static_cast<double>(calendar.mode() == CalendarMode::always_open
                                                     ? kDay : calendar.hours().seconds_per_day());
            arrival_gaps.fill(n, static_cast<std::uint64_t>(opt.citizens - arrived), [&](std::uint64_t k) {
                const double u = uniform(Purpose::arrival, k, 0, 0);
                return arrival_gap(-portable_log(1 - u) * day / per_day);
            });
        }
        const Seconds gap = arrival_gaps.at(n);
        if (gap >= period_open - period_offset) {  // past this period: the next replication
            carry = (period_offset + gap) % period_open;
            replication_due = true;
            return;
        }
        period_offset += gap;
        Seconds t = calendar.next_open(arrival_cursor);
        t = calendar.add_working_time(t, gap);
        arrival_cursor = t;
        push(t, ev_citizen_arrival, arrived, 0, 0);
    }
    // A gap in office seconds. Far beyond one period only its place within a period
    // matters: a whole number of periods later is the same place in a later replication
    // (exact: fmod is, and a double that large is a whole number). Never overflows.
    Seconds arrival_gap(double g) const {
        if (g < 4503599627370496.0) return round_seconds(g);  // 2^52: below, as it always was
        if (!(g <= 1.7976931348623157e308)) return period_open;  // ∞ or NaN: one period on
        return period_open + static_cast<Seconds>(std::fmod(g, static_cast<double>(period_open)));
    }

    // The replication under way has ended (its citizens finished or stuck): the next one
    // starts at the scenario's start with everything but the citizens' numbers and the
    // run's totals as new, and its background keyed by its number.
    void next_replication() {
        close_period();
        replication++;
        for (EventHeap* h : {&arrivals, &soon, &later}) { h->v.clear(); h->taken = false; }
        now = start;
        for (std::size_t d = 0; d < dept.size(); ++d) {
            DeptState& ds = dept[d];
            ds.queue.clear();
            ds.closing.clear();
            ds.busy = 0;
            ds.background_count = 0;
            ds.tickets = 0;
            ds.close_scheduled = INT64_MIN;
            ds.close_day_start = 0;
            ds.open_now = OpenSpan{};
            ds.open_arrivals = OpenSpan{};
            ds.background_gaps = DrawBatch{};
            ds.background_services = DrawBatch{};
            ds.reopen_scheduled = false;
            ds.key = mix64(ds.id_key ^ mix64(replication));
            schedule_background(static_cast<std::int32_t>(d), start);
        }
        replication_due = false;
        period_offset = carry;
        arrival_cursor = calendar.add_working_time(calendar.next_open(start), carry);
        push(arrival_cursor, ev_citizen_arrival, arrived, 0, 0);
        work += kEventWork + static_cast<std::int64_t>(dept.size());
    }
    // Adds the replication's office time (up to its last event) to each desk's open time.
    void close_period() {
        for (auto& ds : dept) {
            const Seconds open = ds.calendar.mode() == CalendarMode::always_open
                                     ? now - start
                                     : ds.calendar.working_time_between(start, now);
            ds.stats.open_window_seconds += static_cast<double>(open) * ds.windows;
        }
    }

    void add_citizen_time(Citizen& c, Seconds s) {
        if (c.visit_agent) c.m.agent_seconds += s; else c.m.citizen_seconds += s;
    }

    bool dependency_met(const Citizen& c, std::int32_t s) const {
        const StepStatus st = c.step[static_cast<std::size_t>(s)].status;
        if (st == st_done || st == st_skipped) return true;
        return (st == st_accepted || st == st_owing) && !steps[static_cast<std::size_t>(s)].blocks;
    }
    bool ready(const Citizen& c, std::int32_t s) const {
        if (c.step[static_cast<std::size_t>(s)].status != st_pending) return false;
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        if (cs.branch >= 0 && c.branch_choice[static_cast<std::size_t>(cs.branch)] < 0) return false;
        for (auto a : cs.after) if (!dependency_met(c, a)) return false;
        return true;
    }
    // Done when every step is complete — a step under 边建设边办理 (not blocking its
    // successors) counts once accepted: the citizen's goal no longer waits for it.
    bool all_complete(const Citizen& c) const {
        for (std::size_t s = 0; s < steps.size(); ++s) {
            const StepStatus st = c.step[s].status;
            if (st == st_done || st == st_skipped) continue;
            if ((st == st_accepted || st == st_owing) && !steps[s].blocks) continue;
            return false;
        }
        return true;
    }
    // Material m still has to be handed over for a step (not already shared).
    bool must_hand(const Citizen& c, std::int32_t m) const {
        return !(material_shared[static_cast<std::size_t>(m)] && c.submitted[static_cast<std::size_t>(m)]);
    }
    // The citizen knows m is needed: the guide lists it, or a clerk has named it.
    bool knows(const Citizen& c, std::int32_t m) const {
        return !any_unguided || c.known[static_cast<std::size_t>(m)];
    }
    // As far as the citizen knows, they hold every essential paper s needs.
    bool can_satisfy(const Citizen& c, std::int32_t s) const {
        for (auto m : steps[static_cast<std::size_t>(s)].needs)
            if (must_hand(c, m) && material_essential[static_cast<std::size_t>(m)] && !c.held[static_cast<std::size_t>(m)] &&
                knows(c, m))
                return false;
        return true;
    }
    bool online_possible(std::int32_t s) const { return steps[static_cast<std::size_t>(s)].online; }

    // ---- 容缺受理: materials accepted as missing are supplied later (补交).
    bool owes(const Citizen& c, std::int32_t s) const {
        for (const auto& o : c.owed) if (o.first == s) return true;
        return false;
    }
    // Supplied without a trip when the step's department has an online channel (or the
    // step could go online); otherwise at a visit to the step's desk.
    bool supply_online(std::int32_t s) const { return steps[static_cast<std::size_t>(s)].supply_online; }
    // The citizen now holds every material still owed for s and must take them in person.
    bool can_supply(const Citizen& c, std::int32_t s) const {
        if (!owes(c, s) || supply_online(s)) return false;
        for (const auto& o : c.owed)
            if (o.first == s && !c.held[static_cast<std::size_t>(o.second)]) return false;
        return true;
    }
    void submit(Citizen& c, std::int32_t m) {
        c.m.submissions++;
        if (c.submitted[static_cast<std::size_t>(m)]) c.m.repeat_submissions++;
        c.submitted[static_cast<std::size_t>(m)] = yes;
    }
    // Owed materials that need no visit: shared data submitted meanwhile for another
    // step, or held now with an online channel. Completes steps no longer owing.
    bool supply_owed(Citizen& c) {
        bool any = false;
        for (std::size_t i = 0; i < c.owed.size();) {
            const auto [s, m] = c.owed[i];
            const bool by_data = !must_hand(c, m);
            if (!by_data && !(supply_online(s) && c.held[static_cast<std::size_t>(m)])) { ++i; continue; }
            if (!by_data) {
                submit(c, m);
                log(c, Activity::handover, s, steps[static_cast<std::size_t>(s)].dept, 1,
                    "补交 " + materials[static_cast<std::size_t>(m)].id);
            }
            c.owed.erase(c.owed.begin() + static_cast<std::ptrdiff_t>(i));
            any = true;
        }
        if (any) complete_supplied(c);
        return any;
    }
    void complete_supplied(Citizen& c) {
        work += static_cast<std::int64_t>(steps.size());
        for (std::size_t s = 0; s < steps.size(); ++s)
            if (c.step[s].status == st_owing && !owes(c, static_cast<std::int32_t>(s)))
                complete_step(c, static_cast<std::int32_t>(s));
    }
    // A 补交 visit at the window: the clerk takes the owed materials handed over.
    void supply_in_person(Citizen& c, std::int32_t s, const std::vector<Flag>& handed) {
        std::int32_t count = 0;
        for (std::size_t i = 0; i < c.owed.size();) {
            const auto [os, m] = c.owed[i];
            const auto mi = static_cast<std::size_t>(m);
            if (os != s || !handed[mi] || !c.held[mi]) { ++i; continue; }
            submit(c, m);
            count++;
            c.owed.erase(c.owed.begin() + static_cast<std::ptrdiff_t>(i));
        }
        log(c, Activity::handover, s, c.visit_dept, count, "补交");
        complete_supplied(c);
    }

    // Starts steps that need no citizen, decides branches; repeats until nothing changes.
    // Returns false when a branch decision paused the engine.
    bool settle(Citizen& c) {
        // Nothing can change for a citizen who owes nothing in a model without branches or
        // back-office steps: one test, inlined, in place of a call (in wasm a call spills
        // every live register: V8 keeps none across it).
        if (c.owed.empty() && branches.empty() && back_office_steps.empty()) return true;
        return settle_steps(c);
    }
    [[gnu::noinline]] bool settle_steps(Citizen& c) {
        bool changed = true;
        while (changed) {
            work += static_cast<std::int64_t>(branches.size() + back_office_steps.size() + c.owed.size());
            changed = !c.owed.empty() && supply_owed(c);
            for (std::size_t b = 0; b < branches.size(); ++b) {
                if (c.branch_choice[b] >= 0) continue;
                bool ok = true;
                for (auto a : branches[b].after) ok = ok && c.step[static_cast<std::size_t>(a)].status == st_done;
                if (!ok) continue;
                if (branches[b].src->chooser == Chooser::citizen && opt.interactive) {
                    Decision d;
                    d.kind = DecisionKind::branch;
                    d.branch = static_cast<std::int32_t>(b);
                    for (const auto& o : branches[b].src->options) d.options.push_back(o.id);
                    pause(c, d);
                    return false;
                }
                const double u = uniform(Purpose::branch, static_cast<std::uint64_t>(c.id), branches[b].key, 0);
                double acc = 0;
                std::size_t pick = branches[b].option_steps.size() - 1;
                for (std::size_t o = 0; o < branches[b].src->options.size(); ++o) {
                    acc += branches[b].src->options[o].probability;
                    if (u < acc) { pick = o; break; }
                }
                take_branch(c, b, pick);
                changed = true;
            }
            for (auto s : back_office_steps) {
                if (!ready(c, s)) continue;
                start_back_office_step(c, s);
                changed = true;
            }
        }
        return true;
    }

    void take_branch(Citizen& c, std::size_t b, std::size_t option) {
        c.branch_choice[b] = static_cast<std::int8_t>(option);
        log(c, Activity::branch_decided, -1, -1, static_cast<std::int32_t>(option),
            branches[b].src->options[option].id);
        for (std::size_t o = 0; o < branches[b].option_steps.size(); ++o) {
            if (o == option) continue;
            for (auto s : branches[b].option_steps[o]) {
                c.step[static_cast<std::size_t>(s)].status = st_skipped;
                log(c, Activity::step_skipped, s);
            }
        }
    }

    // review / mail / inspection: the department works, the citizen waits at home.
    void start_back_office_step(Citizen& c, std::int32_t s) {
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        const Calendar& cal = cs.dept >= 0 ? dept[static_cast<std::size_t>(cs.dept)].calendar : calendar;
        c.step[static_cast<std::size_t>(s)].status = st_accepted;
        c.step[static_cast<std::size_t>(s)].accepted_at = now;
        c.reviews++;
        log(c, Activity::review_start, s, cs.dept);
        Seconds end = review_end(cal, now, cs.src->review,
                                 draw(cs.src->review, Purpose::review, static_cast<std::uint64_t>(c.id), cs.key, 0, cs.review_sums));
        if (cs.src->kind == StepKind::inspection) {
            const Seconds visit = wall_seconds(cs.src->service,
                                               draw(cs.src->service, Purpose::service, static_cast<std::uint64_t>(c.id), cs.key, 0, cs.service_sums));
            end = cal.next_open(end) + visit;
            c.m.citizen_seconds += visit;  // the citizen receives the inspectors on site
        }
        c.m.fees_yuan += cs.src->fee_yuan;
        c.step[static_cast<std::size_t>(s)].review_due = end;
        push(end, ev_review_done, slot_of(c), s, static_cast<std::uint32_t>(c.id));
    }

    void complete_step(Citizen& c, std::int32_t s) {
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        c.visit_at_home = false;  // the options have changed: tomorrow's visit is chosen anew
        if (c.step[static_cast<std::size_t>(s)].status == st_accepted) c.reviews--;
        c.step[static_cast<std::size_t>(s)].status = st_done;
        // Judged when the department's work ended: time the citizen took to supply an
        // owed material (容缺) is not the department's.
        if (cs.src->legal_limit_days > 0) {
            const Calendar& cal = cs.dept >= 0 ? dept[static_cast<std::size_t>(cs.dept)].calendar : calendar;
            if (c.step[static_cast<std::size_t>(s)].review_due >
                cal.add_working_days(c.step[static_cast<std::size_t>(s)].accepted_at, cs.src->legal_limit_days))
                c.m.legal_limits_met = false;
        }
        log(c, Activity::step_complete, s, cs.dept);
        for (auto m : cs.produces) {
            if (!c.held[static_cast<std::size_t>(m)]) log(c, Activity::material_received, s, cs.dept, m, materials[static_cast<std::size_t>(m)].id);
            c.held[static_cast<std::size_t>(m)] = yes;
        }
    }

    // The department's work on s is done: complete it, or wait for what the citizen owes.
    void review_finished(Citizen& c, std::int32_t s) {
        c.step[static_cast<std::size_t>(s)].review_due = now;
        if (!owes(c, s)) { complete_step(c, s); return; }
        c.visit_at_home = false;
        c.step[static_cast<std::size_t>(s)].status = st_owing;
        c.reviews--;
    }

    // The citizen is free (at home or at a hall): what next?
    void advance(Citizen& c) {
        if (has_pending) return;
        if (!settle(c)) return;
        work += static_cast<std::int64_t>(steps.size() + citizen_steps.size());  // all_complete, the options
        if (all_complete(c)) { finish(c); return; }
        std::vector<std::int32_t>& options = scratch_options;
        options.clear();
        for (auto s : citizen_steps)
            if (ready(c, s) || can_supply(c, s)) options.push_back(s);
        if (options.empty()) {
            if (c.reviews > 0) { wait_for_review(c); return; }
            if (!c.owed.empty()) {
                const Material& m = materials[static_cast<std::size_t>(c.owed.front().second)];
                stuck(c, "a material accepted as missing can never be supplied: " + m.id +
                             " / 容缺受理的材料《" + m.name + "》始终无法补交");
                return;
            }
            stuck(c, "no step can run: dependencies or branch never satisfied / "
                     "没有可以办理的环节：前置环节或分支条件始终不满足");
            return;
        }
        if (opt.interactive) {
            Decision d;
            d.kind = DecisionKind::next_step;
            for (auto s : options) d.options.push_back(steps[static_cast<std::size_t>(s)].src->id);
            if (c.reviews > 0) d.options.push_back(word(Option::wait));
            if (c.place != 0) d.options.push_back(word(Option::home));
            pause(c, d);
            return;
        }
        const std::int32_t pick = default_pick(c, options);
        if (pick < 0) {
            if (c.reviews > 0) { wait_for_review(c); return; }
            const Material* missing = nullptr;
            for (auto m : steps[static_cast<std::size_t>(options.front())].needs)
                if (!c.held[static_cast<std::size_t>(m)]) missing = &materials[static_cast<std::size_t>(m)];
            stuck(c, "material never obtainable: " + (missing ? missing->id : std::string()) + " / 所需材料《" +
                         (missing ? missing->name : std::string()) + "》无法取得");
            return;
        }
        begin_step(c, pick, online_possible(pick));
    }

    // ------------------------------------------------------------ [SECTION] decisions
    // Default policy: a step whose materials are in hand; at a hall, one at this
    // hall first; then online (no trip); else the first in declared order. -1: none.
    std::int32_t default_pick(const Citizen& c, const std::vector<std::int32_t>& options) const {
        std::int32_t first_online = -1, first = -1;
        for (auto s : options) {
            if (!can_satisfy(c, s)) continue;
            const CStep& cs = steps[static_cast<std::size_t>(s)];
            if (c.place != 0 && cs.place == c.place && !cs.online) return s;
            if (cs.online && first_online < 0) first_online = s;
            if (first < 0) first = s;
        }
        return first_online >= 0 ? first_online : first;
    }

    // What the default (Monte Carlo) citizen would answer to the pending decision.
    Choice suggestion() const {
        Choice ch;
        if (!has_pending) return ch;
        ch.kind = pending.kind;
        const Citizen& c = citizens[static_cast<std::size_t>(pending_slot)];
        switch (pending.kind) {
        case DecisionKind::next_step: {
            std::vector<std::int32_t> options;
            for (const auto& id : pending.options)
                if (auto s = step_index(id); s >= 0) options.push_back(s);
            const std::int32_t pick = default_pick(c, options);
            ch.value = pick >= 0 ? steps[static_cast<std::size_t>(pick)].src->id
                                 : (c.reviews > 0 ? std::string(word(Option::wait)) : pending.options.front());
            break;
        }
        case DecisionKind::channel: ch.value = word(Option::online); break;
        case DecisionKind::branch: {
            const CBranch& b = branches[static_cast<std::size_t>(pending.branch)];
            const double u = uniform(Purpose::branch, static_cast<std::uint64_t>(c.id), b.key, 0);
            double acc = 0;
            ch.value = pending.options.back();
            for (std::size_t o = 0; o < b.src->options.size(); ++o) {
                acc += b.src->options[o].probability;
                if (u < acc) { ch.value = pending.options[o]; break; }
            }
            break;
        }
        case DecisionKind::handover:  // every paper held that the citizen knows is needed
            for (const auto& id : pending.options)
                if (knows(c, material_index(id))) ch.materials.push_back(id);
            break;
        }
        return ch;
    }

    // Nothing to do but wait for the back office: in the hall if a result is due
    // within kHallWait today ("稍等，马上出证"), otherwise at home.
    void wait_for_review(Citizen& c) {
        if (c.place == 0) { c.phase = Phase::home; return; }
        Seconds due = INT64_MAX;
        work += static_cast<std::int64_t>(steps.size());
        for (std::size_t s = 0; s < steps.size(); ++s)
            if (c.step[s].status == st_accepted) due = std::min(due, c.step[s].review_due);
        if (due - now <= kHallWait && day_of(due) == day_of(now)) {
            c.phase = Phase::at_hall;
            c.hall_since = now;
            return;
        }
        go_home(c);
    }

    void pause(Citizen& c, Decision d) {
        d.time = now;
        pending = std::move(d);
        has_pending = true;
        pending_slot = slot_of(c);
    }

    // Chosen step s, in person or online: collect the visit and go.
    void begin_step(Citizen& c, std::int32_t s, bool online) {
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        c.visit.clear();
        c.visit.push_back(s);
        c.visit_online = online;
        c.visit_at_home = !opt.interactive && c.place == 0;
        work += static_cast<std::int64_t>(citizen_steps.size());
        for (auto oi : citizen_steps) {  // same desk, same channel: one visit
            const CStep& o = steps[static_cast<std::size_t>(oi)];
            if (oi == s || !(ready(c, oi) || can_supply(c, oi)) || o.reception != cs.reception) continue;
            const StepKind k = o.src->kind;
            const bool o_online = k == StepKind::online || (o.src->online_allowed && online && online_possible(oi));
            if (o_online != online) continue;
            if ((!opt.interactive || opt.visit_needs_papers) && !can_satisfy(c, oi)) continue;
            c.visit.push_back(oi);
        }
        c.visit_agent = !online;
        for (auto v : c.visit) c.visit_agent = c.visit_agent && steps[static_cast<std::size_t>(v)].src->agent;
        c.visit_dept = cs.reception;
        if (online) {
            Seconds fill = 0;
            work += kDrawWork * static_cast<std::int64_t>(c.visit.size());
            for (auto v : c.visit)
                fill += wall_seconds(steps[static_cast<std::size_t>(v)].src->service,
                                     draw(steps[static_cast<std::size_t>(v)].src->service, Purpose::service,
                                          static_cast<std::uint64_t>(c.id), steps[static_cast<std::size_t>(v)].key,
                                          static_cast<std::uint64_t>(c.step[static_cast<std::size_t>(v)].attempts),
                                          steps[static_cast<std::size_t>(v)].service_sums));
            c.m.citizen_seconds += fill;
            c.phase = Phase::filling_online;
            c.gen++;
            push(now + std::max<Seconds>(fill, 1), ev_citizen_wake, slot_of(c), wake_online_done, c.gen);
            return;
        }
        travel_to(c, cs.place);
    }

    void travel_to(Citizen& c, std::int32_t place) {
        const DeptState& ds = dept[static_cast<std::size_t>(c.visit_dept)];
        const Seconds travel = travel_seconds[static_cast<std::size_t>(place)];
        if (c.place == 0) {
            // Leave so as to arrive when the desk is open with time to be served.
            Seconds leave = std::max(now, c.not_before - travel);
            Seconds arrive = leave + travel;
            Seconds open = ds.calendar.next_open(arrive);
            // Too late today: the next working day from its opening. Every working day has
            // the same hours, so if even a whole one is shorter, the citizen goes anyway.
            if (ds.calendar.mode() != CalendarMode::always_open &&
                ds.calendar.close_of_day(day_of(open)) - open < kMinUsefulOfficeTime)
                open = ds.calendar.next_open(ds.calendar.close_of_day(day_of(open)));
            if (open > arrive) leave = open - travel;
            c.phase = Phase::waiting_to_leave;
            c.gen++;
            if (leave == now) leave_home(c);  // no event for a move that takes no time
            else push(leave, ev_citizen_wake, slot_of(c), wake_leave, c.gen);
            return;
        }
        // From one hall to another: no new trip — unless the desk is closed by then,
        // in which case the citizen goes home and sets out another day.
        const Seconds hop = place == c.place ? 0 : travel;
        if (ds.calendar.mode() != CalendarMode::always_open) {
            const Seconds arrive = now + hop;
            const Seconds open = ds.calendar.next_open(arrive);  // may wait out the lunch break
            if (day_of(open) != day_of(arrive) ||
                ds.calendar.close_of_day(day_of(open)) - open < kMinUsefulOfficeTime) {
                // The way home is the citizen's own: the visit chosen (perhaps an agent's)
                // has not started, it sets out from home another day.
                c.visit.clear();
                c.visit_agent = false;
                go_home(c);
                return;
            }
        }
        add_citizen_time(c, hop);
        c.phase = Phase::travelling_to_hall;
        c.gen++;
        c.place = -place - 1;  // on the way
        if (hop == 0) arrive_hall(c);
        else push(now + hop, ev_citizen_wake, slot_of(c), wake_arrive_hall, c.gen);
    }

    void leave_home(Citizen& c) {
        const std::int32_t place = steps[static_cast<std::size_t>(c.visit.front())].place;
        const Seconds travel = travel_seconds[static_cast<std::size_t>(place)];
        if (!c.visit_agent) c.m.trips++;
        add_citizen_time(c, travel);
        log(c, Activity::leave_home, c.visit.front(), c.visit_dept, c.m.trips);
        c.phase = Phase::travelling_to_hall;
        c.place = -place - 1;
        c.gen++;
        if (travel == 0) arrive_hall(c);
        else push(now + travel, ev_citizen_wake, slot_of(c), wake_arrive_hall, c.gen);
    }

    void arrive_hall(Citizen& c) {
        c.place = -c.place - 1;
        log(c, Activity::arrive_hall, c.visit.front(), c.visit_dept);
        c.phase = Phase::in_queue;
        c.queue_joined = now;
        DeptState& ds = dept[static_cast<std::size_t>(c.visit_dept)];
        c.ticket = ds.tickets + 1;
        // Drawn now, not when a clerk calls: the same value (the visit cannot change while
        // queued), but its long chain of arithmetic overlaps the wait instead of stalling
        // the call, whose successor event's place in the heap depends on it. A visit kept
        // from yesterday (day_close) keeps its service: the same draws.
        if (!c.visit_kept) c.visit_service = visit_service_time(c);
        c.visit_kept = false;
        log(c, Activity::join_queue, c.visit.front(), c.visit_dept, static_cast<std::int32_t>(ds.queue.size()));
        join_queue(c.visit_dept, slot_of(c), c.gen);
    }

    // Called by the queue when a clerk calls the citizen: returns the service time.
    Seconds start_window_service(Citizen& c, Seconds wait) {
        add_citizen_time(c, wait);
        c.phase = Phase::at_window;
        log(c, Activity::service_start, c.visit.front(), c.visit_dept, c.ticket);
        add_citizen_time(c, c.visit_service);
        return c.visit_service;
    }
    Seconds visit_service_time(Citizen& c) {
        Seconds service = 0;
        work += kDrawWork * static_cast<std::int64_t>(c.visit.size());
        for (auto v : c.visit) {
            // A 补交 visit is served like the step again, with a draw of its own.
            const std::uint64_t attempt = static_cast<std::uint64_t>(c.step[static_cast<std::size_t>(v)].attempts) +
                                          (c.step[static_cast<std::size_t>(v)].status == st_pending ? 0 : kSupplyDraw);
            service += attempt == 0 ? first_service_time(v, c.id) : service_draw(v, c.id, attempt);
        }
        return service;
    }
    Seconds service_draw(std::int32_t s, std::int32_t citizen, std::uint64_t attempt) const {
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        return wall_seconds(cs.src->service, draw(cs.src->service, Purpose::service,
                                                  static_cast<std::uint64_t>(citizen), cs.key, attempt, cs.service_sums));
    }
    // Citizens come to a step roughly in the order they arrived: drawn for the next ones too.
    Seconds first_service_time(std::int32_t s, std::int32_t citizen) {
        DrawBatch& b = first_services[static_cast<std::size_t>(s)];
        const auto n = static_cast<std::uint64_t>(citizen);
        if (b.has(n)) return b.at(n);
        if (n < b.from) return service_draw(s, citizen, 0);  // a latecomer: the batch stays
        b.fill(n, static_cast<std::uint64_t>(std::max(1, opt.citizens - citizen)),
               [&](std::uint64_t k) { return service_draw(s, static_cast<std::int32_t>(k), 0); });
        return b.at(n);
    }

    // At the window (or the online form is filled in): hand over materials.
    void hand_over(Citizen& c) {
        if (opt.interactive && !c.visit_agent) {
            Decision d;
            d.kind = DecisionKind::handover;
            d.step = c.visit.front();
            for (std::size_t m = 0; m < materials.size(); ++m)
                if (c.held[m]) d.options.push_back(materials[m].id);
            auto need = [&](std::int32_t m) {
                if (!knows(c, m)) return;  // not in the guide, not yet named by a clerk
                const std::string& id = materials[static_cast<std::size_t>(m)].id;
                if (std::find(d.needed.begin(), d.needed.end(), id) == d.needed.end()) d.needed.push_back(id);
            };
            for (auto v : c.visit) {
                if (c.step[static_cast<std::size_t>(v)].status != st_pending) {  // 补交: what is owed
                    for (const auto& o : c.owed) if (o.first == v) need(o.second);
                    continue;
                }
                for (auto m : steps[static_cast<std::size_t>(v)].needs)
                    if (must_hand(c, m)) need(m);
            }
            pause(c, d);
            return;
        }
        copy_into(scratch_handed, c.held);  // default: everything held that is known to be needed
        if (any_unguided)
            for (std::size_t m = 0; m < materials.size(); ++m) scratch_handed[m] = c.known[m] ? scratch_handed[m] : no;
        examine(c, scratch_handed);
    }

    // The clerk examines the visit's steps against the materials handed over.
    void examine(Citizen& c, const std::vector<Flag>& handed) {
        if (c.visit_dept >= 0 && c.dept_seen_by[static_cast<std::size_t>(c.visit_dept)] != c.id) {
            c.dept_seen_by[static_cast<std::size_t>(c.visit_dept)] = c.id;
            c.m.departments++;
        }
        if (!c.visit_online) c.m.window_visits++;
        bool any_rejected = false;
        for (auto v : c.visit) {
            if (c.step[static_cast<std::size_t>(v)].status != st_pending) { supply_in_person(c, v, handed); continue; }
            const CStep& cs = steps[static_cast<std::size_t>(v)];
            work += 1 + static_cast<std::int64_t>(cs.needs.size());
            auto& attempts = c.step[static_cast<std::size_t>(v)].attempts;
            attempts++;
            // The essential materials not handed over (one without a name is not named).
            std::vector<std::int32_t>& missing = scratch_missing;
            missing.clear();
            std::int32_t handed_count = 0;
            for (auto m : cs.needs) {
                const auto mi = static_cast<std::size_t>(m);
                if (!must_hand(c, m)) continue;
                if (handed[mi] && c.held[mi]) {
                    handed_count++;
                    submit(c, m);
                } else if (material_essential[mi] && !materials[mi].name.empty()) {
                    missing.push_back(m);
                }
            }
            log(c, Activity::handover, v, c.visit_dept, handed_count);
            if (!missing.empty() || (cs.src->rework_probability > 0 &&
                            uniform(Purpose::rework, static_cast<std::uint64_t>(c.id), cs.key,
                                    static_cast<std::uint64_t>(attempts)) < cs.src->rework_probability)) {
                any_rejected = true;
                if (!reject(c, v, missing)) return;  // stuck
                continue;
            }
            log(c, c.visit_online ? Activity::online_submit : Activity::accepted, v, c.visit_dept);
            // 容缺受理: a non-essential material not handed over is owed (supplied later).
            for (auto m : cs.needs) {
                const auto mi = static_cast<std::size_t>(m);
                if (must_hand(c, m) && !material_essential[mi] && !(handed[mi] && c.held[mi])) {
                    c.owed.emplace_back(v, m);
                    if (any_unguided) c.known[mi] = yes;  // the clerk says what to supply
                }
            }
            accept(c, v);
        }
        // 补正 takes until the next working day.
        if (any_rejected) c.not_before = std::max(c.not_before, next_working_day_start(now));
        c.visit.clear();
        c.visit_agent = false;
        if (c.place == 0) { c.phase = Phase::home; advance(c); return; }
        c.phase = Phase::at_hall;
        c.hall_since = now;
        if (any_rejected) { go_home(c); return; }
        advance(c);
    }

    // 补正: the clerk hands the visit's step s back, for the materials missing (or, without
    // any, for the step's rework reason): the first of them only, or — 一次性告知
    // (tells_all_missing) — all of them. The citizen now knows of those named. False when
    // that was once too often: stuck. Out of line, so the strings cost nothing on the way
    // of an acceptance.
    [[gnu::noinline]] bool reject(Citizen& c, std::int32_t s, const std::vector<std::int32_t>& missing) {
        const Step& st = *steps[static_cast<std::size_t>(s)].src;
        const std::int16_t attempts = c.step[static_cast<std::size_t>(s)].attempts;
        std::string reason;
        if (!missing.empty()) {
            const std::size_t named = st.tells_all_missing ? missing.size() : 1;
            reason = "缺少";
            for (std::size_t i = 0; i < named; ++i) {
                const auto mi = static_cast<std::size_t>(missing[i]);
                reason += "《" + materials[mi].name + "》";
                if (any_unguided) c.known[mi] = yes;
            }
            reason += st.tells_all_missing ? "，请一次补齐后再来" : "，请补正后再来";
        } else {
            reason = st.rework_reason.empty() ? std::string("材料不符合要求，请按要求补正后再来") : st.rework_reason;
        }
        c.m.rejections++;
        log(c, Activity::rejected, s, c.visit_dept, attempts, reason);
        if (attempts < kMaxAttempts) return true;
        stuck(c, "rejected " + std::to_string(kMaxAttempts) + " times: " + st.id + " / 「" + st.name + "」已被退回 " +
                     std::to_string(kMaxAttempts) + " 次，仍未受理");
        return false;
    }

    void accept(Citizen& c, std::int32_t s) {
        const CStep& cs = steps[static_cast<std::size_t>(s)];
        c.step[static_cast<std::size_t>(s)].status = st_accepted;
        c.step[static_cast<std::size_t>(s)].accepted_at = now;
        c.reviews++;
        c.m.fees_yuan += cs.src->fee_yuan;
        const Calendar& cal = cs.dept >= 0 ? dept[static_cast<std::size_t>(cs.dept)].calendar : calendar;
        const Seconds end = review_end(cal, now, cs.src->review,
                                       draw(cs.src->review, Purpose::review, static_cast<std::uint64_t>(c.id), cs.key, 0, cs.review_sums));
        if (end <= now) { review_finished(c, s); return; }
        log(c, Activity::review_start, s, cs.dept);
        c.step[static_cast<std::size_t>(s)].review_due = end;
        push(end, ev_review_done, slot_of(c), s, static_cast<std::uint32_t>(c.id));
    }

    void go_home(Citizen& c) {
        if (c.place == 0) { c.phase = Phase::home; return; }
        const Seconds travel = travel_seconds[static_cast<std::size_t>(c.place)];
        add_citizen_time(c, travel);
        log(c, Activity::go_home, -1, -1, 0);
        c.phase = Phase::travelling_home;
        c.place = -1 - 0;  // on the way home
        c.gen++;
        push(now + travel, ev_citizen_wake, slot_of(c), wake_arrive_home, c.gen);
    }

    void finish(Citizen& c) {
        c.m.finish = now;
        c.m.working_days = calendar.working_days_between(c.m.start, now);
        if (calendar.mode() == CalendarMode::working_days &&
            (!calendar.covers(day_of(now)) || !calendar.covers(day_of(c.m.start))))
            uncovered_dates = true;
        log(c, Activity::case_finish, -1, -1, c.m.trips);
        c.phase = Phase::done;
        cases.push_back(c.m);
        retire(c);
    }

    void stuck(Citizen& c, const std::string& why) {
        log(c, Activity::case_stuck, -1, -1, 0, why);
        stuck_reasons.push_back("citizen " + std::to_string(c.id) + ": " + why);
        stuck_count++;
        c.phase = Phase::done;
        retire(c);
    }

    void retire(Citizen& c) {
        c.active = false;
        c.gen++;
        active--;
        if (!opt.interactive) free_slots.push_back(slot_of(c));
    }

    // ------------------------------------------------------------ [SECTION] event dispatch
    void dispatch(const Event& e) {
        switch (e.type) {
        case ev_citizen_arrival: {
            Citizen& c = new_citizen(e.a);
            arrived++;
            simulated++;
            log(c, Activity::case_start);
            if (!opt.interactive) schedule_next_arrival();
            advance(c);
            break;
        }
        case ev_background_arrival:
            join_queue(e.a, -1, e.c);
            schedule_background(e.a, now);
            break;
        case ev_service_done: {
            DeptState& ds = dept[static_cast<std::size_t>(e.a)];
            ds.busy--;
            if (e.b >= 0) {
                Citizen& c = citizens[static_cast<std::size_t>(e.b)];
                if (c.active && c.gen == e.c) hand_over(c);
            }
            try_serve(e.a);
            break;
        }
        case ev_reopen:
            dept[static_cast<std::size_t>(e.a)].reopen_scheduled = false;
            try_serve(e.a);
            break;
        case ev_day_close: day_close(e.a); break;
        case ev_review_done: {
            Citizen& c = citizens[static_cast<std::size_t>(e.a)];
            if (!c.active || static_cast<std::uint32_t>(c.id) != e.c) break;
            review_finished(c, e.b);
            if (c.phase == Phase::at_hall && !has_pending) {
                add_citizen_time(c, now - c.hall_since);
                c.hall_since = now;
                advance(c);
            } else if (c.phase == Phase::home) advance(c);
            else if (c.phase != Phase::paused) settle_quietly(c);
            break;
        }
        case ev_citizen_wake: {
            Citizen& c = citizens[static_cast<std::size_t>(e.a)];
            if (!c.active || c.gen != e.c) break;
            switch (e.b) {
            case wake_leave: leave_home(c); break;
            case wake_arrive_hall: arrive_hall(c); break;
            case wake_arrive_home:
                c.place = 0;
                c.phase = Phase::home;
                log(c, Activity::arrive_home);
                if (c.visit_kept) travel_to(c, steps[static_cast<std::size_t>(c.visit.front())].place);
                else advance(c);
                break;
            case wake_online_done: hand_over(c); break;
            }
            break;
        }
        }
    }

    // A review finished while the citizen is busy: start what no longer waits for them.
    void settle_quietly(Citizen& c) {
        if (c.phase == Phase::waiting_to_leave) {  // plans may change: think again
            c.gen++;
            c.phase = Phase::home;
            advance(c);
            return;
        }
        settle(c);
    }

    Engine::Status run(std::int64_t max_events, Seconds until) {
        std::int64_t n = 0;
        while (!finished) {
            arrivals.drop_taken();
            soon.drop_taken();
            later.drop_taken();
            if (has_pending) return Status::decision;
            if (replication_due && active == 0) next_replication();
            if (is_done()) { end_run(); break; }
            EventHeap* h = next_heap();
            if (!h) { end_run(); break; }
            if (work >= work_budget) { cut_short(); break; }
            if (n >= max_events) return Status::running;
            const Event e = h->top();
            if (e.time > until) { now = std::max(now, until); return Status::running; }
            h->taken = true;  // popped by the first push into it during dispatch, or drop_taken
            now = e.time;
            if (now - start > kHorizon) {
                for (auto& c : citizens) if (c.active) stuck(c, "beyond the 20-year horizon / 模拟满 20 年仍未办结");
                if (replication_due) continue;  // the next replication's citizens still come
                end_run();
                break;
            }
            events++;
            work += kEventWork;
            n++;
            dispatch(e);
        }
        return has_pending ? Status::decision : Status::finished;
    }

    // The work budget is spent: whoever has not finished is stuck, and the run says so.
    void cut_short() {
        budget_spent = true;
        const std::string why = "run cut short: work budget of " + std::to_string(work_budget) +
                                " units spent / 计算量超出上限，模拟提前结束";
        for (auto& c : citizens) if (c.active) stuck(c, why);
        const std::int32_t total = opt.interactive ? 1 : opt.citizens;
        for (std::int32_t i = arrived; i < total; ++i) {
            stuck_reasons.push_back("citizen " + std::to_string(i) + ": " + why);
            stuck_count++;
        }
        arrived = total;
        end_run();
    }

    bool is_done() const {
        if (opt.interactive) return arrived == 1 && active == 0;
        return (arrived >= opt.citizens || no_arrivals) && active == 0;
    }

    void end_run() {
        if (finished) return;
        finished = true;
        last_time = now;
        if (no_arrivals) {
            const std::string why = "no office time within a year of the start: no citizen can arrive / "
                                    "开始后一年内没有办公时间，办事人无法到达";
            for (std::int32_t i = arrived; i < opt.citizens; ++i) {
                stuck_reasons.push_back("citizen " + std::to_string(i) + ": " + why);
                stuck_count++;
            }
        }
        close_period();
    }

    bool answer(const Choice& ch, std::string* zh, std::string* en) {
        auto refuse = [&](const std::string& z, const std::string& e) {
            if (zh) *zh = z;
            if (en) *en = e;
            return false;
        };
        if (!has_pending) return refuse("现在没有需要做的选择", "there is no decision to make now");
        if (ch.kind != pending.kind)
            return refuse(std::string("现在要回答的是 ") + to_string(pending.kind),
                          std::string("the pending decision is ") + to_string(pending.kind));
        Citizen& c = citizens[static_cast<std::size_t>(pending_slot)];
        const Decision d = pending;
        if (ch.kind == DecisionKind::handover) {
            std::vector<Flag> handed(materials.size(), no);
            for (const auto& id : ch.materials) {
                const auto m = material_index(id);
                if (m < 0 || !c.held[static_cast<std::size_t>(m)])
                    return refuse("手里没有这份材料：" + id, "not holding material: " + id);
                handed[static_cast<std::size_t>(m)] = yes;
            }
            has_pending = false;
            examine(c, handed);
            return true;
        }
        if (std::find(d.options.begin(), d.options.end(), ch.value) == d.options.end())
            return refuse("不是可选项：" + ch.value, "not one of the options: " + ch.value);
        has_pending = false;
        switch (ch.kind) {
        case DecisionKind::branch:
            for (std::size_t o = 0; o < d.options.size(); ++o)
                if (d.options[o] == ch.value) take_branch(c, static_cast<std::size_t>(d.branch), o);
            if (c.phase == Phase::home || c.phase == Phase::at_hall) advance(c);
            else settle(c);
            break;
        case DecisionKind::next_step: {
            const Option o = option_of(ch.value);
            if (o == Option::wait && c.place != 0) {  // in the hall if due soon, else at home
                wait_for_review(c);
                break;
            }
            if (o == Option::wait || o == Option::home) {
                if (c.place != 0) go_home(c);
                else c.phase = Phase::home;  // reviews will wake the citizen
                break;
            } else {
                const auto s = step_index(ch.value);
                if (steps[static_cast<std::size_t>(s)].src->kind != StepKind::online && online_possible(s)) {
                    Decision cd;
                    cd.kind = DecisionKind::channel;
                    cd.step = s;
                    cd.options = {word(Option::in_person), word(Option::online)};
                    pause(c, cd);
                } else {
                    begin_step(c, s, steps[static_cast<std::size_t>(s)].src->kind == StepKind::online);
                }
            }
            break;
        }
        case DecisionKind::channel: begin_step(c, d.step, option_of(ch.value) == Option::online); break;
        case DecisionKind::handover: break;
        }
        return true;
    }
};

// ---------------------------------------------------------------- [SECTION] public interface
Engine::Engine(const Scenario& scenario, const Variant& variant, const Calendar& calendar,
               EngineOptions options)
    : impl_(new Impl(scenario, variant, calendar, std::move(options))) {}
Engine::~Engine() { delete impl_; }

Engine::Status Engine::run(std::int64_t max_events, Seconds until) { return impl_->run(max_events, until); }
Engine::Status Engine::status() const {
    if (impl_->has_pending) return Status::decision;
    return impl_->finished ? Status::finished : Status::running;
}
const Decision* Engine::pending() const { return impl_->has_pending ? &impl_->pending : nullptr; }
Choice Engine::suggestion() const { return impl_->suggestion(); }
bool Engine::answer(const Choice& c, std::string* zh, std::string* en) { return impl_->answer(c, zh, en); }
Seconds Engine::now() const { return impl_->now; }
Seconds Engine::start() const { return impl_->start; }
std::int64_t Engine::events() const { return impl_->events; }
std::int32_t Engine::simulated() const { return impl_->opt.interactive ? impl_->arrived : impl_->simulated; }
std::int64_t Engine::replications() const { return impl_->opt.interactive ? 1 : static_cast<std::int64_t>(impl_->replication) + 1; }
const std::vector<CaseMeasures>& Engine::cases() const { return impl_->cases; }
std::vector<CaseMeasures> Engine::take_cases() { return std::move(impl_->cases); }
const std::vector<std::string>& Engine::stuck_reasons() const { return impl_->stuck_reasons; }
const std::vector<Department>& Engine::departments() const { return impl_->departments; }

std::vector<DepartmentStats> Engine::department_stats() const {
    std::vector<DepartmentStats> out;
    for (const auto& d : impl_->dept) out.push_back(d.stats);
    return out;
}

std::vector<std::string> Engine::warnings() const {
    std::vector<std::string> w;
    if (impl_->uncovered_dates)
        w.push_back("dates outside the holiday data: weekends only / 超出节假日数据覆盖年份，仅按周末计算");
    if (impl_->budget_spent)
        w.push_back("run cut short after " + std::to_string(impl_->events) + " events (work budget of " +
                    std::to_string(impl_->work_budget) +
                    " units spent): results cover only the citizens who finished / 计算量超出上限（" +
                    std::to_string(impl_->work_budget) + " 个单位），模拟提前结束，结果只含已办完的办事人");
    if (impl_->odd_draws > 0)
        w.push_back(std::to_string(impl_->odd_draws) +
                    " duration draws were NaN or beyond 10^10 of their unit: NaN counted as 0, the rest "
                    "capped at 2^50 s / " + std::to_string(impl_->odd_draws) +
                    " 次时长抽样为 NaN 或超过其单位的 10^10 倍：NaN 按 0 计，其余截断为 2^50 秒");
    if (impl_->odd_rates)
        w.push_back("a background rate is not a finite number: that stream (or hour) has no arrivals / "
                    "背景到达率不是有限数：该来源（或该小时）没有到达");
    if (impl_->no_arrivals)
        w.push_back("no office time within a year of the start: no citizen can arrive / "
                    "开始后一年内没有办公时间，办事人无法到达");
    return w;
}

std::int32_t Engine::queue_length(std::int32_t d) const {
    if (d < 0 || static_cast<std::size_t>(d) >= impl_->dept.size()) return 0;
    return static_cast<std::int32_t>(impl_->dept[static_cast<std::size_t>(d)].queue.size());
}

double Engine::progress() const {
    const Impl& m = *impl_;
    if (m.finished) return 1;
    const double total = m.opt.interactive ? 1 : std::max(1, m.opt.citizens);
    return static_cast<double>(m.cases.size() + m.stuck_reasons.size()) / total;
}

CitizenView Engine::citizen_view(std::int32_t citizen) const {
    const Impl& m = *impl_;
    CitizenView v;
    const Citizen* c = nullptr;
    for (const auto& x : m.citizens) if (x.id == citizen && (x.active || x.phase == Phase::done)) c = &x;
    if (!c) return v;
    v.place = c->place < 0 ? -c->place - 1 : c->place;
    v.travelling = c->phase == Phase::travelling_to_hall || c->phase == Phase::travelling_home;
    v.in_queue = c->phase == Phase::in_queue;
    v.at_window = c->phase == Phase::at_window;
    v.department = (v.in_queue || v.at_window || c->phase == Phase::at_hall) ? c->visit_dept : -1;
    v.ticket = c->ticket;
    if (v.in_queue && c->visit_dept >= 0) {
        const auto& q = m.dept[static_cast<std::size_t>(c->visit_dept)].queue;
        for (std::size_t i = 0; i < q.size(); ++i) {
            const QueueEntry& e = q[i];
            if (e.who >= 0 && m.citizens[static_cast<std::size_t>(e.who)].id == citizen) break;
            v.ahead++;
        }
    }
    for (std::size_t i = 0; i < m.materials.size(); ++i) {
        if (c->held[i]) v.held.push_back(m.materials[i].id);
        if (c->submitted[i]) v.submitted.push_back(m.materials[i].id);
    }
    for (std::size_t s = 0; s < m.steps.size(); ++s) {
        const std::string& id = m.steps[s].src->id;
        switch (c->step[s].status) {
        case st_done: v.done_steps.push_back(id); break;
        case st_skipped: v.skipped_steps.push_back(id); break;
        case st_accepted: v.in_review_steps.push_back(id); break;
        case st_owing:  // the department is done; the citizen owes a material (容缺)
            if (m.can_supply(*c, static_cast<std::int32_t>(s))) v.ready_steps.push_back(id);
            else v.in_review_steps.push_back(id);
            break;
        default:
            if (m.ready(*c, static_cast<std::int32_t>(s))) v.ready_steps.push_back(id);
        }
    }
    v.so_far = c->m;
    if (c->phase != Phase::done) {
        v.so_far.finish = m.now;
        v.so_far.working_days = m.calendar.working_days_between(c->m.start, m.now);
    }
    v.finished = c->phase == Phase::done && m.stuck_reasons.empty();
    v.stuck = c->phase == Phase::done && !m.stuck_reasons.empty();
    if (v.stuck) v.stuck_reason = m.stuck_reasons.back();
    return v;
}

RunResult result_of(const Engine& engine, const Scenario& scenario, const Variant& variant,
                    std::uint64_t seed, std::int32_t citizens) {
    RunResult r;
    r.scenario = scenario.id;
    r.variant = variant.id;
    r.citizens = citizens;
    r.seed = seed;
    r.events = engine.events();
    r.simulated = engine.simulated();
    r.warnings = engine.warnings();
    for (const auto& s : engine.stuck_reasons()) r.warnings.push_back(s);
    r.stuck = engine.stuck_reasons();
    r.cases = engine.cases();
    r.departments = engine.department_stats();
    return r;
}

RunResult run_monte_carlo(const Scenario& scenario, const Variant& variant, const Calendar& calendar,
                          const EngineOptions& options) {
    EngineOptions o = options;
    o.interactive = false;
    Engine engine(scenario, variant, calendar, o);
    engine.run();
    // Moved, not copied, so the cases kept cost 64 B per citizen, not twice that.
    std::vector<CaseMeasures> cases = engine.take_cases();
    RunResult r = result_of(engine, scenario, variant, o.seed, o.citizens);
    r.cases = std::move(cases);
    return r;
}

}  // namespace peizou
