// [SECTION] commands   [SECTION] clock animation   [SECTION] after-reform walk
// [SECTION] debrief numbers   [SECTION] problem list   (readable text and the log: walkthrough_text.cpp)
#include "walkthrough_session.hpp"

#include <algorithm>

#include "core/policy.hpp"
#include "fonts.hpp"
#include "platform/backend.hpp"
#include "scenario/class_report.hpp"
#include "scenario/walk_io.hpp"

namespace peizou::app::walkthrough {

namespace {

WalkSession make_session(const Scenario& scenario, const std::string& file, const std::string& variant,
                         std::uint64_t seed) {
    WalkSession s;
    s.scenario = std::make_unique<Scenario>(scenario);
    s.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(*s.scenario));
    s.walk = std::make_unique<Walk>(*s.scenario, *s.calendar, variant, seed);
    s.file = file;
    return s;
}

void set_message(WalkState& w, std::string zh, std::string en, bool error = true) {
    w.message_zh = std::move(zh);
    w.message_en = std::move(en);
    w.message_is_error = error;
}

void update_phase(WalkState& w) {
    if (!w.session.walk) {
        w.phase = WalkPhase::setup;
        return;
    }
    const Engine::Status st = w.session.walk->engine().status();
    if (st != Engine::Status::running) w.animating = false;
    w.phase = st == Engine::Status::finished ? WalkPhase::debrief : WalkPhase::walking;
}

// Every name the walk may show, so the atlas has its characters before they appear.
void register_text(AppState& state, const WalkSession& s) {
    auto add = [&](const std::string& zh, const std::string& en) {
        fonts_add_text(state, zh);
        fonts_add_text(state, en);
    };
    add(s.scenario->title, s.scenario->title_en);
    for (const auto& d : s.walk->engine().departments()) add(d.name, d.name_en);
    for (const auto& p : s.scenario->places) add(p.name, p.name_en);
    for (const auto& m : s.scenario->materials) add(m.name, m.name_en), fonts_add_text(state, m.obtain_hint);
    for (const auto& v : s.scenario->variants) {
        add(v.title, v.title_en);
        for (const auto& st : v.steps) add(st.name, st.name_en), fonts_add_text(state, st.rework_reason);
        for (const auto& b : v.branches) {
            add(b.question, b.question_en);
            for (const auto& o : b.options) add(o.label, o.label_en);
        }
    }
    for (const auto& h : s.calendar->holidays().holidays) add(h.name, h.name_en);
}

// The bytes of a library entry's file (built-in or one of my files).
bool read_entry(const AppState& state, const LibraryEntry& e, std::string& text) {
    const std::string user_prefix = "user/";
    if (e.user && e.file.rfind(user_prefix, 0) == 0)
        return platform::read_file(state.user.dir + "/" + e.file.substr(user_prefix.size()), text);
    return platform::read_file(state.library.dir + "/" + e.file, text);
}

}  // namespace

std::string entry_sha256(const AppState& state, int entry) {
    if (entry < 0 || entry >= static_cast<int>(state.library.entries.size())) return "";
    std::string text;
    if (!read_entry(state, state.library.entries[static_cast<std::size_t>(entry)], text)) return "";
    return scenario::scenario_sha256(text);
}

bool needed_known(const WalkState& w, const Decision& d) {
    if (!w.session.walk || d.step < 0) return false;
    if (std::find(w.helper_told.begin(), w.helper_told.end(), d.step) != w.helper_told.end()) return true;
    for (const LogEvent& e : w.session.walk->log())
        if (e.citizen == 0 && e.activity == Activity::rejected && e.step == d.step) return true;
    return false;
}

// ---------------------------------------------------------------- [SECTION] commands

namespace {
std::string date_text(Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    return format("%04d-%02d-%02d", d.year, d.month, d.day);
}

// Whether `day` may begin a walk: its year is one the holiday data covers.
bool start_covered(const Scenario& sc, std::int64_t day, std::string& years) {
    const Calendar cal = scenario::scenario_calendar(sc);
    const auto& covered = cal.holidays().covered_years;
    if (!covered.empty()) years = format("%d–%d", covered.front(), covered.back());
    return cal.covers(day);
}
}  // namespace

