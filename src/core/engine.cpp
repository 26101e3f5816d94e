// [SECTION] log and decision words — to_string, format_log_event
// [SECTION] compiled model          — ids resolved to indices once per run (Impl::compile)
// [SECTION] decisions               — default policy (Monte Carlo) or a pause (walkthrough)
// [SECTION] event dispatch          — events to the departments and citizens; the run loop
// [SECTION] answers                 — the walkthrough's choices
// [SECTION] public interface
//
// The engine is one translation unit: engine_impl.hpp (the compiled model, a citizen's
// state, Impl with the event queue, log and draws), engine_departments.hpp and
// engine_citizens.hpp (Impl's parts, inline), and this file.
#include "engine.hpp"

#include <algorithm>
#include <cmath>

#include "diagnostics.hpp"
#include "engine_impl.hpp"
#include "engine_departments.hpp"
#include "engine_citizens.hpp"

namespace peizou {

// ---------------------------------------------------------------- [SECTION] log and decision words

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

// ---------------------------------------------------------------- [SECTION] compiled model
inline std::int32_t Engine::Impl::dept_index(const std::string& id) const {
    for (std::size_t i = 0; i < departments.size(); ++i)
        if (departments[i].id == id) return static_cast<std::int32_t>(i);
    return -1;
}

inline std::int32_t Engine::Impl::material_index(const std::string& id) const {
    for (std::size_t i = 0; i < materials.size(); ++i)
        if (materials[i].id == id) return static_cast<std::int32_t>(i);
    return -1;
}

inline std::int32_t Engine::Impl::step_index(const std::string& id) const {
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (steps[i].src->id == id) return static_cast<std::int32_t>(i);
    return -1;
}

inline std::int32_t Engine::Impl::place_index(const std::string& id) const {
    for (std::size_t i = 0; i < places.size(); ++i)
        if (places[i].id == id) return static_cast<std::int32_t>(i);
    return 0;
}


inline void Engine::Impl::compile() {
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
        s.place = s.reception >= 0 ? dept_at(s.reception).place : 0;
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
                step_at(k).branch = static_cast<std::int32_t>(b);
            }
            cb.option_steps.push_back(ids);
        }
    }
}


