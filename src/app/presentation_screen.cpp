// 演示 Presentation: a chosen scenario's before and after walks play themselves side by
// side on one clock, with a narrated caption, the running burden counters and the
// time chart growing. Both walks are walked to the end first by the default citizen
// policy (core/policy.hpp, the debrief's model citizen too), so playback is only a cursor over two finished logs:
// pausing, stepping and changing speed are exact and cheap.
//
// [SECTION] building the walks   [SECTION] playback   [SECTION] drawing
// [SECTION] test API
#include <algorithm>
#include <cmath>

#include "core/policy.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::presentation {

using walkthrough::event_line;
using walkthrough::format;
using walkthrough::S;

namespace {

const ImVec4 kBlue(0.15f, 0.35f, 0.65f, 1);
const ImVec4 kRed(0.75f, 0.10f, 0.10f, 1);
const ImVec4 kGreen(0.10f, 0.50f, 0.20f, 1);
constexpr double kDefaultPlaySeconds = 40;  // the longer walk plays in this long at ×1
const double kSpeeds[] = {0.25, 0.5, 1, 2, 4, 8, 16};

// ---------------------------------------------------------------- [SECTION] building the walks

int entry_of(const AppState& state) {
    const int held = entry_index(state.library, state.presentation.scenario_file);
    return held >= 0 ? held : entry_index(state.library, state.library.selected);
}

const Scenario* scenario_of(const AppState& state) {
    const int i = entry_of(state);
    const auto& entries = state.library.entries;
    if (i < 0 || i >= static_cast<int>(entries.size()) || !entries[static_cast<std::size_t>(i)].result.ok) return nullptr;
    return &entries[static_cast<std::size_t>(i)].result.scenario;
}

// One walk answered throughout by the default policy (core/policy.hpp).
WalkSession autoplay(const Scenario& scenario, const std::string& variant, std::uint64_t seed) {
    WalkSession s;
    s.scenario = std::make_unique<Scenario>(scenario);
    s.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(*s.scenario));
    s.walk = model_walk(*s.scenario, *s.calendar, variant, seed, {}, &s.history);
    return s;
}

Seconds finish_of(const WalkSession& s) {
    const auto& log = s.walk->log();
    return log.empty() ? s.walk->engine().start() : log.back().time;
}

}  // namespace

bool start(AppState& state) {  // screens.hpp: the Library's 演示 button calls it too
    PresentationState& p = state.presentation;
    const Scenario* sc = scenario_of(state);
    if (!sc || sc->variants.size() < 2) return false;
    std::string after = p.after;
    if (!sc->variant(after) || after == sc->variants.front().id) after = sc->variants[1].id;
    p.after = after;
    p.sides[0] = autoplay(*sc, sc->variants.front().id, static_cast<std::uint64_t>(p.seed));
    p.sides[1] = autoplay(*sc, after, static_cast<std::uint64_t>(p.seed));
    p.start = p.sides[0].walk->engine().start();
    p.end = std::max(finish_of(p.sides[0]), finish_of(p.sides[1]));
    p.cursor = 0;
    p.paused = false;
    p.paused_events.clear();
    p.pause_caption.clear();
    p.scale_before = state.scale;
    state.scale = 2.0f;  // projector type
    p.presenting = true;
    platform::set_fullscreen(true);  // refused (no recent click or key): stays in the window
    return true;
}