bool start(AppState& state, int entry, const std::string& variant, std::int64_t seed) {
    WalkState& w = state.walk;
    const auto& entries = state.library.entries;
    if (entry < 0 || entry >= static_cast<int>(entries.size()) || !entries[static_cast<std::size_t>(entry)].result.ok) {
        set_message(w, S(state, Str::wt_no_scenario), tr(Language::en, Str::wt_no_scenario));
        return false;
    }
    const Scenario& sc = entries[static_cast<std::size_t>(entry)].result.scenario;
    std::int64_t day = 0;
    std::string years;
    if (w.start_date.empty()) return start(state, entry, variant, seed, 0);
    const bool real = scenario::parse_date(w.start_date, day);
    if (!start_covered(sc, day, years) || !real) {
        set_message(w, format(tr(Language::zh, Str::cl_bad_start), w.start_date.c_str(), years.c_str()),
                    format(tr(Language::en, Str::cl_bad_start), w.start_date.c_str(), years.c_str()));
        fonts_add_text(state, w.start_date);
        return false;
    }
    return start(state, entry, variant, seed, day * kDay + second_of_day(sc.start));
}

void set_trainee(AppState& state, const std::string& name) {
    WalkState& w = state.walk;
    w.trainee = name;
    fonts_add_text(state, name);
    if (w.session.walk) w.session.walk->set_trainee(name);
}

bool start(AppState& state, int entry, const std::string& variant, std::int64_t seed, Seconds at) {
    WalkState& w = state.walk;
    const auto& entries = state.library.entries;
    if (entry < 0 || entry >= static_cast<int>(entries.size()) || !entries[static_cast<std::size_t>(entry)].result.ok) {
        set_message(w, S(state, Str::wt_no_scenario), tr(Language::en, Str::wt_no_scenario));
        return false;
    }
    const LibraryEntry& e = entries[static_cast<std::size_t>(entry)];
    std::string years;
    if (at != 0 && at != e.result.scenario.start && !start_covered(e.result.scenario, day_of(at), years)) {
        set_message(w, format(tr(Language::zh, Str::cl_bad_start), date_text(at).c_str(), years.c_str()),
                    format(tr(Language::en, Str::cl_bad_start), date_text(at).c_str(), years.c_str()));
        return false;
    }
    w.scenario_file = e.file;
    w.seed = std::max<std::int64_t>(seed, 0);
    w.start_date = at == 0 || at == e.result.scenario.start ? "" : date_text(at);
    w.session = make_session(started_at(e.result.scenario, at), e.file, variant, static_cast<std::uint64_t>(w.seed));
    w.session.scenario_sha256 = entry_sha256(state, entry);
    w.session.walk->set_trainee(w.trainee);
    w.variant = w.session.walk->record().variant;
    w.after = WalkSession{};
    w.model = WalkSession{};
    w.rewind_pick = -1;
    w.helper_told.clear();
    w.jump = ClockJump{};
    w.checked_for = SIZE_MAX;
    w.pain = PainDialog{};
    w.exported.clear();
    set_message(w, "", "");
    register_text(state, w.session);
    w.animating = true;
    w.phase = WalkPhase::walking;
    return true;
}

bool choose(AppState& state, const Choice& choice) {
    WalkState& w = state.walk;
    if (!w.session.walk) return false;
    const Decision* pending = w.session.walk->pending();
    if (!pending) {
        set_message(w, "现在没有需要做的选择", "there is no decision to make now");
        return false;
    }
    const Decision asked = *pending;
    std::string zh, en;
    if (!w.session.walk->choose(choice, &zh, &en)) {
        set_message(w, zh, en);
        return false;
    }
    w.session.history.push_back(asked);
    set_message(w, "", "");
    w.helper_zh.clear();
    w.helper_en.clear();
    w.after = WalkSession{};
    w.model = WalkSession{};
    w.animating = true;
    w.scroll_log = true;
    return true;
}

