#include "timeline.hpp"

#include <string>

#include "durations.hpp"
#include "random.hpp"

namespace peizou {

const char* to_string(Lane lane) {
    switch (lane) {
    case Lane::travel: return "travel";
    case Lane::queue: return "queue";
    case Lane::window: return "window";
    case Lane::online: return "online";
    case Lane::hall: return "hall";
    case Lane::inspection: return "inspection";
    case Lane::agent: return "agent";
    case Lane::review: return "review";
    case Lane::rework: return "rework";
    }
    return "?";
}

int chart_row(Lane lane) {
    switch (lane) {
    case Lane::travel: return static_cast<int>(ChartRow::travel);
    case Lane::queue:
    case Lane::hall: return static_cast<int>(ChartRow::queue);
    case Lane::window:
    case Lane::online:
    case Lane::inspection: return static_cast<int>(ChartRow::window);
    case Lane::review: return static_cast<int>(ChartRow::review);
    case Lane::rework: return static_cast<int>(ChartRow::rework);
    case Lane::agent: break;
    }
    return -1;
}

Seconds Timeline::lane_seconds(Lane lane) const {
    Seconds total = 0;
    for (const auto& g : segments)
        if (g.lane == lane) total += g.to - g.from;
    return total;
}

Seconds Timeline::citizen_seconds() const {
    Seconds total = 0;
    for (const auto& g : segments)
        if (citizen_lane(g.lane)) total += g.to - g.from;
    return total;
}

std::vector<Seconds> Timeline::ready_times() const {
    std::vector<Seconds> out;
    for (const auto& s : steps) out.push_back(s.ready);
    return out;
}

Seconds Timeline::agent_seconds() const { return lane_seconds(Lane::agent); }

namespace {

// A step's `service` as the engine draws it: keyed on (seed, service, citizen, step id,
// attempt). The log does not say how long an online form or an inspection took; the
// timeline test holds these draws to the engine's citizen hours for every built-in case.
Seconds service_draw(const Step& st, std::uint64_t seed, std::int32_t citizen, std::int32_t attempt) {
    const std::uint64_t key = hash_key(seed, Purpose::service, static_cast<std::uint64_t>(citizen),
                                       stable_hash(st.id.data(), st.id.size()), static_cast<std::uint64_t>(attempt));
    return wall_seconds(st.service, sample(st.service, key));
}

enum class Where { home, travel, queue, window, hall };

struct Reader {
    const Scenario& scenario;
    const Variant& variant;
    std::uint64_t seed;
    std::int32_t citizen;
    Timeline t;

    Where where = Where::home;
    Seconds since = 0, last = 0;
    std::int32_t place = 0;
    Seconds examined_at = -1;          // the clerk's (or portal's) verdicts share this time
    // The visit under way: its travel, queue and window wait in `visit` until it is known
    // whether an agent made it (a visit from home: its trip was not counted; a visit
    // from another hall: every step it handled is an agent's).
    std::vector<TimelineSegment> visit;
    bool visit_from_home = false, visit_agent = false, visit_all_agent = true;
    bool home_agent = false;           // the way home after being sent away at closing
    std::vector<Seconds> review_from, rework_from;
    std::vector<std::int32_t> review_dept;
    std::vector<std::int32_t> attempts;  // examinations of each step so far

    Reader(const Scenario& s, const Variant& v, std::uint64_t sd, std::int32_t c)
        : scenario(s), variant(v), seed(sd), citizen(c) {
        t.steps.resize(v.steps.size());
        review_from.assign(v.steps.size(), -1);
        rework_from.assign(v.steps.size(), -1);
        review_dept.assign(v.steps.size(), -1);
        attempts.assign(v.steps.size(), 0);
    }

    bool valid(std::int32_t s) const { return s >= 0 && static_cast<std::size_t>(s) < variant.steps.size(); }
    TimelineStep* step(std::int32_t s) { return valid(s) ? &t.steps[static_cast<std::size_t>(s)] : nullptr; }