namespace {

void stop(AppState& state) {
    PresentationState& p = state.presentation;
    p.presenting = false;
    state.scale = p.scale_before;
    platform::set_fullscreen(false);
}

// ---------------------------------------------------------------- [SECTION] playback

double span(const PresentationState& p) { return static_cast<double>(std::max<Seconds>(p.end - p.start, kHour)); }
Seconds now_of(const PresentationState& p) { return p.start + static_cast<Seconds>(p.cursor); }

// Event times of both walks, sorted: the stops of ←/→.
std::vector<Seconds> event_times(const PresentationState& p) {
    std::vector<Seconds> t;
    for (const auto& s : p.sides)
        for (const auto& e : s.walk->log()) t.push_back(e.time);
    std::sort(t.begin(), t.end());
    t.erase(std::unique(t.begin(), t.end()), t.end());
    return t;
}

void step_event(PresentationState& p, int direction) {
    const Seconds now = now_of(p);
    const std::vector<Seconds> times = event_times(p);
    p.paused = true;
    p.pause_caption.clear();
    if (direction > 0) {
        auto it = std::upper_bound(times.begin(), times.end(), now);
        if (it != times.end()) p.cursor = static_cast<double>(*it - p.start);
    } else {
        auto it = std::lower_bound(times.begin(), times.end(), now);
        p.cursor = it == times.begin() ? 0 : static_cast<double>(*(it - 1) - p.start);
    }
}

void change_speed(PresentationState& p, int direction) {
    const int n = static_cast<int>(sizeof kSpeeds / sizeof kSpeeds[0]);
    int i = 0;
    while (i < n - 1 && kSpeeds[i] < p.speed) ++i;
    i = std::clamp(i + direction, 0, n - 1);
    p.speed = kSpeeds[i];
}

// Moves the cursor by `real_seconds` of playback, stopping at a step the presenter marked.
void play(PresentationState& p, double real_seconds) {
    if (p.paused || p.cursor >= span(p)) return;
    const double before = p.cursor;
    p.cursor = std::min(span(p), p.cursor + real_seconds * p.speed * span(p) / kDefaultPlaySeconds);
    for (int side = 0; side < 2; ++side) {
        const WalkSession& s = p.sides[side];
        const auto& log = s.walk->log();
        for (std::size_t i = 0; i < log.size(); ++i) {
            const double at = static_cast<double>(log[i].time - p.start);
            if (at <= before || at > p.cursor || log[i].step < 0) continue;
            if (log[i].activity != Activity::service_start && log[i].activity != Activity::review_start) continue;
            const Step& st = s.walk->variant().steps[static_cast<std::size_t>(log[i].step)];
            const std::size_t key = i * 2 + static_cast<std::size_t>(side);
            if (!st.presenter_pause || p.paused_events.count(key)) continue;
            p.paused_events.insert(key);
            p.cursor = at;
            p.paused = true;
            p.pause_caption = st.caption.empty() ? st.name : st.caption;
            return;
        }
    }
}

// Burden so far: the walk's timeline up to `now` (core/timeline.hpp, as the debrief).
struct Counters {
    int trips = 0, windows = 0, rejections = 0, submissions = 0;
    double citizen_hours = 0;
    bool finished = false;
};

Counters counters_at(const WalkSession& s, Seconds now) {
    const Timeline t = build_timeline(*s.scenario, s.walk->variant(), s.walk->log(), 0, s.walk->record().seed, now);
    Counters c;
    c.trips = t.trips;
    c.windows = t.window_visits;
    c.rejections = t.rejections;
    c.submissions = t.submissions;
    c.finished = t.finished;
    for (const TimelineSegment& g : walkthrough::timeline(s).segments) {
        if (!citizen_lane(g.lane) || g.from >= now) continue;
        c.citizen_hours += static_cast<double>(std::min(g.to, now) - g.from) / kHour;
    }
    return c;
}

// The time chart's bars up to `now`: every segment of a chart row begun by then, cut at `now`.
std::vector<TimelineSegment> bars_at(const WalkSession& s, Seconds now) {
    std::vector<TimelineSegment> bars;
    for (TimelineSegment g : walkthrough::timeline(s).segments) {
        if (g.from > now || chart_row(g.lane) < 0) continue;
        g.to = std::min(g.to, now);
        bars.push_back(g);
    }
    return bars;
}

// The caption: the latest event up to now, narrated ("第2次跑动：缺少《清税证明》…").
std::string caption_at(const AppState& state, const WalkSession& s, Seconds now) {
    const LogEvent* last = nullptr;
    for (const LogEvent& e : s.walk->log()) {
        if (e.time > now) break;
        last = &e;
    }
    if (!last) return {};
    const int trips = counters_at(s, now).trips;
    // The presenter's own captions show while paused at their steps (pause_caption).
    const std::string line = event_line(s, state.language, *last);
    if (trips > 0 && last->activity != Activity::case_finish)
        return format(S(state, Str::pr_trip_caption), trips, line.c_str());
    return line;
}

// ---------------------------------------------------------------- [SECTION] drawing

void draw_setup(AppState& state) {
    PresentationState& p = state.presentation;
    ImGui::TextWrapped("%s", S(state, Str::pr_intro));
    ImGui::Spacing();
    const auto& entries = state.library.entries;
    const int current = entry_of(state);
    const char* preview = current >= 0 && current < static_cast<int>(entries.size()) && entries[current].result.ok
                              ? entries[current].result.scenario.title.c_str() : "—";
    ImGui::SetNextItemWidth(em(22));
    if (ImGui::BeginCombo(S(state, Str::wt_scenario), preview)) {
        for (int i = 0; i < static_cast<int>(entries.size()); ++i) {
            if (!entries[static_cast<std::size_t>(i)].result.ok) continue;
            const Scenario& sc = entries[static_cast<std::size_t>(i)].result.scenario;
            const std::string& title = state.language == Language::zh || sc.title_en.empty() ? sc.title : sc.title_en;
            if (ImGui::Selectable(title.c_str(), i == current)) {
                p.scenario_file = entries[static_cast<std::size_t>(i)].file;
                p.after.clear();
            }
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("presentation.scenario");
    const Scenario* sc = scenario_of(state);
    if (!sc) return;
    if (sc->variants.size() < 2) {
        ImGui::TextColored(kRed, "%s", S(state, Str::pr_no_after));
        return;
    }
    const Variant* after = sc->variant(p.after);
    if (!after || after == &sc->variants.front()) after = &sc->variants[1];
    ImGui::SetNextItemWidth(em(22));
    if (ImGui::BeginCombo(S(state, Str::pr_after), after->title.c_str())) {
        for (std::size_t i = 1; i < sc->variants.size(); ++i)
            if (ImGui::Selectable(sc->variants[i].title.c_str(), &sc->variants[i] == after)) p.after = sc->variants[i].id;
        ImGui::EndCombo();
    }
    ImGui::SetNextItemWidth(em(8));
    int seed = static_cast<int>(p.seed);
    if (ImGui::InputInt(S(state, Str::wt_seed), &seed)) p.seed = std::max(0, seed);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", S(state, Str::lib_seed_tip));
    ImGui::SetNextItemWidth(em(8));
    float speed = static_cast<float>(p.speed);
    if (ImGui::SliderFloat(S(state, Str::pr_speed), &speed, 0.25f, 16.0f, "×%.2f", ImGuiSliderFlags_Logarithmic))
        p.speed = speed;
    ImGui::Spacing();
    const bool go = ImGui::Button(S(state, Str::pr_start), ImVec2(em(12), em(2)));
    test_api::add_rect("presentation.start");
    if (go || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false)) start(state);
    ImGui::TextDisabled("%s", S(state, Str::pr_keys));
}

// The time chart of one walk up to `now`: travel, queue, window, review, rework rows,
// `height` tall at most (rows of 1.2 em, or less on a small screen; labels shrink with them).
void draw_chart(const AppState& state, const WalkSession& s, const PresentationState& p, float width, float height) {
    static const ImU32 kColors[kChartRows] = {
        IM_COL32(90, 140, 220, 255), IM_COL32(230, 150, 40, 255), IM_COL32(60, 170, 90, 255),
        IM_COL32(150, 110, 200, 255), IM_COL32(220, 70, 70, 255)};
    static const Str kLabels[kChartRows] = {Str::wt_row_travel, Str::wt_row_queue, Str::wt_row_window,
                                                          Str::wt_row_review, Str::wt_row_rework};
    const float row_h = std::clamp(height / kChartRows, em(0.5f), em(1.2f)), label_w = em(3.5f);
    const float label_px = std::min(ImGui::GetFontSize(), row_h);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, row_h * kChartRows));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float x0 = o.x + label_w, x1 = o.x + width - em(0.3f);
    auto X = [&](Seconds t) { return x0 + static_cast<float>(static_cast<double>(t - p.start) / span(p)) * (x1 - x0); };
    const Seconds now = now_of(p);
    const Calendar& cal = *s.calendar;
    for (std::int64_t day = day_of(p.start); day <= day_of(std::min(now, p.end)); ++day)
        if (!cal.is_working_day(day)) {
            const float a = std::max(x0, X(day * kDay)), b = std::min(X(now), X((day + 1) * kDay));
            if (b > a)
                dl->AddRectFilled(ImVec2(a, o.y), ImVec2(b, o.y + row_h * kChartRows),
                                  cal.holiday_at(day) ? IM_COL32(250, 225, 200, 255) : IM_COL32(228, 228, 228, 255));
        }
    for (int k = 0; k < kChartRows; ++k)
        dl->AddText(ImGui::GetFont(), label_px, ImVec2(o.x, o.y + row_h * static_cast<float>(k) + (row_h - label_px) / 2),
                    IM_COL32(40, 40, 40, 255), tr(state.language, kLabels[k]));
    for (const TimelineSegment& g : bars_at(s, now)) {
        const int k = chart_row(g.lane);
        const float y = o.y + row_h * static_cast<float>(k);
        const float a = X(g.from), b = std::max(a + 2, X(g.to));
        dl->AddRectFilled(ImVec2(a, y + em(0.15f)), ImVec2(b, y + row_h - em(0.15f)), kColors[k]);
    }
    dl->AddLine(ImVec2(X(now), o.y), ImVec2(X(now), o.y + row_h * kChartRows), IM_COL32(200, 30, 30, 255), 2);
}