namespace {
void sync_checklist(WalkState& w) {
    const Decision* d = w.session.walk ? w.session.walk->pending() : nullptr;
    if (!d || d->kind != DecisionKind::handover) return;
    if (w.checked_for == w.session.history.size() && w.checked.size() == d->options.size()) return;
    // Nothing ticked to start with: knowing which papers this window wants is the lesson.
    w.checked.assign(d->options.size(), 0);
    w.checked_for = w.session.history.size();
}
}  // namespace

bool hand_over_checked(AppState& state) {
    WalkState& w = state.walk;
    const Decision* d = w.session.walk ? w.session.walk->pending() : nullptr;
    if (!d || d->kind != DecisionKind::handover) return false;
    sync_checklist(w);
    Choice c;
    c.kind = DecisionKind::handover;
    for (std::size_t i = 0; i < d->options.size(); ++i)
        if (w.checked[i]) c.materials.push_back(d->options[i]);
    return choose(state, c);
}

bool choose_option(AppState& state, std::size_t index) {
    WalkState& w = state.walk;
    const Decision* d = w.session.walk ? w.session.walk->pending() : nullptr;
    if (!d || index >= d->options.size()) return false;
    if (d->kind == DecisionKind::handover) {
        sync_checklist(w);
        w.checked[index] = !w.checked[index];
        return true;
    }
    Choice c;
    c.kind = d->kind;
    c.value = d->options[index];
    return choose(state, c);
}

void rewind(AppState& state, std::size_t index) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    index = std::min(index, w.session.history.size());
    w.session.walk->rewind(index);
    w.session.history.resize(std::min(index, w.session.walk->record().choices.size()));
    w.animating = false;
    w.jump = ClockJump{};
    w.checked_for = SIZE_MAX;
    w.after = WalkSession{};
    w.model = WalkSession{};
    w.rewind_pick = -1;
    w.scroll_log = true;
    set_message(w, format(tr(Language::zh, Str::wt_rewound), static_cast<int>(index) + 1),
                format(tr(Language::en, Str::wt_rewound), static_cast<int>(index) + 1), false);
    update_phase(w);
}

void rewind_one(AppState& state) {
    const std::size_t n = state.walk.session.history.size();
    if (n > 0) rewind(state, n - 1);
}

namespace {
ClockJump describe_jump(const Calendar& cal, Seconds from, Seconds to);
}

void skip(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    const Seconds from = w.session.walk->engine().now();
    w.session.walk->advance();
    // A skip over a weekend or a holiday still says so: the trainee must feel the days.
    w.jump = ClockJump{};
    const Seconds to = w.session.walk->engine().now();
    if (day_of(to) > day_of(from)) {
        ClockJump j = describe_jump(*w.session.calendar, from, to);
        if (j.reason == ClosedReason::weekend || j.reason == ClosedReason::holiday) {
            // "…, the clock jumps to" the first opening after those closed days.
            const Calendar& cal = *w.session.calendar;
            std::int64_t day = day_of(from) + 1;
            while (day < day_of(to) && cal.is_working_day(day)) ++day;
            const Seconds open = cal.next_open(day * kDay);
            j.to = open < to ? open : to;
            j.shown_at = w.real_time;
            w.jump = j;
        }
    }
    w.scroll_log = true;
    update_phase(w);
}

void add_flag(AppState& state, const std::string& category, const std::string& note) {
    WalkState& w = state.walk;
    if (!w.session.walk) return;
    PainFlag f;
    f.category = category;
    f.note = note;
    f.time = w.session.walk->engine().now();
    // The step I am on: the one the pending decision concerns, else the latest event's.
    std::int32_t step = -1;
    if (const Decision* d = w.session.walk->pending()) step = d->step;
    const auto& log = w.session.walk->log();
    for (auto it = log.rbegin(); step < 0 && it != log.rend(); ++it)
        if (it->step >= 0 && it->activity != Activity::step_skipped) step = it->step;
    if (step >= 0) f.step = w.session.walk->variant().steps[static_cast<std::size_t>(step)].id;
    fonts_add_text(state, note);
    w.session.walk->flag(f);
}

std::string record_json(const WalkSession& session) {
    return session.walk ? scenario::save_walk(session.walk->record(), session.scenario_sha256) : std::string();
}