    void add(Lane lane, Seconds from, Seconds to, std::int32_t s, std::int32_t dept) {
        if (to < from) return;
        t.segments.push_back({lane, from, to, s, dept});
        if (TimelineStep* ts = step(s)) {
            if (lane == Lane::agent) ts->agent += to - from;
            else if (citizen_lane(lane)) ts->citizen += to - from;
        }
    }
    void note_step(std::int32_t s) {
        if (valid(s) && !variant.steps[static_cast<std::size_t>(s)].agent) visit_all_agent = false;
    }
    void flush_visit() {
        const bool agent = visit_from_home ? visit_agent : visit_all_agent;
        for (const auto& g : visit) add(agent ? Lane::agent : g.lane, g.from, g.to, g.step, g.department);
        visit.clear();
        home_agent = agent;
    }
    Seconds hop_seconds(std::int32_t to_place) const {
        if (to_place == place || to_place < 0 || static_cast<std::size_t>(to_place) >= scenario.places.size())
            return 0;
        return round_seconds(scenario.places[static_cast<std::size_t>(to_place)].travel_minutes * 60);
    }
    void close_hall(Seconds to) {
        if (where == Where::hall && to > since) add(Lane::hall, since, to, -1, -1);
        since = to;
    }
    void mark_ready(std::int32_t s, Seconds when) {
        if (TimelineStep* ts = step(s); ts && ts->ready < 0) ts->ready = when;
    }

    std::vector<const LogEvent*> events;  // the case's, in order
    std::size_t at = 0;                    // the one being read

    void read() {
        const LogEvent& e = *events[at];
        const Seconds now = e.time;
        if (TimelineStep* ts = step(e.step); ts && e.activity != Activity::step_skipped) {
            if (!ts->seen) ts->first = now, ts->done = -1;
            ts->seen = true;
        }
        switch (e.activity) {
        case Activity::case_start:
            t.start = now;
            where = Where::home;
            since = now;
            break;
        case Activity::leave_home:
            visit_from_home = true;
            visit_agent = e.count <= t.trips;  // an agent's trip is not the citizen's
            visit_all_agent = true;
            note_step(e.step);
            if (!visit_agent) {
                t.trips = e.count;
                if (TimelineStep* ts = step(e.step)) ts->trips++;
            }
            where = Where::travel;
            since = now;
            break;
        case Activity::arrive_hall:
            if (where == Where::travel) {
                visit.push_back({Lane::travel, since, now, e.step, e.department});
            } else {  // on from another hall (no new trip): idle in the hall, then the hop
                visit_from_home = false;
                visit_all_agent = true;
                note_step(e.step);
                const Seconds hop_from = std::max(since, now - hop_seconds(e.place));
                close_hall(hop_from);
                visit.push_back({Lane::travel, hop_from, now, e.step, e.department});
            }
            place = e.place;
            where = Where::hall;
            since = now;
            break;
        case Activity::join_queue:
            where = Where::queue;
            since = now;
            break;
        case Activity::service_start:
            visit.push_back({Lane::queue, since, now, e.step, e.department});
            t.window_visits++;
            where = Where::window;
            since = now;
            break;
        case Activity::sent_home_closed:
            visit.push_back({Lane::queue, since, now, -1, e.department});
            flush_visit();
            where = Where::hall;
            since = now;
            break;
        case Activity::handover: {
            t.submissions += e.count;
            const bool supplied = e.detail.rfind("补交", 0) == 0;  // an owed material (容缺)
            if (supplied && e.detail != "补交") break;             // online, in passing: no time
            note_step(e.step);
            if (now != examined_at) {  // the first verdict of a visit or an online form
                if (where == Where::window) {
                    visit.push_back({Lane::window, since, now, e.step, e.department});
                    for (std::size_t j = at + 1; j < events.size() && events[j]->time == now &&
                                                 events[j]->activity == Activity::handover; ++j)
                        note_step(events[j]->step);  // the visit's other steps, handed over with it
                    flush_visit();
                } else {  // an online form: the steps handed over now were filled in one after another
                    Seconds fill = 0;
                    for (std::size_t j = at; j < events.size() && events[j]->time == now; ++j)
                        if (events[j]->activity == Activity::handover && valid(events[j]->step)) {
                            const auto k = static_cast<std::size_t>(events[j]->step);
                            fill += service_draw(variant.steps[k], seed, citizen, attempts[k]);
                        }
                    const Seconds from = std::max(since, now - fill);
                    close_hall(from);
                    add(Lane::online, from, now, e.step, e.department);
                }
                examined_at = now;
                home_agent = false;  // the way home after a verdict is the citizen's own
                where = place != 0 ? Where::hall : Where::home;
                since = now;
            }
            if (!supplied && valid(e.step)) attempts[static_cast<std::size_t>(e.step)]++;
            break;
        }
        case Activity::rejected:
            t.rejections++;
            t.rejected_at.push_back(now);
            if (TimelineStep* ts = step(e.step)) {
                ts->rejections++;
                if (rework_from[static_cast<std::size_t>(e.step)] < 0) rework_from[static_cast<std::size_t>(e.step)] = now;
            }
            break;
        case Activity::accepted:
        case Activity::online_submit:
            if (valid(e.step)) {
                Seconds& from = rework_from[static_cast<std::size_t>(e.step)];
                if (from >= 0) add(Lane::rework, from, now, e.step, e.department);
                from = -1;
                if (!variant.steps[static_cast<std::size_t>(e.step)].blocks_successors) mark_ready(e.step, now);
            }
            break;
        case Activity::review_start:
            if (valid(e.step)) {
                review_from[static_cast<std::size_t>(e.step)] = now;
                review_dept[static_cast<std::size_t>(e.step)] = e.department;
                const StepKind k = variant.steps[static_cast<std::size_t>(e.step)].kind;
                const bool back_office = k == StepKind::review || k == StepKind::mail || k == StepKind::inspection;
                if (back_office && !variant.steps[static_cast<std::size_t>(e.step)].blocks_successors)
                    mark_ready(e.step, now);
            }
            break;
        case Activity::step_complete:
            if (valid(e.step)) {
                const auto i = static_cast<std::size_t>(e.step);
                const Step& st = variant.steps[i];
                Seconds from = review_from[i];
                if (from >= 0) {
                    if (st.kind == StepKind::inspection) {
                        const Seconds visit_from = std::max(from, now - service_draw(st, seed, citizen, 0));
                        add(Lane::review, from, visit_from, e.step, review_dept[i]);
                        add(Lane::inspection, visit_from, now, e.step, review_dept[i]);
                    } else {
                        add(Lane::review, from, now, e.step, review_dept[i]);
                    }
                }
                review_from[i] = -1;
                t.steps[i].done = now;
                mark_ready(e.step, now);
            }
            break;
        case Activity::step_skipped: mark_ready(e.step, now); break;
        case Activity::go_home:
            close_hall(now);
            where = Where::travel;
            since = now;
            break;
        case Activity::arrive_home:
            add(home_agent ? Lane::agent : Lane::travel, since, now, -1, -1);
            home_agent = false;
            place = 0;
            where = Where::home;
            since = now;
            break;
        case Activity::case_finish:
        case Activity::case_stuck:
            close_hall(now);
            where = Where::home;
            t.finished = e.activity == Activity::case_finish;
            break;
        case Activity::material_received:
        case Activity::branch_decided: break;
        }
        last = now;
    }

