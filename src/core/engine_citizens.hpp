// Engine::Impl, citizens: the state machine of one process citizen. Inline member
// definitions (engine_impl.hpp), included only by engine.cpp.
//
// [SECTION] a new citizen                 — new_citizen
// [SECTION] steps and materials           — what is ready, held, owed (容缺受理), submitted
// [SECTION] settling                      — branches and back-office steps that need no citizen
// [SECTION] what next                     — advance, review_finished, complete_step
// [SECTION] visits                        — begin_step, travel, the queue, the window, the clerk's verdict
// [SECTION] going home, finishing         — go_home, finish, stuck, retire
#pragma once
#include "engine_impl.hpp"

namespace peizou {

// ---------------------------------------------------------------- [SECTION] a new citizen
inline Citizen& Engine::Impl::new_citizen(std::int32_t id) {
    std::int32_t slot;
    if (!free_slots.empty()) {
        slot = free_slots.back();
        free_slots.pop_back();
    } else {
        slot = static_cast<std::int32_t>(citizens.size());
        citizens.emplace_back();
    }
    Citizen& c = citizen_at(slot);
    // Reset field by field so the vectors keep their capacity (no allocation per citizen).
    c.gen++;
    c.phase = Phase::home;
    c.place = 0;
    c.travelling = false;
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


// ---------------------------------------------------------------- [SECTION] steps and materials
inline void Engine::Impl::add_citizen_time(Citizen& c, Seconds s) {
    if (c.visit_agent) c.m.agent_seconds += s; else c.m.citizen_seconds += s;
}


inline bool Engine::Impl::dependency_met(const Citizen& c, std::int32_t s) const {
    const StepStatus st = c.at(s).status;
    if (st == st_done || st == st_skipped) return true;
    return (st == st_accepted || st == st_owing) && !step_at(s).blocks;
}

inline bool Engine::Impl::ready(const Citizen& c, std::int32_t s) const {
    if (c.at(s).status != st_pending) return false;
    const CStep& cs = step_at(s);
    if (cs.branch >= 0 && c.branch_choice[static_cast<std::size_t>(cs.branch)] < 0) return false;
    for (auto a : cs.after) if (!dependency_met(c, a)) return false;
    return true;
}

// Done when every step is complete — a step under 边建设边办理 (not blocking its
// successors) counts once accepted: the citizen's goal no longer waits for it.
inline bool Engine::Impl::all_complete(const Citizen& c) const {
    for (std::size_t s = 0; s < steps.size(); ++s) {
        const StepStatus st = c.step[s].status;
        if (st == st_done || st == st_skipped) continue;
        if ((st == st_accepted || st == st_owing) && !steps[s].blocks) continue;
        return false;
    }
    return true;
}

// Material m still has to be handed over for a step (not already shared).
inline bool Engine::Impl::must_hand(const Citizen& c, std::int32_t m) const {
    return !(material_shared[static_cast<std::size_t>(m)] && c.submitted[static_cast<std::size_t>(m)]);
}

// The citizen knows m is needed: the guide lists it, or a clerk has named it.
inline bool Engine::Impl::knows(const Citizen& c, std::int32_t m) const {
    return !any_unguided || c.known[static_cast<std::size_t>(m)];
}

// As far as the citizen knows, they hold every essential paper s needs.
inline bool Engine::Impl::can_satisfy(const Citizen& c, std::int32_t s) const {
    for (auto m : step_at(s).needs)
        if (must_hand(c, m) && material_essential[static_cast<std::size_t>(m)] && !c.held[static_cast<std::size_t>(m)] &&
            knows(c, m))
            return false;
    return true;
}

inline bool Engine::Impl::owes(const Citizen& c, std::int32_t s) const {
    for (const auto& o : c.owed) if (o.first == s) return true;
    return false;
}

// The citizen now holds every material still owed for s and must take them in person.
inline bool Engine::Impl::can_supply(const Citizen& c, std::int32_t s) const {
    if (!owes(c, s) || supply_online(s)) return false;
    for (const auto& o : c.owed)
        if (o.first == s && !c.held[static_cast<std::size_t>(o.second)]) return false;
    return true;
}

inline void Engine::Impl::submit(Citizen& c, std::int32_t m) {
    c.m.submissions++;
    if (c.submitted[static_cast<std::size_t>(m)]) c.m.repeat_submissions++;
    c.submitted[static_cast<std::size_t>(m)] = yes;
}

// Owed materials that need no visit: shared data submitted meanwhile for another
// step, or held now with an online channel. Completes steps no longer owing.
inline bool Engine::Impl::supply_owed(Citizen& c) {
    bool any = false;
    for (std::size_t i = 0; i < c.owed.size();) {
        const auto [s, m] = c.owed[i];
        const bool by_data = !must_hand(c, m);
        if (!by_data && !(supply_online(s) && c.held[static_cast<std::size_t>(m)])) { ++i; continue; }
        if (!by_data) {
            submit(c, m);
            log(c, Activity::handover, s, step_at(s).dept, 1,
                "补交 " + material_at(m).id);
        }
        c.owed.erase(c.owed.begin() + static_cast<std::ptrdiff_t>(i));
        any = true;
    }
    if (any) complete_supplied(c);
    return any;
}

inline void Engine::Impl::complete_supplied(Citizen& c) {
    work += static_cast<std::int64_t>(steps.size());
    for (std::size_t s = 0; s < steps.size(); ++s)
        if (c.step[s].status == st_owing && !owes(c, static_cast<std::int32_t>(s)))
            complete_step(c, static_cast<std::int32_t>(s));
}

// A 补交 visit at the window: the clerk takes the owed materials handed over.
inline void Engine::Impl::supply_in_person(Citizen& c, std::int32_t s, const std::vector<Flag>& handed) {
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


// ---------------------------------------------------------------- [SECTION] settling: branches and back-office steps
// Starts steps that need no citizen, decides branches; repeats until nothing changes.
// Returns false when a branch decision paused the engine.
inline bool Engine::Impl::settle(Citizen& c) {
    // Nothing can change for a citizen who owes nothing in a model without branches or
    // back-office steps: one test, inlined, in place of a call (in wasm a call spills
    // every live register: V8 keeps none across it).
    if (c.owed.empty() && branches.empty() && back_office_steps.empty()) return true;
    return settle_steps(c);
}

[[gnu::noinline]] bool Engine::Impl::settle_steps(Citizen& c) {
    bool changed = true;
    while (changed) {
        work += static_cast<std::int64_t>(branches.size() + back_office_steps.size() + c.owed.size());
        changed = !c.owed.empty() && supply_owed(c);
        for (std::size_t b = 0; b < branches.size(); ++b) {
            if (c.branch_choice[b] >= 0) continue;
            bool ok = true;
            for (auto a : branches[b].after) ok = ok && c.at(a).status == st_done;
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


inline void Engine::Impl::take_branch(Citizen& c, std::size_t b, std::size_t option) {
    c.branch_choice[b] = static_cast<std::int8_t>(option);
    log(c, Activity::branch_decided, -1, -1, static_cast<std::int32_t>(option),
        branches[b].src->options[option].id);
    for (std::size_t o = 0; o < branches[b].option_steps.size(); ++o) {
        if (o == option) continue;
        for (auto s : branches[b].option_steps[o]) {
            c.at(s).status = st_skipped;
            log(c, Activity::step_skipped, s);
        }
    }
}


// review / mail / inspection: the department works, the citizen waits at home.
inline void Engine::Impl::start_back_office_step(Citizen& c, std::int32_t s) {
    const CStep& cs = step_at(s);
    const Calendar& cal = cs.dept >= 0 ? dept_at(cs.dept).calendar : calendar;
    c.at(s).status = st_accepted;
    c.at(s).accepted_at = now;
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
    c.at(s).review_due = end;
    push(end, ev_review_done, slot_of(c), s, static_cast<std::uint32_t>(c.id));
}


inline void Engine::Impl::complete_step(Citizen& c, std::int32_t s) {
    const CStep& cs = step_at(s);
    c.visit_at_home = false;  // the options have changed: tomorrow's visit is chosen anew
    if (c.at(s).status == st_accepted) c.reviews--;
    c.at(s).status = st_done;
    // Judged when the department's work ended: time the citizen took to supply an
    // owed material (容缺) is not the department's.
    if (cs.src->legal_limit_days > 0) {
        const Calendar& cal = cs.dept >= 0 ? dept_at(cs.dept).calendar : calendar;
        if (c.at(s).review_due >
            cal.add_working_days(c.at(s).accepted_at, cs.src->legal_limit_days))
            c.m.legal_limits_met = false;
    }
    if (cs.src->promised_limit_days > 0) {  // 承诺时限, judged like the legal limit
        const Calendar& cal = cs.dept >= 0 ? dept_at(cs.dept).calendar : calendar;
        if (c.at(s).review_due > cal.add_working_days(c.at(s).accepted_at, cs.src->promised_limit_days))
            c.m.promised_limits_met = false;
    }
    log(c, Activity::step_complete, s, cs.dept);
    for (auto m : cs.produces) {
        if (!c.held[static_cast<std::size_t>(m)]) log(c, Activity::material_received, s, cs.dept, m, material_at(m).id);
        c.held[static_cast<std::size_t>(m)] = yes;
    }
}


// The department's work on s is done: complete it, or wait for what the citizen owes.
inline void Engine::Impl::review_finished(Citizen& c, std::int32_t s) {
    c.at(s).review_due = now;
    if (!owes(c, s)) { complete_step(c, s); return; }
    c.visit_at_home = false;
    c.at(s).status = st_owing;
    c.reviews--;
}


// ---------------------------------------------------------------- [SECTION] what next
// The citizen is free (at home or at a hall): what next?
inline void Engine::Impl::advance(Citizen& c) {
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
            const Material& m = material_at(c.owed.front().second);
            stuck(c, render_both(Diag::stuck_owed_never_supplied, {m.id, m.name}));
            return;
        }
        stuck(c, render_both(Diag::stuck_no_step_can_run));
        return;
    }
    if (opt.interactive) {
        Decision d;
        d.kind = DecisionKind::next_step;
        for (auto s : options) d.options.push_back(step_at(s).src->id);
        if (c.reviews > 0) d.options.push_back(word(Option::wait));
        if (c.place != 0) d.options.push_back(word(Option::home));
        pause(c, d);
        return;
    }
    const std::int32_t pick = default_pick(c, options);
    if (pick < 0) {
        if (c.reviews > 0) { wait_for_review(c); return; }
        const Material* missing = nullptr;
        for (auto m : step_at(options.front()).needs)
            if (!c.held[static_cast<std::size_t>(m)]) missing = &material_at(m);
        stuck(c, render_both(Diag::stuck_material_unobtainable,
                             {missing ? missing->id : std::string(), missing ? missing->name : std::string()}));
        return;
    }
    begin_step(c, pick, online_possible(pick));
}


// ---------------------------------------------------------------- [SECTION] visits: going, queueing, at the window
// Nothing to do but wait for the back office: in the hall if a result is due
// within kHallWait today ("稍等，马上出证"), otherwise at home.
inline void Engine::Impl::wait_for_review(Citizen& c) {
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


inline void Engine::Impl::pause(Citizen& c, Decision d) {
    d.time = now;
    pending = std::move(d);
    has_pending = true;
    pending_slot = slot_of(c);
}


// Chosen step s, in person or online: collect the visit and go.
inline void Engine::Impl::begin_step(Citizen& c, std::int32_t s, bool online) {
    const CStep& cs = step_at(s);
    c.visit.clear();
    c.visit.push_back(s);
    c.visit_online = online;
    c.visit_at_home = !opt.interactive && c.place == 0;
    work += static_cast<std::int64_t>(citizen_steps.size());
    for (auto oi : citizen_steps) {  // same desk, same channel: one visit
        const CStep& o = step_at(oi);
        if (oi == s || !(ready(c, oi) || can_supply(c, oi)) || o.reception != cs.reception) continue;
        const StepKind k = o.src->kind;
        const bool o_online = k == StepKind::online || (o.src->online_allowed && online && online_possible(oi));
        if (o_online != online) continue;
        if ((!opt.interactive || opt.model_citizen) && !can_satisfy(c, oi)) continue;
        c.visit.push_back(oi);
    }
    c.visit_agent = !online;
    for (auto v : c.visit) c.visit_agent = c.visit_agent && step_at(v).src->agent;
    c.visit_dept = cs.reception;
    if (online) {
        Seconds fill = 0;
        work += kDrawWork * static_cast<std::int64_t>(c.visit.size());
        for (auto v : c.visit)
            fill += wall_seconds(step_at(v).src->service,
                                 draw(step_at(v).src->service, Purpose::service,
                                      static_cast<std::uint64_t>(c.id), step_at(v).key,
                                      static_cast<std::uint64_t>(c.at(v).attempts),
                                      step_at(v).service_sums));
        c.m.citizen_seconds += fill;
        c.phase = Phase::filling_online;
        c.gen++;
        push(now + std::max<Seconds>(fill, 1), ev_citizen_wake, slot_of(c), wake_online_done, c.gen);
        return;
    }
    travel_to(c, cs.place);
}


inline void Engine::Impl::travel_to(Citizen& c, std::int32_t place) {
    const DeptState& ds = dept_at(c.visit_dept);
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
    c.place = place;
    c.travelling = true;
    if (hop == 0) arrive_hall(c);
    else push(now + hop, ev_citizen_wake, slot_of(c), wake_arrive_hall, c.gen);
}


inline void Engine::Impl::leave_home(Citizen& c) {
    const std::int32_t place = step_at(c.visit.front()).place;
    const Seconds travel = travel_seconds[static_cast<std::size_t>(place)];
    if (!c.visit_agent) c.m.trips++;
    add_citizen_time(c, travel);
    log(c, Activity::leave_home, c.visit.front(), c.visit_dept, c.m.trips);
    c.phase = Phase::travelling_to_hall;
    c.place = place;
    c.travelling = true;
    c.gen++;
    if (travel == 0) arrive_hall(c);
    else push(now + travel, ev_citizen_wake, slot_of(c), wake_arrive_hall, c.gen);
}


inline void Engine::Impl::arrive_hall(Citizen& c) {
    c.travelling = false;
    log(c, Activity::arrive_hall, c.visit.front(), c.visit_dept);
    c.phase = Phase::in_queue;
    c.queue_joined = now;
    DeptState& ds = dept_at(c.visit_dept);
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
inline Seconds Engine::Impl::start_window_service(Citizen& c, Seconds wait) {
    add_citizen_time(c, wait);
    c.phase = Phase::at_window;
    log(c, Activity::service_start, c.visit.front(), c.visit_dept, c.ticket);
    add_citizen_time(c, c.visit_service);
    return c.visit_service;
}

inline Seconds Engine::Impl::visit_service_time(Citizen& c) {
    Seconds service = 0;
    work += kDrawWork * static_cast<std::int64_t>(c.visit.size());
    for (auto v : c.visit) {
        // A 补交 visit is served like the step again, with a draw of its own.
        const std::uint64_t attempt = static_cast<std::uint64_t>(c.at(v).attempts) +
                                      (c.at(v).status == st_pending ? 0 : kSupplyDraw);
        service += attempt == 0 ? first_service_time(v, c.id) : service_draw(v, c.id, attempt);
    }
    return service;
}

inline Seconds Engine::Impl::service_draw(std::int32_t s, std::int32_t citizen, std::uint64_t attempt) const {
    const CStep& cs = step_at(s);
    return wall_seconds(cs.src->service, draw(cs.src->service, Purpose::service,
                                              static_cast<std::uint64_t>(citizen), cs.key, attempt, cs.service_sums));
}

// Citizens come to a step roughly in the order they arrived: drawn for the next ones too.
inline Seconds Engine::Impl::first_service_time(std::int32_t s, std::int32_t citizen) {
    DrawBatch& b = first_services[static_cast<std::size_t>(s)];
    const auto n = static_cast<std::uint64_t>(citizen);
    if (b.has(n)) return b.at(n);
    if (n < b.from) return service_draw(s, citizen, 0);  // a latecomer: the batch stays
    b.fill(n, static_cast<std::uint64_t>(std::max(1, opt.citizens - citizen)),
           [&](std::uint64_t k) { return service_draw(s, static_cast<std::int32_t>(k), 0); });
    return b.at(n);
}


// At the window (or the online form is filled in): hand over materials.
inline void Engine::Impl::hand_over(Citizen& c) {
    if (opt.interactive && !c.visit_agent) {
        Decision d;
        d.kind = DecisionKind::handover;
        d.step = c.visit.front();
        for (std::size_t m = 0; m < materials.size(); ++m)
            if (c.held[m]) d.options.push_back(materials[m].id);
        auto need = [&](std::int32_t m) {
            if (!knows(c, m)) return;  // not in the guide, not yet named by a clerk
            const std::string& id = material_at(m).id;
            if (std::find(d.needed.begin(), d.needed.end(), id) == d.needed.end()) d.needed.push_back(id);
        };
        for (auto v : c.visit) {
            if (c.at(v).status != st_pending) {  // 补交: what is owed
                for (const auto& o : c.owed) if (o.first == v) need(o.second);
                continue;
            }
            for (auto m : step_at(v).needs)
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
inline void Engine::Impl::examine(Citizen& c, const std::vector<Flag>& handed) {
    if (c.visit_dept >= 0 && c.dept_seen_by[static_cast<std::size_t>(c.visit_dept)] != c.id) {
        c.dept_seen_by[static_cast<std::size_t>(c.visit_dept)] = c.id;
        c.m.departments++;
    }
    if (!c.visit_online) c.m.window_visits++;
    bool any_rejected = false;
    for (auto v : c.visit) {
        if (c.at(v).status != st_pending) { supply_in_person(c, v, handed); continue; }
        const CStep& cs = step_at(v);
        work += 1 + static_cast<std::int64_t>(cs.needs.size());
        auto& attempts = c.at(v).attempts;
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
[[gnu::noinline]] bool Engine::Impl::reject(Citizen& c, std::int32_t s, const std::vector<std::int32_t>& missing) {
    const Step& st = *step_at(s).src;
    const std::int16_t attempts = c.at(s).attempts;
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
    stuck(c, render_both(Diag::stuck_rejected_too_often, {std::to_string(kMaxAttempts), st.id, st.name}));
    return false;
}


inline void Engine::Impl::accept(Citizen& c, std::int32_t s) {
    const CStep& cs = step_at(s);
    c.at(s).status = st_accepted;
    c.at(s).accepted_at = now;
    c.reviews++;
    c.m.fees_yuan += cs.src->fee_yuan;
    const Calendar& cal = cs.dept >= 0 ? dept_at(cs.dept).calendar : calendar;
    const Seconds end = review_end(cal, now, cs.src->review,
                                   draw(cs.src->review, Purpose::review, static_cast<std::uint64_t>(c.id), cs.key, 0, cs.review_sums));
    if (end <= now) { review_finished(c, s); return; }
    log(c, Activity::review_start, s, cs.dept);
    c.at(s).review_due = end;
    push(end, ev_review_done, slot_of(c), s, static_cast<std::uint32_t>(c.id));
}


// ---------------------------------------------------------------- [SECTION] going home, finishing
inline void Engine::Impl::go_home(Citizen& c) {
    if (c.place == 0) { c.phase = Phase::home; return; }
    const Seconds travel = travel_seconds[static_cast<std::size_t>(c.place)];
    add_citizen_time(c, travel);
    log(c, Activity::go_home, -1, -1, 0);
    c.phase = Phase::travelling_home;
    c.place = 0;
    c.travelling = true;
    c.gen++;
    push(now + travel, ev_citizen_wake, slot_of(c), wake_arrive_home, c.gen);
}


inline void Engine::Impl::finish(Citizen& c) {
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


inline void Engine::Impl::stuck(Citizen& c, const std::string& why) {
    log(c, Activity::case_stuck, -1, -1, 0, why);
    stuck_reasons.push_back("citizen " + std::to_string(c.id) + ": " + why);
    stuck_count++;
    c.phase = Phase::done;
    retire(c);
}


inline void Engine::Impl::retire(Citizen& c) {
    c.active = false;
    c.gen++;
    active--;
    if (!opt.interactive) free_slots.push_back(slot_of(c));
}


// A review finished while the citizen is busy: start what no longer waits for them.
inline void Engine::Impl::settle_quietly(Citizen& c) {
    if (c.phase == Phase::waiting_to_leave) {  // plans may change: think again
        c.gen++;
        c.phase = Phase::home;
        advance(c);
        return;
    }
    settle(c);
}

}  // namespace peizou