bool import_record(AppState& state, const std::string& text) {
    WalkState& w = state.walk;
    const scenario::WalkLoad load = scenario::load_walk(text);
    if (!load.ok) {
        std::string zh, en;
        for (const auto& i : load.issues) {
            const std::string at = i.line > 0 ? std::to_string(i.line) + ":" + std::to_string(i.column) + " " : "";
            zh += (zh.empty() ? "" : "；") + at + i.path + " " + i.message_zh;
            en += (en.empty() ? "" : "; ") + at + i.path + " " + i.message_en;
        }
        set_message(w, format(tr(Language::zh, Str::wt_import_failed), zh.c_str()),
                    format(tr(Language::en, Str::wt_import_failed), en.c_str()));
        return false;
    }
    const WalkRecord& r = load.record;
    int entry = -1;
    for (std::size_t i = 0; i < state.library.entries.size(); ++i)
        if (state.library.entries[i].result.ok && state.library.entries[i].result.scenario.id == r.scenario)
            entry = static_cast<int>(i);
    if (entry < 0 || !state.library.entries[static_cast<std::size_t>(entry)].result.scenario.variant(r.variant)) {
        const std::string what = r.scenario + " / " + r.variant;
        set_message(w, format(tr(Language::zh, Str::wt_import_failed), what.c_str()),
                    format(tr(Language::en, Str::wt_import_failed), what.c_str()));
        return false;
    }
    // Read as strictly as `peizou replay`: a choice the walk refuses, or choices left after
    // it has ended, refuse the whole record (located), before the current walk is touched.
    // A record that stops before the end is a walk to go on with, as is one that gets stuck.
    const Scenario& sc = state.library.entries[static_cast<std::size_t>(entry)].result.scenario;
    const ReplayResult check = replay_walk(sc, scenario::scenario_calendar(sc), r);
    if (!check.ok && check.error_choice >= 1 && check.error_choice <= r.choices.size()) {
        scenario::Issue bad;
        bad.path = "/choices/" + std::to_string(check.error_choice - 1);
        bad = scenario::locate_walk_issue(text, bad);
        const std::string at = std::to_string(bad.line) + ":" + std::to_string(bad.column) + " " + bad.path + " ";
        set_message(w, format(tr(Language::zh, Str::wt_import_failed), (at + check.error_zh).c_str()),
                    format(tr(Language::en, Str::wt_import_failed), (at + check.error_en).c_str()));
        return false;
    }
    w.trainee = r.trainee;  // the record's name and start date (issue 18)
    if (!start(state, entry, r.variant, static_cast<std::int64_t>(r.seed), r.start)) return false;
    Walk& walk = *w.session.walk;
    for (std::size_t i = 0; i < r.choices.size(); ++i) {
        walk.advance();
        if (!walk.pending()) break;
        const Decision asked = *walk.pending();
        std::string zh, en;
        if (!walk.choose(r.choices[i], &zh, &en)) break;  // not reached: checked above
        w.session.history.push_back(asked);
    }
    for (const PainFlag& f : r.flags) {
        fonts_add_text(state, f.note);
        walk.flag(f);
    }
    walk.advance();
    w.animating = false;
    if (w.message_zh.empty())
        set_message(w, format(tr(Language::zh, Str::wt_imported), static_cast<int>(r.choices.size())),
                    format(tr(Language::en, Str::wt_imported), static_cast<int>(r.choices.size())), false);
    // Made on another version of the scenario file: replayed anyway, with a warning.
    std::string file_text;
    scenario::Issue changed;
    const LibraryEntry& e = state.library.entries[static_cast<std::size_t>(entry)];
    if (read_entry(state, e, file_text) && scenario::scenario_mismatch(load, file_text, &changed)) {
        changed = scenario::locate_walk_issue(text, changed);  // line:column of the record's fingerprint
        const std::string at = std::to_string(changed.line) + ":" + std::to_string(changed.column) + " " + changed.path + " ";
        set_message(w, w.message_zh + "\n" + format(tr(Language::zh, Str::wt_sha_mismatch), (at + changed.message_zh).c_str()),
                    w.message_en + "\n" + format(tr(Language::en, Str::wt_sha_mismatch), (at + changed.message_en).c_str()));
    }
    update_phase(w);
    return true;
}

