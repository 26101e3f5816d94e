// Engine::Impl, departments: background citizens (a flat rate, or by_hour drawn exactly),
// queues and clerks, closing time; the process citizens' arrival stream cut into one-year
// replications. Inline member definitions (engine_impl.hpp), included only by engine.cpp.
//
// [SECTION] background and queues    — schedule_background … next_working_day_start
// [SECTION] arrivals and replications — schedule_next_arrival … close_period
#pragma once
#include "engine_impl.hpp"

namespace peizou {

// ---------------------------------------------------------------- [SECTION] background and queues
inline void Engine::Impl::schedule_background(std::int32_t d, Seconds from) {
    DeptState& ds = dept_at(d);
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
inline Seconds Engine::Impl::profiled_arrival(const DeptState& ds, Seconds t, double e) {
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


inline void Engine::Impl::join_queue(std::int32_t d, std::int32_t who, std::uint32_t gen) {
    DeptState& ds = dept_at(d);
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


inline void Engine::Impl::draw_background(std::int32_t d, std::uint64_t from) {
    DeptState& ds = dept_at(d);
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
inline Seconds Engine::Impl::background_service_time(std::int32_t d, std::uint32_t n) const {
    const DrawBatch& b = dept_at(d).background_services;
    return b.has(n) ? b.at(n) : background_service_draw(d, n);
}

inline Seconds Engine::Impl::background_service_draw(std::int32_t d, std::uint32_t n) const {
    const Duration& service = departments[static_cast<std::size_t>(d)].background_service;
    const DeptState& ds = dept_at(d);
    return wall_seconds(service, draw(service, Purpose::background_service, ds.key, n, 0, ds.service_sums));
}


inline void Engine::Impl::try_serve(std::int32_t d) {
    DeptState& ds = dept_at(d);
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
            Citizen& c = citizen_at(e.who);
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


inline void Engine::Impl::day_close(std::int32_t d) {
    DeptState& ds = dept_at(d);
    ds.close_scheduled = INT64_MIN;
    // Everyone still waiting is sent away: "今天窗口已停止受理，请您明天再来".
    Fifo& left = ds.closing;
    left.swap(ds.queue);
    work += static_cast<std::int64_t>(left.size());
    for (std::size_t i = 0; i < left.size(); ++i) {
        const QueueEntry& e = left[i];
        ds.stats.sent_home++;
        if (e.who < 0) continue;
        Citizen& c = citizen_at(e.who);
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


inline Seconds Engine::Impl::next_working_day_start(Seconds t) const {
    return calendar.next_open((day_of(t) + 1) * kDay);
}


// ---------------------------------------------------------------- [SECTION] arrivals and replications
// The process citizens arrive as a Poisson stream over office time. A citizen whose
// arrival falls past the arrival period (period_open office seconds from the start)
// opens a new replication instead: a fresh world from the start (empty queues, the
// background drawn anew), the citizen as far into its period as the stream ran past
// the end — the same stream cut into periods, each period one replication. Periods
// with no citizen are skipped: nothing would be measured in them.
inline void Engine::Impl::schedule_next_arrival() {
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
inline Seconds Engine::Impl::arrival_gap(double g) const {
    if (g < 4503599627370496.0) return round_seconds(g);  // 2^52: below, as it always was
    if (!(g <= 1.7976931348623157e308)) return period_open;  // ∞ or NaN: one period on
    return period_open + static_cast<Seconds>(std::fmod(g, static_cast<double>(period_open)));
}


// The replication under way has ended (its citizens finished or stuck): the next one
// starts at the scenario's start with everything but the citizens' numbers and the
// run's totals as new, and its background keyed by its number.
inline void Engine::Impl::next_replication() {
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
inline void Engine::Impl::close_period() {
    for (auto& ds : dept) {
        const Seconds open = ds.calendar.mode() == CalendarMode::always_open
                                 ? now - start
                                 : ds.calendar.working_time_between(start, now);
        ds.stats.open_window_seconds += static_cast<double>(open) * ds.windows;
    }
}

}  // namespace peizou
