// The walkthrough in words: dates and times, names, the log's lines, the questions and
// options, the clerk's words (split from walkthrough_session.cpp, which keeps the session).
// [SECTION] readable text   [SECTION] log
#include <cstdarg>
#include <cstdio>

#include "walkthrough_session.hpp"

namespace peizou::app::walkthrough {

// ---------------------------------------------------------------- [SECTION] readable text

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

std::string format(const char* fmt, ...) {
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    return buf;
}

const std::string& pick(Language language, const std::string& zh, const std::string& en) {
    return language == Language::en && !en.empty() ? en : zh;
}

namespace {
const Str kWeekdays[] = {Str::wt_mon, Str::wt_tue, Str::wt_wed, Str::wt_thu, Str::wt_fri, Str::wt_sat, Str::wt_sun};
}

std::string clock_text(Language language, Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    const Seconds s = second_of_day(t);
    return format("%04d-%02d-%02d %s %02d:%02d", d.year, d.month, d.day,
                  tr(language, kWeekdays[weekday_of_day(day_of(t))]), static_cast<int>(s / kHour),
                  static_cast<int>(s % kHour / kMinute));
}

std::string short_time(Language language, Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    const Seconds s = second_of_day(t);
    return format("%02d-%02d %s %02d:%02d", d.month, d.day, tr(language, kWeekdays[weekday_of_day(day_of(t))]),
                  static_cast<int>(s / kHour), static_cast<int>(s % kHour / kMinute));
}

std::string duration_text(Language language, const Duration& d) {
    const double v = d.typical();
    switch (d.unit) {
    case TimeUnit::minutes: return format(tr(language, Str::wt_unit_minutes), v);
    case TimeUnit::hours: return format(tr(language, Str::wt_unit_hours), v);
    case TimeUnit::working_days: return format(tr(language, Str::wt_unit_working_days), v);
    case TimeUnit::calendar_days: return format(tr(language, Str::wt_unit_days), v);
    }
    return "";
}

std::string hours_text(double hours) { return format("%.1f", hours); }

std::string step_name(const WalkSession& s, Language language, std::int32_t step) {
    const auto& steps = s.walk->variant().steps;
    if (step < 0 || step >= static_cast<std::int32_t>(steps.size())) return "";
    const Step& st = steps[static_cast<std::size_t>(step)];
    return pick(language, st.name, st.name_en);
}

std::string step_name(const WalkSession& s, Language language, const std::string& id) {
    for (const auto& st : s.walk->variant().steps)
        if (st.id == id) return pick(language, st.name, st.name_en);
    return id;
}

std::string department_name(const WalkSession& s, Language language, std::int32_t department) {
    const auto& ds = s.walk->engine().departments();
    if (department < 0 || department >= static_cast<std::int32_t>(ds.size())) return "";
    const Department& d = ds[static_cast<std::size_t>(department)];
    return pick(language, d.name, d.name_en);
}

std::string place_name(const WalkSession& s, Language language, std::int32_t place) {
    const auto& ps = s.scenario->places;
    if (place < 0 || place >= static_cast<std::int32_t>(ps.size())) return "";
    return pick(language, ps[static_cast<std::size_t>(place)].name, ps[static_cast<std::size_t>(place)].name_en);
}

std::string material_name(const WalkSession& s, Language language, const std::string& id) {
    if (const Material* m = s.scenario->material(id)) return pick(language, m->name, m->name_en);
    return id;
}

namespace {
std::string option_label_of(const WalkSession& s, Language language, const std::string& option_id) {
    for (const auto& b : s.walk->variant().branches)
        for (const auto& o : b.options)
            if (o.id == option_id) return pick(language, o.label, o.label_en);
    return option_id;
}
}  // namespace

std::string event_line(const WalkSession& s, Language L, const LogEvent& e) {
    const std::string step = step_name(s, L, e.step);
    const std::string dept = department_name(s, L, e.department);
    switch (e.activity) {
    case Activity::case_start: return format(tr(L, Str::wt_ev_case_start), pick(L, s.scenario->title, s.scenario->title_en).c_str());
    case Activity::leave_home: {
        std::string place;
        if (e.step >= 0) {
            const Step& st = s.walk->variant().steps[static_cast<std::size_t>(e.step)];
            const std::string& d = st.reception.empty() ? st.department : st.reception;
            for (const auto& dd : s.walk->engine().departments())
                if (dd.id == d)
                    if (const Place* p = s.scenario->place(dd.place)) place = pick(L, p->name, p->name_en);
        }
        return format(tr(L, Str::wt_ev_leave_home), place.c_str(), e.count);
    }
    case Activity::arrive_hall: return format(tr(L, Str::wt_ev_arrive_hall), dept.c_str());
    case Activity::join_queue: return format(tr(L, Str::wt_ev_join_queue), dept.c_str(), e.count);
    case Activity::service_start: return format(tr(L, Str::wt_ev_service_start), e.count, dept.c_str(), step.c_str());
    case Activity::handover: return format(tr(L, Str::wt_ev_handover), e.count, step.c_str());
    case Activity::accepted: return format(tr(L, Str::wt_ev_accepted), dept.c_str(), step.c_str());
    case Activity::rejected: return format(tr(L, Str::wt_ev_rejected), step.c_str(), e.detail.c_str());
    case Activity::online_submit: return format(tr(L, Str::wt_ev_online_submit), step.c_str());
    case Activity::review_start: return format(tr(L, Str::wt_ev_review_start), step.c_str(), dept.c_str());
    case Activity::step_complete: return format(tr(L, Str::wt_ev_step_complete), step.c_str());
    case Activity::material_received: return format(tr(L, Str::wt_ev_material), material_name(s, L, e.detail).c_str());
    case Activity::branch_decided: return format(tr(L, Str::wt_ev_branch), option_label_of(s, L, e.detail).c_str());
    case Activity::go_home: return tr(L, Str::wt_ev_go_home);
    case Activity::arrive_home: return tr(L, Str::wt_ev_arrive_home);
    case Activity::sent_home_closed: return tr(L, Str::wt_ev_sent_home);
    case Activity::step_skipped: return format(tr(L, Str::wt_ev_skipped), step.c_str());
    case Activity::case_finish: return format(tr(L, Str::wt_ev_finish), e.count);
    case Activity::case_stuck: return format(tr(L, Str::wt_ev_stuck), e.detail.c_str());
    }
    return "";
}

std::string decision_question(const WalkSession& s, Language L, const Decision& d) {
    switch (d.kind) {
    case DecisionKind::next_step: return tr(L, Str::wt_ask_next);
    case DecisionKind::channel: return format(tr(L, Str::wt_ask_channel), step_name(s, L, d.step).c_str());
    case DecisionKind::branch: {
        const Branch& b = s.walk->variant().branches[static_cast<std::size_t>(d.branch)];
        return pick(L, b.question, b.question_en);
    }
    case DecisionKind::handover: return format(tr(L, Str::wt_ask_handover), step_name(s, L, d.step).c_str());
    }
    return "";
}

std::string option_label(const WalkSession& s, Language L, const Decision& d, const std::string& option) {
    switch (d.kind) {
    case DecisionKind::next_step: {
        if (option == "wait") return tr(L, Str::wt_opt_wait);
        if (option == "home") return tr(L, Str::wt_opt_home);
        for (const auto& st : s.walk->variant().steps) {
            if (st.id != option) continue;
            const std::string& dept_id = st.reception.empty() ? st.department : st.reception;
            std::string where;
            for (const auto& dd : s.walk->engine().departments())
                if (dd.id == dept_id) where = pick(L, dd.name, dd.name_en);
            if (st.kind == StepKind::online) where = tr(L, Str::wt_online_portal);
            return format(tr(L, Str::wt_opt_step), pick(L, st.name, st.name_en).c_str(), where.c_str());
        }
        return option;
    }
    case DecisionKind::channel: return option == "online" ? tr(L, Str::wt_opt_online) : tr(L, Str::wt_opt_in_person);
    case DecisionKind::branch: return option_label_of(s, L, option);
    case DecisionKind::handover: return material_name(s, L, option);
    }
    return option;
}

std::string choice_label(const WalkSession& s, Language L, const Decision& d, const Choice& c) {
    if (c.kind != DecisionKind::handover) return option_label(s, L, d, c.value);
    std::string out = format(tr(L, Str::wt_handed), static_cast<int>(c.materials.size()));
    for (const auto& n : d.needed)
        if (std::find(c.materials.begin(), c.materials.end(), n) == c.materials.end())
            out += format(tr(L, Str::wt_handed_without), material_name(s, L, n).c_str());
    return out;
}

std::string where_text(const WalkSession& s, Language L) {
    const CitizenView v = s.walk->engine().citizen_view(0);
    const std::string place = place_name(s, L, v.place);
    const std::string dept = department_name(s, L, v.department);
    if (v.travelling) return format(tr(L, v.place == 0 ? Str::wt_where_going_home : Str::wt_where_going), place.c_str());
    if (v.in_queue) return format(tr(L, Str::wt_where_queue), place.c_str(), dept.c_str(), v.ticket, v.ahead);
    if (v.at_window) return format(tr(L, Str::wt_where_window), place.c_str(), dept.c_str(), v.ticket);
    if (v.place == 0) return format(tr(L, Str::wt_where_home), place.c_str());
    return format(tr(L, Str::wt_where_hall), place.c_str());
}

// What the clerk said at my latest window visit (or online submission).
std::vector<LogLine> clerk_lines(const WalkSession& s, Language L) {
    const auto& log = s.walk->log();
    std::vector<LogLine> out;
    std::size_t from = log.size();
    for (std::size_t i = log.size(); i-- > 0;) {
        const Activity a = log[i].activity;
        if (a == Activity::handover) from = i;
        else if (from < log.size() && a != Activity::handover) break;
    }
    for (std::size_t i = from; i < log.size(); ++i) {
        const LogEvent& e = log[i];
        if (e.activity == Activity::leave_home || e.activity == Activity::join_queue) break;
        const std::string step = step_name(s, L, e.step);
        if (e.activity == Activity::rejected) {
            out.push_back({e.time, format(tr(L, Str::wt_clerk_rejected), step.c_str(), e.detail.c_str()), 1});
        } else if (e.activity == Activity::accepted || e.activity == Activity::online_submit) {
            const Step& st = s.walk->variant().steps[static_cast<std::size_t>(e.step)];
            if (st.review.typical() > 0)
                out.push_back({e.time, format(tr(L, Str::wt_clerk_review), step.c_str(), duration_text(L, st.review).c_str()), 0});
            else
                out.push_back({e.time, format(tr(L, Str::wt_clerk_accepted), step.c_str()), 0});
        }
    }
    return out;
}

std::string jump_text(const AppState& state) { return jump_text(state.language, state.walk.jump); }

std::string jump_text(Language L, const ClockJump& j) {
    const std::string to = short_time(L, j.to);
    switch (j.reason) {
    case ClosedReason::lunch: return format(tr(L, Str::wt_closed_lunch), to.c_str());
    case ClosedReason::outside_hours: return format(tr(L, Str::wt_closed_night), to.c_str());
    case ClosedReason::weekend: return format(tr(L, Str::wt_closed_weekend), to.c_str());
    case ClosedReason::holiday:
        return format(tr(L, Str::wt_closed_holiday), pick(L, j.holiday, j.holiday_en).c_str(), to.c_str());
    case ClosedReason::open: break;
    }
    return "";
}

// ---------------------------------------------------------------- [SECTION] log

std::vector<LogLine> log_lines(const WalkSession& s, Language L) {
    std::vector<LogLine> out;
    const Calendar& cal = *s.calendar;
    const auto& log = s.walk->log();
    for (std::size_t i = 0; i < log.size(); ++i) {
        const LogEvent& e = log[i];
        if (e.citizen != 0) continue;
        // Weekends and holidays between the previous event and this one.
        if (!out.empty()) {
            std::int64_t day = day_of(out.back().time) + 1;
            const std::int64_t last = day_of(e.time);
            while (day < last) {
                if (cal.is_working_day(day)) { ++day; continue; }
                std::int64_t end = day;
                const HolidayPeriod* h = cal.holiday_at(day);
                while (end + 1 < last && !cal.is_working_day(end + 1) && cal.holiday_at(end + 1) == h) ++end;
                const CivilDate a = civil_from_days(day), b = civil_from_days(end);
                const std::string span = format("%02d-%02d~%02d-%02d", a.month, a.day, b.month, b.day);
                std::string text = h ? format(tr(L, Str::wt_log_holiday), pick(L, h->name, h->name_en).c_str(), span.c_str())
                                     : format(tr(L, Str::wt_log_weekend), span.c_str());
                out.push_back({day * kDay, text, 2});
                day = end + 1;
            }
        }
        const int kind = e.activity == Activity::rejected ? 1
                         : e.activity == Activity::case_finish || e.activity == Activity::case_stuck ? 3 : 0;
        out.push_back({e.time, event_line(s, L, e), kind});
    }
    return out;
}

}  // namespace peizou::app::walkthrough