void back_to_setup(AppState& state) {
    WalkState& w = state.walk;
    w.session = WalkSession{};
    w.after = WalkSession{};
    w.model = WalkSession{};
    w.rewind_pick = -1;
    w.animating = false;
    w.phase = WalkPhase::setup;
    set_message(w, "", "");
}

bool helper_here(const WalkSession& s) {
    if (!s.walk) return false;
    const CitizenView v = s.walk->engine().citizen_view(0);
    if (v.place <= 0 || v.travelling) return false;
    const std::string& place = s.scenario->places[static_cast<std::size_t>(v.place)].id;
    for (const auto& d : s.walk->engine().departments())
        if (d.helper_desk && d.place == place) return true;
    return false;
}

void ask_helper(AppState& state) {
    WalkState& w = state.walk;
    const WalkSession& s = w.session;
    const Decision* d = s.walk ? s.walk->pending() : nullptr;
    if (!d || d->kind != DecisionKind::next_step || !helper_here(s)) return;
    const CitizenView v = s.walk->engine().citizen_view(0);
    auto holds = [&](const std::string& m) {
        return std::find(v.held.begin(), v.held.end(), m) != v.held.end() ||
               std::find(v.submitted.begin(), v.submitted.end(), m) != v.submitted.end();
    };
    for (Language L : {Language::zh, Language::en}) {
        std::string advice;
        for (const auto& o : d->options) {
            if (o == "wait" || o == "home") continue;
            for (const auto& st : s.walk->variant().steps) {
                if (st.id != o) continue;
                const auto idx = static_cast<std::int32_t>(&st - s.walk->variant().steps.data());
                if (std::find(w.helper_told.begin(), w.helper_told.end(), idx) == w.helper_told.end())
                    w.helper_told.push_back(idx);
                std::string missing;
                for (const auto& m : st.needs) {
                    if (holds(m)) continue;
                    const Material* mm = s.scenario->material(m);
                    missing += format(tr(L, Str::wt_helper_missing), material_name(s, L, m).c_str(),
                                      mm ? mm->obtain_hint.c_str() : "");
                }
                advice += format(tr(L, missing.empty() ? Str::wt_helper_ready : Str::wt_helper_step),
                                 pick(L, st.name, st.name_en).c_str(), missing.c_str());
            }
        }
        (L == Language::zh ? w.helper_zh : w.helper_en) = advice;
    }
}

// ---------------------------------------------------------------- [SECTION] clock animation

namespace {
// Why the clock skips [from, to): a holiday or weekend day in between wins over the
// night or lunch break at `from`.
ClockJump describe_jump(const Calendar& cal, Seconds from, Seconds to) {
    ClockJump j;
    j.from = from;
    j.to = to;
    j.reason = cal.closed_reason(from);
    for (std::int64_t day = day_of(from); day <= day_of(to); ++day) {
        if (cal.is_working_day(day)) continue;
        if (const HolidayPeriod* h = cal.holiday_at(day)) {
            j.reason = ClosedReason::holiday;
            j.holiday = h->name;
            j.holiday_en = h->name_en;
            break;
        }
        j.reason = ClosedReason::weekend;
    }
    return j;
}
}  // namespace

void animate(AppState& state, double real_time) {
    WalkState& w = state.walk;
    if (!w.animating || !w.session.walk) return;
    Walk& walk = *w.session.walk;
    if (walk.engine().status() != Engine::Status::running) {
        update_phase(w);
        return;
    }
    const Calendar& cal = *w.session.calendar;
    const Seconds now = walk.engine().now();
    Seconds until;
    if (cal.closed_reason(now) != ClosedReason::open) {
        until = cal.next_open(now);
        if (until >= kNever / 2) until = INT64_MAX;
        else {
            w.jump = describe_jump(cal, now, until);
            w.jump.shown_at = real_time;
        }
    } else {
        // Minutes per frame while I queue or travel; longer steps while I wait at home.
        const CitizenView v = walk.engine().citizen_view(0);
        const Seconds step = (v.in_queue || v.at_window || v.travelling || v.place != 0) ? 40 : 12 * kMinute;
        until = std::min(now + step, cal.close_of_interval(now));
        if (until <= now) until = now + step;
    }
    walk.advance(until);
    if (walk.engine().status() != Engine::Status::running) {
        w.scroll_log = true;
        update_phase(w);
    }
}