// by_hour: the open time of a working day (all of it when always open) cut at every
// hour, each piece with that hour's rate.
inline void Engine::Impl::compile_rate_pieces(DeptState& ds, const Department& d) {
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

// ---------------------------------------------------------------- [SECTION] decisions
// Default policy: a step whose materials are in hand; at a hall, one at this
// hall first; then online (no trip); else the first in declared order. -1: none.
inline std::int32_t Engine::Impl::default_pick(const Citizen& c, const std::vector<std::int32_t>& options) const {
    std::int32_t first_online = -1, first = -1;
    for (auto s : options) {
        if (!can_satisfy(c, s)) continue;
        const CStep& cs = step_at(s);
        if (c.place != 0 && cs.place == c.place && !cs.online) return s;
        if (cs.online && first_online < 0) first_online = s;
        if (first < 0) first = s;
    }
    return first_online >= 0 ? first_online : first;
}


// What the default (Monte Carlo) citizen would answer to the pending decision.
inline Choice Engine::Impl::suggestion() const {
    Choice ch;
    if (!has_pending) return ch;
    ch.kind = pending.kind;
    const Citizen& c = citizen_at(pending_slot);
    switch (pending.kind) {
    case DecisionKind::next_step: {
        std::vector<std::int32_t> options;
        for (const auto& id : pending.options)
            if (auto s = step_index(id); s >= 0) options.push_back(s);
        const std::int32_t pick = default_pick(c, options);
        ch.value = pick >= 0 ? step_at(pick).src->id
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

// ---------------------------------------------------------------- [SECTION] event dispatch
inline void Engine::Impl::dispatch(const Event& e) {
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
        DeptState& ds = dept_at(e.a);
        ds.busy--;
        if (e.b >= 0) {
            Citizen& c = citizen_at(e.b);
            if (c.active && c.gen == e.c) hand_over(c);
        }
        try_serve(e.a);
        break;
    }
    case ev_reopen:
        dept_at(e.a).reopen_scheduled = false;
        try_serve(e.a);
        break;
    case ev_day_close: day_close(e.a); break;
    case ev_review_done: {
        Citizen& c = citizen_at(e.a);
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
        Citizen& c = citizen_at(e.a);
        if (!c.active || c.gen != e.c) break;
        switch (e.b) {
        case wake_leave: leave_home(c); break;
        case wake_arrive_hall: arrive_hall(c); break;
        case wake_arrive_home:
            c.travelling = false;
            c.phase = Phase::home;
            log(c, Activity::arrive_home);
            if (c.visit_kept) travel_to(c, step_at(c.visit.front()).place);
            else advance(c);
            break;
        case wake_online_done: hand_over(c); break;
        }
        break;
    }
    }
}


inline Engine::Status Engine::Impl::run(std::int64_t max_events, Seconds until) {
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
            for (auto& c : citizens) if (c.active) stuck(c, render_both(Diag::stuck_beyond_horizon));
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
inline void Engine::Impl::cut_short() {
    budget_spent = true;
    const std::string why = render_both(Diag::stuck_budget_spent, {std::to_string(work_budget)});
    for (auto& c : citizens) if (c.active) stuck(c, why);
    const std::int32_t total = opt.interactive ? 1 : opt.citizens;
    for (std::int32_t i = arrived; i < total; ++i) {
        stuck_reasons.push_back("citizen " + std::to_string(i) + ": " + why);
        stuck_count++;
    }
    arrived = total;
    end_run();
}


inline bool Engine::Impl::is_done() const {
    if (opt.interactive) return arrived == 1 && active == 0;
    return (arrived >= opt.citizens || no_arrivals) && active == 0;
}


inline void Engine::Impl::end_run() {
    if (finished) return;
    finished = true;
    last_time = now;
    if (no_arrivals) {
        const std::string why = render_both(Diag::no_office_time);
        for (std::int32_t i = arrived; i < opt.citizens; ++i) {
            stuck_reasons.push_back("citizen " + std::to_string(i) + ": " + why);
            stuck_count++;
        }
    }
    close_period();
}


// ---------------------------------------------------------------- [SECTION] answers
inline bool Engine::Impl::answer(const Choice& ch, std::string* zh, std::string* en) {
    auto refuse = [&](Diag code, std::initializer_list<DiagArg> args) {
        if (zh) *zh = render(DiagLanguage::zh, code, args);
        if (en) *en = render(DiagLanguage::en, code, args);
        return false;
    };
    if (!has_pending) return refuse(Diag::answer_no_decision, {});
    if (ch.kind != pending.kind)
        return refuse(Diag::answer_other_kind, {to_string(pending.kind)});
    Citizen& c = citizen_at(pending_slot);
    const Decision d = pending;
    if (ch.kind == DecisionKind::handover) {
        std::vector<Flag> handed(materials.size(), no);
        for (const auto& id : ch.materials) {
            const auto m = material_index(id);
            if (m < 0 || !c.held[static_cast<std::size_t>(m)])
                return refuse(Diag::answer_not_held, {id});
            handed[static_cast<std::size_t>(m)] = yes;
        }
        has_pending = false;
        examine(c, handed);
        return true;
    }
    if (std::find(d.options.begin(), d.options.end(), ch.value) == d.options.end())
        return refuse(Diag::answer_not_an_option, {ch.value});
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
            if (step_at(s).src->kind != StepKind::online && online_possible(s)) {
                Decision cd;
                cd.kind = DecisionKind::channel;
                cd.step = s;
                cd.options = {word(Option::in_person), word(Option::online)};
                pause(c, cd);
            } else {
                begin_step(c, s, step_at(s).src->kind == StepKind::online);
            }
        }
        break;
    }
    case DecisionKind::channel: begin_step(c, d.step, option_of(ch.value) == Option::online); break;
    case DecisionKind::handover: break;
    }
    return true;
}


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
    if (impl_->uncovered_dates) w.push_back(render_both(Diag::warn_dates_uncovered));
    if (impl_->budget_spent)
        w.push_back(render_both(Diag::warn_budget_spent,
                                {std::to_string(impl_->events), std::to_string(impl_->work_budget)}));
    if (impl_->odd_draws > 0) w.push_back(render_both(Diag::warn_odd_draws, {std::to_string(impl_->odd_draws)}));
    if (impl_->odd_rates) w.push_back(render_both(Diag::warn_odd_rates));
    if (impl_->no_arrivals) w.push_back(render_both(Diag::no_office_time));
    return w;
}

std::int32_t Engine::queue_length(std::int32_t d) const {
    if (d < 0 || static_cast<std::size_t>(d) >= impl_->dept.size()) return 0;
    return static_cast<std::int32_t>(impl_->dept_at(d).queue.size());
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
    v.place = c->place;
    v.travelling = c->phase == Phase::travelling_to_hall || c->phase == Phase::travelling_home;
    v.in_queue = c->phase == Phase::in_queue;
    v.at_window = c->phase == Phase::at_window;
    v.department = (v.in_queue || v.at_window || c->phase == Phase::at_hall) ? c->visit_dept : -1;
    v.ticket = c->ticket;
    if (v.in_queue && c->visit_dept >= 0) {
        const auto& q = m.dept_at(c->visit_dept).queue;
        for (std::size_t i = 0; i < q.size(); ++i) {
            const QueueEntry& e = q[i];
            if (e.who >= 0 && m.citizen_at(e.who).id == citizen) break;
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
    r.promised_trips = scenario.promised_trips;
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