void draw_side(AppState& state, int side, float width) {
    PresentationState& p = state.presentation;
    const WalkSession& s = p.sides[side];
    const Seconds now = std::min(now_of(p), finish_of(s));
    const Counters c = counters_at(s, now_of(p));
    const Variant& v = s.walk->variant();
    ImGui::BeginChild(side == 0 ? "##before" : "##after", ImVec2(width, 0), true);
    ImGui::TextColored(side == 0 ? kRed : kGreen, "%s", (state.language == Language::zh || v.title_en.empty() ? v.title : v.title_en).c_str());
    ImGui::TextUnformatted(walkthrough::clock_text(state.language, now).c_str());
    const int working = s.calendar->working_days_between(p.start, now);
    const double days = static_cast<double>(now - p.start) / kDay;
    ImGui::Separator();
    if (ImGui::BeginTable("##counters", 3)) {
        const struct { Str label; std::string value; } cells[] = {
            {Str::wt_b_trips, std::to_string(c.trips)},
            {Str::wt_b_windows, std::to_string(c.windows)},
            {Str::wt_b_rejections, std::to_string(c.rejections)},
            {Str::wt_b_working_days, std::to_string(working)},
            {Str::wt_b_days, format("%.1f", days)},
            {Str::wt_b_hours, format("%.1f", c.citizen_hours)},
        };
        for (const auto& cell : cells) {
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", tr(state.language, cell.label));
            ImGui::TextUnformatted(cell.value.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    // The narration before the chart, so it is never cut at the bottom of the panel
    // (1366×768 at projector scale cut it); the chart takes the height that is left.
    const std::string caption = c.finished ? format(S(state, Str::pr_finished), s.calendar->working_days_between(p.start, finish_of(s)), c.trips)
                                           : caption_at(state, s, now_of(p));
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(c.finished ? kGreen : kBlue, "%s", caption.c_str());
    ImGui::PopTextWrapPos();
    test_api::add_rect(side == 0 ? "presentation.caption.0" : "presentation.caption.1");
    ImGui::Separator();
    const float chart_h = ImGui::GetContentRegionAvail().y - ImGui::GetStyle().ItemSpacing.y;
    draw_chart(state, s, p, ImGui::GetContentRegionAvail().x, chart_h);
    test_api::add_rect(side == 0 ? "presentation.chart.0" : "presentation.chart.1");
    ImGui::EndChild();
    test_api::add_rect(side == 0 ? "presentation.side.0" : "presentation.side.1");
}

void draw_playing(AppState& state) {
    PresentationState& p = state.presentation;
    ImGuiIO& io = ImGui::GetIO();
    if (platform::fullscreen_left()) { stop(state); return; }  // the browser's own Esc
    if (!io.WantTextInput) {
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
            p.paused = !p.paused;
            p.pause_caption.clear();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) step_event(p, +1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) step_event(p, -1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) { stop(state); return; }
        for (ImWchar ch : io.InputQueueCharacters) {
            if (ch == '+' || ch == '=') change_speed(p, +1);
            if (ch == '-' || ch == '_') change_speed(p, -1);
        }
    }
    play(p, io.DeltaTime);

    const Scenario& sc = *p.sides[0].scenario;
    ImGui::TextColored(kBlue, "%s", (state.language == Language::zh || sc.title_en.empty() ? sc.title : sc.title_en).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", format(S(state, Str::pr_days), p.cursor / kDay).c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", p.paused ? S(state, Str::pr_paused) : format(S(state, Str::pr_playing), p.speed).c_str());
    ImGui::SameLine(ImGui::GetWindowWidth() - em(7));
    if (ImGui::Button(S(state, Str::pr_exit))) { stop(state); return; }
    test_api::add_rect("presentation.exit");
    if (!p.pause_caption.empty()) {
        ImGui::PushTextWrapPos(0);  // a long caption wraps rather than running off the right
        ImGui::TextColored(kRed, "%s — %s", S(state, Str::pr_presenter_pause), p.pause_caption.c_str());
        ImGui::PopTextWrapPos();
    }
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - gap) / 2;
    draw_side(state, 0, width);
    ImGui::SameLine();
    draw_side(state, 1, width);
}

// ---------------------------------------------------------------- [SECTION] test API

using test_api::Json;

Json side_json(const PresentationState& p, int side, Language language, const AppState& state) {
    const WalkSession& s = p.sides[side];
    const Counters c = counters_at(s, now_of(p));
    const std::vector<TimelineSegment> bars = bars_at(s, now_of(p));
    Seconds drawn = 0;
    for (const TimelineSegment& g : bars) drawn += g.to - g.from;
    return Json{{"variant", s.walk->variant().id},
                {"trips", c.trips},
                {"windows", c.windows},
                {"rejections", c.rejections},
                {"finished", c.finished},
                {"chart", {{"bars", bars.size()}, {"seconds", drawn}}},  // what the time chart draws
                {"caption", caption_at(state, s, now_of(p))},
                {"events", s.walk->log().size()},
                {"final_trips", s.walk->engine().cases().empty() ? -1 : s.walk->engine().cases()[0].trips},
                {"language", language == Language::zh ? "zh" : "en"}};
}

// A library entry named by the test API: its key (file), or its index in the list now.
std::string entry_key(const AppState& s, const Json& entry) {
    if (entry.is_string()) {
        if (entry_index(s.library, entry.get<std::string>()) < 0) throw test_api::ActionError{"no such library entry"};
        return entry.get<std::string>();
    }
    const int i = entry.is_number_integer() ? entry.get<int>() : -1;
    if (i < 0 || i >= static_cast<int>(s.library.entries.size())) return "";
    return s.library.entries[static_cast<std::size_t>(i)].file;
}

const bool registered = [] {
    test_api::add_state("presentation", [](const AppState& s) {
        const PresentationState& p = s.presentation;
        Json j{{"presenting", p.presenting}, {"paused", p.paused}, {"speed", p.speed},
               {"cursor_seconds", static_cast<std::int64_t>(p.cursor)}, {"pause_caption", p.pause_caption},
               {"fullscreen", platform::is_fullscreen()}};
        // The entry the setup names (by key: it survives other files being deleted).
        const int entry = entry_of(s);
        const LibraryEntry* e = entry >= 0 ? &s.library.entries[static_cast<std::size_t>(entry)] : nullptr;
        j["setup_file"] = e ? Json(e->file) : Json();
        j["setup_title"] = e ? Json(e->result.scenario.title) : Json();
        if (p.presenting) j["sides"] = Json::array({side_json(p, 0, s.language, s), side_json(p, 1, s.language, s)});
        return j;
    });
    test_api::add_action("presentation.start", [](AppState& s, const Json& args) {
        PresentationState& p = s.presentation;
        if (args.contains("entry")) p.scenario_file = entry_key(s, args["entry"]);
        if (args.contains("after")) p.after = args.value("after", "");
        if (args.contains("seed")) p.seed = args.value("seed", 1);
        if (args.contains("speed")) p.speed = args.value("speed", 1.0);
        if (!start(s)) throw test_api::ActionError{"no scenario with an after variant selected"};
        return Json::object();
    });
    test_api::add_action("presentation.select", [](AppState& s, const Json& args) {
        s.presentation.scenario_file = entry_key(s, args.value("entry", Json(-1)));
        s.presentation.after.clear();
        return Json::object();
    });
    test_api::add_action("presentation.key", [](AppState& s, const Json& args) {
        PresentationState& p = s.presentation;
        const std::string key = args.value("key", "");
        if (!p.presenting) throw test_api::ActionError{"not presenting"};
        if (key == "space") { p.paused = !p.paused; p.pause_caption.clear(); }
        else if (key == "right") step_event(p, +1);
        else if (key == "left") step_event(p, -1);
        else if (key == "plus") change_speed(p, +1);
        else if (key == "minus") change_speed(p, -1);
        else if (key == "esc") stop(s);
        else throw test_api::ActionError{"key is space, left, right, plus, minus or esc"};
        return Json::object();
    });
    return true;
}();

}  // namespace

void draw(AppState& state) {
    (void)registered;
    if (state.presentation.presenting) draw_playing(state);
    else draw_setup(state);
}

}  // namespace peizou::app::presentation