// ---------------------------------------------------------------- [SECTION] after-reform walk

std::string after_variant(const Scenario& sc, const std::string& walked) {
    return scenario::reform_variant(sc, walked);  // the class view's reformed column follows the same rule
}

namespace {
// The model citizen through `variant`: the default policy (core/policy.hpp, the same
// as the presentation's and Monte Carlo's), with the trainee's branch options.
WalkSession model_session(const WalkSession& mine, const std::string& variant, const BranchOptions& branch_taken) {
    WalkSession m = make_session(*mine.scenario, mine.file, variant, mine.walk->record().seed);
    m.walk = peizou::model_walk(*m.scenario, *m.calendar, variant, mine.walk->record().seed, branch_taken, &m.history);
    return m;
}
}  // namespace

bool walk_after(AppState& state) {
    WalkState& w = state.walk;
    if (!w.session.walk) return false;
    const Scenario& sc = *w.session.scenario;
    const std::string& current = w.session.walk->record().variant;
    const std::string other = after_variant(sc, current);
    if (other.empty()) {
        set_message(w, S(state, Str::wt_after_none), tr(Language::en, Str::wt_after_none));
        return false;
    }
    BranchOptions branch_taken;  // the trainee's options at branches
    const auto& choices = w.session.walk->record().choices;
    for (std::size_t i = 0; i < w.session.history.size() && i < choices.size(); ++i) {
        const Decision& d = w.session.history[i];
        if (d.kind == DecisionKind::branch)
            branch_taken[w.session.walk->variant().branches[static_cast<std::size_t>(d.branch)].id] = choices[i].value;
    }
    w.model = model_session(w.session, current, branch_taken);
    w.after = model_session(w.session, other, branch_taken);
    register_text(state, w.after);
    return w.model.walk->finished() && w.after.walk->finished();
}

// ---------------------------------------------------------------- [SECTION] debrief numbers

Timeline timeline(const WalkSession& s) {
    return build_timeline(*s.scenario, s.walk->variant(), s.walk->log(), 0, s.walk->record().seed);
}

std::vector<StepCost> step_costs(const WalkSession& s) {
    const auto& steps = s.walk->variant().steps;
    const Timeline t = timeline(s);
    std::vector<StepCost> out;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const TimelineStep& ts = t.steps[i];
        if (!ts.seen) continue;
        StepCost c;
        c.step = static_cast<std::int32_t>(i);
        c.first = ts.first;
        c.done = ts.done;
        c.citizen = ts.citizen;
        c.rejections = ts.rejections;
        for (const PainFlag& f : s.walk->record().flags)
            if (steps[i].id == f.step) c.flags.push_back(&f);
        out.push_back(std::move(c));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const StepCost& a, const StepCost& b) { return a.done - a.first > b.done - b.first; });
    return out;
}

// ---------------------------------------------------------------- [SECTION] problem list