    // An unfinished case: what is under way is drawn up to `end`.
    void close(Seconds end) {
        t.end = end;
        for (auto& s : t.steps)
            if (s.seen && s.done < 0) s.done = end;
        if (t.finished) {  // inspections of steps the case did not wait for come later
            for (std::size_t i = 0; i < review_from.size(); ++i)
                if (review_from[i] >= 0 && variant.steps[i].kind == StepKind::inspection) {
                    const Seconds visit = service_draw(variant.steps[i], seed, citizen, 0);
                    t.later += visit;
                    t.steps[i].citizen += visit;
                }
            return;
        }
        switch (where) {
        case Where::travel: visit.push_back({Lane::travel, since, end, -1, -1}); break;
        case Where::queue: visit.push_back({Lane::queue, since, end, -1, -1}); break;
        case Where::window: visit.push_back({Lane::window, since, end, -1, -1}); break;
        case Where::hall: close_hall(end); break;
        case Where::home: break;
        }
        if (!visit.empty()) flush_visit();
        for (std::size_t i = 0; i < review_from.size(); ++i) {
            if (review_from[i] >= 0) add(Lane::review, review_from[i], end, static_cast<std::int32_t>(i), review_dept[i]);
            if (rework_from[i] >= 0) add(Lane::rework, rework_from[i], end, static_cast<std::int32_t>(i), -1);
        }
    }
};

}  // namespace

Timeline build_timeline(const Scenario& scenario, const Variant& variant, const std::vector<LogEvent>& log,
                        std::int32_t citizen, std::uint64_t seed, Seconds until) {
    Reader r(scenario, variant, seed, citizen);
    for (const LogEvent& e : log) {
        if (e.citizen != citizen) continue;
        if (until >= 0 && e.time > until) break;
        r.events.push_back(&e);
        if (e.activity == Activity::case_finish || e.activity == Activity::case_stuck) break;
    }
    if (!r.events.empty()) r.t.start = r.since = r.last = r.events.front()->time;
    for (r.at = 0; r.at < r.events.size(); ++r.at) r.read();
    r.close(until >= 0 ? std::max(until, r.last) : r.last);
    return r.t;
}

}  // namespace peizou