namespace {
const char* kCategoryKeys[kCategoryCount] = {"runs_many", "repeat_materials", "long_queue", "long_review",
                                             "lost", "overdue", "other"};
const Str kCategoryLabels[kCategoryCount] = {Str::wt_pc_runs_many, Str::wt_pc_repeat, Str::wt_pc_queue,
                                             Str::wt_pc_review, Str::wt_pc_lost, Str::wt_pc_overdue,
                                             Str::wt_pc_other};

std::string days_text(Seconds s) { return format("%.1f", static_cast<double>(s) / kDay); }

std::string csv_field(const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string md_cell(std::string v) {
    for (auto& c : v)
        if (c == '|' || c == '\n') c = ' ';
    return v;
}

struct Problem {
    std::string step, category, note, time, elapsed;
    int rejections = 0;
};

// Flags beside the cost of their step, most costly step first; unattached flags last.
std::vector<Problem> problems(const AppState& state) {
    const WalkSession& s = state.walk.session;
    const Language L = state.language;
    std::vector<Problem> out;
    std::vector<const PainFlag*> placed;
    for (const StepCost& c : step_costs(s))
        for (const PainFlag* f : c.flags) {
            const int k = category_index(f->category);
            out.push_back({step_name(s, L, c.step), tr(L, category_label(k)), f->note, short_time(L, f->time),
                           days_text(c.done - c.first), c.rejections});
            placed.push_back(f);
        }
    for (const PainFlag& f : s.walk->record().flags) {
        if (std::find(placed.begin(), placed.end(), &f) != placed.end()) continue;
        const int k = category_index(f.category);
        out.push_back({step_name(s, L, f.step), tr(L, category_label(k)), f.note, short_time(L, f.time), "", 0});
    }
    return out;
}
}  // namespace

const char* category_key(int index) { return kCategoryKeys[std::clamp(index, 0, kCategoryCount - 1)]; }
Str category_label(int index) { return kCategoryLabels[std::clamp(index, 0, kCategoryCount - 1)]; }
int category_index(const std::string& key) {
    for (int i = 0; i < kCategoryCount; ++i)
        if (key == kCategoryKeys[i]) return i;
    return kCategoryCount - 1;
}

std::string problems_markdown(const AppState& state) {
    const WalkSession& s = state.walk.session;
    if (!s.walk) return "";
    const Language L = state.language;
    const Variant& v = s.walk->variant();
    std::string md = format(tr(L, Str::wt_md_title), pick(L, s.scenario->title, s.scenario->title_en).c_str(),
                            pick(L, v.title, v.title_en).c_str());
    md += format(tr(L, Str::wt_md_meta), static_cast<unsigned long long>(s.walk->record().seed),
                 clock_text(L, s.walk->engine().start()).c_str(), clock_text(L, s.walk->engine().now()).c_str());
    const CaseMeasures m = s.walk->engine().citizen_view(0).so_far;
    md += format(tr(L, Str::wt_md_burden), m.trips, m.window_visits, m.departments, m.submissions,
                 m.repeat_submissions, m.rejections, m.citizen_hours(), m.calendar_days(), m.working_days);
    md += std::string("| # | ") + tr(L, Str::wt_col_step) + " | " + tr(L, Str::wt_col_category) + " | " +
          tr(L, Str::wt_col_note) + " | " + tr(L, Str::wt_col_time) + " | " + tr(L, Str::wt_col_elapsed_days) +
          " | " + tr(L, Str::wt_col_rejections) + " |\n|---|---|---|---|---|---|---|\n";
    int i = 0;
    for (const Problem& p : problems(state))
        md += format("| %d | %s | %s | %s | %s | %s | %d |\n", ++i, md_cell(p.step).c_str(), p.category.c_str(),
                     md_cell(p.note).c_str(), p.time.c_str(), p.elapsed.c_str(), p.rejections);
    if (i == 0) md += std::string("| | ") + tr(L, Str::wt_no_flags) + " | | | | | |\n";
    return md;
}

std::string problems_csv(const AppState& state) {
    const Language L = state.language;
    std::string csv = std::string("#,") + tr(L, Str::wt_col_step) + "," + tr(L, Str::wt_col_category) + "," +
                      tr(L, Str::wt_col_note) + "," + tr(L, Str::wt_col_time) + "," +
                      tr(L, Str::wt_col_elapsed_days) + "," + tr(L, Str::wt_col_rejections) + "\n";
    if (!state.walk.session.walk) return csv;
    int i = 0;
    for (const Problem& p : problems(state))
        csv += format("%d,%s,%s,%s,%s,%s,%d\n", ++i, csv_field(p.step).c_str(), csv_field(p.category).c_str(),
                      csv_field(p.note).c_str(), csv_field(p.time).c_str(), p.elapsed.c_str(), p.rejections);
    return csv;
}

}  // namespace peizou::app::walkthrough
