// 走流程 Walkthrough (issue 5): the trainee walks a scenario as the citizen, on the core
// Walk (src/core/walk.hpp) — the engine pauses at every decision and decides nothing.
// [SECTION] setup   [SECTION] layout   [SECTION] keyboard   [SECTION] test API
#include <algorithm>

#include "imgui.h"
#include "scenario/run_report.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"
#include "walkthrough_session.hpp"

namespace peizou::app::walkthrough {

// ---------------------------------------------------------------- [SECTION] setup

namespace {

int selected_entry(const AppState& state) {
    const int held = entry_index(state.library, state.walk.scenario_file);
    return held >= 0 ? held : entry_index(state.library, state.library.selected);
}

void draw_setup(AppState& state) {
    WalkState& w = state.walk;
    const auto& entries = state.library.entries;
    ImGui::TextWrapped("%s", S(state, Str::wt_intro));
    ImGui::Spacing();
    int entry = selected_entry(state);
    const float label_w = em(7);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(S(state, Str::wt_scenario));
    ImGui::SameLine(label_w);
    ImGui::SetNextItemWidth(std::min(em(30), ImGui::GetContentRegionAvail().x));
    const std::string preview = entry >= 0 ? pick(state.language, entries[static_cast<std::size_t>(entry)].result.scenario.title,
                                                  entries[static_cast<std::size_t>(entry)].result.scenario.title_en)
                                           : std::string(S(state, Str::wt_no_scenario));
    if (ImGui::BeginCombo("##scenario", preview.c_str())) {
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].result.ok) continue;
            const auto& sc = entries[i].result.scenario;
            if (ImGui::Selectable(pick(state.language, sc.title, sc.title_en).c_str(), static_cast<int>(i) == entry)) {
                w.scenario_file = entries[i].file;
                w.variant.clear();
            }
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("walkthrough.scenario");
    if (entry < 0 || !entries[static_cast<std::size_t>(entry)].result.ok) {
        ImGui::TextDisabled("%s", S(state, Str::wt_no_scenario));
    } else {
        const Scenario& sc = entries[static_cast<std::size_t>(entry)].result.scenario;
        ImGui::TextUnformatted(S(state, Str::wt_variant));
        for (const auto& v : sc.variants) {
            ImGui::SameLine(label_w);
            const bool on = w.variant == v.id || (w.variant.empty() && &v == &sc.variants.front());
            if (ImGui::RadioButton((pick(state.language, v.title, v.title_en) + "##" + v.id).c_str(), on)) w.variant = v.id;
            test_api::add_rect("walkthrough.variant." + v.id);
            ImGui::NewLine();
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(S(state, Str::wt_seed));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", S(state, Str::lib_seed_tip));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(em(10));
        ImGui::InputScalar("##seed", ImGuiDataType_S64, &w.seed);
        test_api::add_rect("walkthrough.seed");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", S(state, Str::lib_seed_tip));
        ImGui::SameLine();
        ImGui::TextDisabled("%s", S(state, Str::wt_seed_note));
        // The start date (issue 22): empty is the scenario's; checked when the walk starts.
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(S(state, Str::cl_start_date));
        ImGui::SameLine(label_w);
        ImGui::SetNextItemWidth(em(10));
        char date[16];
        std::snprintf(date, sizeof date, "%s", w.start_date.c_str());
        if (ImGui::InputTextWithHint("##start_date", "YYYY-MM-DD", date, sizeof date, ImGuiInputTextFlags_CharsDecimal))
            w.start_date = date;
        test_api::add_rect("walkthrough.start_date");
        ImGui::SameLine();
        const CivilDate d0 = civil_from_days(day_of(sc.start));
        ImGui::TextDisabled("%s", format(S(state, Str::cl_start_date_note),
                                         format("%04d-%02d-%02d", d0.year, d0.month, d0.day).c_str()).c_str());
        draw_trainee_field(state, label_w);
        ImGui::Spacing();
        if (ImGui::Button(S(state, Str::wt_start), ImVec2(em(14), em(2))) ||
            (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !ImGui::GetIO().WantTextInput &&
             !w.editing_trainee))
            start(state, entry, w.variant, w.seed);
        test_api::add_rect("walkthrough.start");
    }
    ImGui::SameLine();
    if (ImGui::Button(S(state, Str::wt_import), ImVec2(0, em(2))) ||
        (!ImGui::GetIO().WantTextInput && std::find_if(ImGui::GetIO().InputQueueCharacters.begin(), ImGui::GetIO().InputQueueCharacters.end(),
                                                       [](ImWchar c) { return c == 'i' || c == 'I'; }) != ImGui::GetIO().InputQueueCharacters.end()))
        import_record_file(state);
    test_api::add_rect("walkthrough.import");
    const std::string& msg = state.language == Language::zh ? w.message_zh : w.message_en;
    if (!msg.empty()) ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", msg.c_str());
}

// ---------------------------------------------------------------- [SECTION] layout

// A framed child with a title (Str::count_: none); its rectangle is named `rect`.
void panel(const char* id, Str title, AppState& state, ImVec2 size, void (*body)(AppState&), const char* rect) {
    ImGui::BeginChild(id, size, true);
    if (title != Str::count_) {
        ImGui::TextColored(ImVec4(0.15f, 0.35f, 0.65f, 1), "%s", S(state, title));
        ImGui::Separator();
    }
    body(state);
    ImGui::EndChild();
    test_api::add_rect(rect);
}

void draw_walking(AppState& state) {
    WalkState& w = state.walk;
    const ImVec2 avail0 = ImGui::GetContentRegionAvail();
    // Narrow (projector scale): the burden is a strip in the header, my papers, the map
    // and the log share a tabbed column, and nothing scrolls out of view.
    const bool narrow = avail0.x < em(62) || avail0.y < em(30);
    w.compact = narrow;
    draw_header(state, narrow);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x, vgap = ImGui::GetStyle().ItemSpacing.y;
    if (narrow) {
        const float left_w = std::floor(avail.x * 0.56f), right_w = avail.x - left_w - gap;
        const float where_h = std::floor(std::min(em(5.5f), avail.y * 0.32f));
        ImGui::BeginGroup();
        panel("##where", Str::count_, state, ImVec2(left_w, where_h), draw_where, "walkthrough.panel.where");
        panel("##choices", Str::count_, state, ImVec2(left_w, avail.y - where_h - vgap), draw_choices,
              "walkthrough.panel.choices");
        ImGui::EndGroup();
        ImGui::SameLine();
        // At a window, the checklist tab comes to the front once.
        const Decision* d = w.session.walk->pending();
        const bool handover = d && !w.animating && d->kind == DecisionKind::handover;
        const bool front = handover && w.materials_fronted_for != w.session.history.size();
        if (front) w.materials_fronted_for = w.session.history.size();
        bool materials_shown = false;
        ImGui::BeginChild("##side", ImVec2(right_w, avail.y), true);
        if (ImGui::BeginTabBar("##side_tabs")) {
            if (ImGui::BeginTabItem(S(state, Str::wt_materials), nullptr, front ? ImGuiTabItemFlags_SetSelected : 0)) {
                materials_shown = true;
                draw_materials(state);
                ImGui::EndTabItem();
            }
            test_api::add_rect("walkthrough.tab.materials");
            if (ImGui::BeginTabItem(S(state, Str::wt_map))) {
                draw_route_map(state);
                ImGui::EndTabItem();
            }
            test_api::add_rect("walkthrough.tab.map");
            if (ImGui::BeginTabItem(S(state, Str::wt_log))) {
                draw_log(state);
                ImGui::EndTabItem();
            }
            test_api::add_rect("walkthrough.tab.log");
            ImGui::EndTabBar();
        }
        ImGui::EndChild();
        if (materials_shown) test_api::add_rect("walkthrough.panel.materials");
        return;
    }
    const float top_h = std::floor(avail.y * 0.58f);
    const float w1 = std::floor(avail.x * 0.43f), w2 = std::floor(avail.x * 0.25f);
    const float w3 = avail.x - w1 - w2 - 2 * gap;
    const float where_h = std::floor(std::min(em(8), top_h * 0.4f));
    ImGui::BeginGroup();
    panel("##where", Str::wt_where, state, ImVec2(w1, where_h), draw_where, "walkthrough.panel.where");
    panel("##choices", Str::count_, state, ImVec2(w1, top_h - where_h - vgap), draw_choices, "walkthrough.panel.choices");
    ImGui::EndGroup();
    ImGui::SameLine();
    panel("##materials", Str::wt_materials, state, ImVec2(w2, top_h), draw_materials, "walkthrough.panel.materials");
    ImGui::SameLine();
    panel("##burden", Str::wt_burden, state, ImVec2(w3, top_h), draw_burden, "walkthrough.panel.burden");
    const float bottom_h = ImGui::GetContentRegionAvail().y;
    const float map_w = std::floor(avail.x * 0.36f);
    panel("##map", Str::wt_map, state, ImVec2(map_w, bottom_h), draw_route_map, "walkthrough.panel.map");
    ImGui::SameLine();
    panel("##log", Str::wt_log, state, ImVec2(avail.x - map_w - gap, bottom_h), draw_log, "walkthrough.panel.log");
}

// ---------------------------------------------------------------- [SECTION] keyboard

// Every action has a key (the hint line lists them):
//   Space skip / hand over · Enter hand over · Backspace back one decision ·
//   1–9 choose (at a window: tick a paper) · B back to a chosen decision (↑/↓ Enter, Esc) ·
//   F flag a pain point (1–7 category, Tab note, Enter save, Esc cancel) · H helper desk ·
//   J export the record · M / C export the problem list (Markdown / CSV) · I import ·
//   A the model citizen walks again (debrief) · R another scenario.
// The pain dialog and the picker take their own keys (Esc closes them).
void handle_keys(AppState& state) {
    WalkState& w = state.walk;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || w.editing_trainee || w.pain.open || w.rewind_pick >= 0 || ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId)) return;
    if (w.phase == WalkPhase::setup || !w.session.walk) return;
    const Decision* d = w.session.walk->pending();
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) {
        if (w.animating) skip(state);
        else if (d && d->kind == DecisionKind::handover) hand_over_checked(state);
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) && d && d->kind == DecisionKind::handover)
        hand_over_checked(state);
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace), false)) rewind_one(state);
    for (ImWchar c : io.InputQueueCharacters) {
        if (c >= 'A' && c <= 'Z') c = static_cast<ImWchar>(c - 'A' + 'a');
        if (c >= '1' && c <= '9' && d && !w.animating) choose_option(state, static_cast<std::size_t>(c - '1'));
        else if (c == 'f') open_pain_dialog(state);
        else if (c == 'h' && d && !w.animating) ask_helper(state);
        else if (c == 'a' && w.phase == WalkPhase::debrief && !w.after.walk) walk_after(state);
        else if (c == 'b') open_rewind_picker(state);
        else if (c == 'j') export_record(state);
        else if (c == 'm') export_problems_markdown(state);
        else if (c == 'c') export_problems_csv(state);
        else if (c == 'i') import_record_file(state);
        else if (c == 'r') { back_to_setup(state); break; }
        if (!w.session.walk) break;
        d = w.session.walk->pending();
    }
}

}  // namespace

void draw(AppState& state) {
    WalkState& w = state.walk;
    if (w.phase != WalkPhase::setup && !w.session.walk) w.phase = WalkPhase::setup;
    w.real_time = ImGui::GetTime();
    animate(state, w.real_time);
    if (w.phase == WalkPhase::setup) {
        draw_setup(state);
        return;
    }
    handle_keys(state);
    // R (换个场景) dropped the walk: nothing is left to draw this frame. Drawing on read a
    // null walk — harmless by luck in wasm until the memory layout changed, then
    // "memory access out of bounds" (the e2e walk pressed R after the debrief).
    if (!w.session.walk) return;
    if (w.phase == WalkPhase::debrief) draw_debrief(state);
    else draw_walking(state);
    if (w.session.walk) draw_rewind_picker(state);
    draw_pain_dialog(state);
}

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

Json measures_json(const CaseMeasures& m) {
    return {{"trips", m.trips},
            {"window_visits", m.window_visits},
            {"departments", m.departments},
            {"submissions", m.submissions},
            {"repeat_submissions", m.repeat_submissions},
            {"rejections", m.rejections},
            {"citizen_hours", scenario::rounded(m.citizen_hours())},
            {"calendar_days", scenario::rounded(m.calendar_days())},
            {"working_days", m.working_days},
            {"fees_yuan", scenario::rounded(m.fees_yuan)}};
}

Json decision_json(const AppState& state) {
    const WalkState& w = state.walk;
    const Decision* d = w.session.walk->pending();
    if (!d) return nullptr;
    Json options = Json::array();
    for (std::size_t i = 0; i < d->options.size(); ++i) {
        Json o = {{"id", d->options[i]}, {"label", option_label(w.session, state.language, *d, d->options[i])}};
        if (d->kind == DecisionKind::next_step)
            for (const auto& st : w.session.walk->variant().steps)
                if (st.id == d->options[i]) o["needs"] = st.needs;
        if (d->kind == DecisionKind::handover) {
            // needed: the engine's truth (for tests); tagged: whether the screen says so.
            const bool needed = std::find(d->needed.begin(), d->needed.end(), d->options[i]) != d->needed.end();
            o["needed"] = needed;
            o["tagged"] = needed && needed_known(w, *d);
            o["checked"] = w.checked_for == w.session.history.size() && i < w.checked.size() && w.checked[i];
        }
        options.push_back(o);
    }
    return {{"index", w.session.history.size()},
            {"kind", to_string(d->kind)},
            {"question", decision_question(w.session, state.language, *d)},
            {"options", options},
            {"needed", d->needed},
            {"step", d->step >= 0 ? w.session.walk->variant().steps[static_cast<std::size_t>(d->step)].id : ""}};
}

Json session_json(const AppState& state, const WalkSession& s) {
    const Walk& walk = *s.walk;
    const CitizenView v = walk.engine().citizen_view(0);
    Json j = {{"variant", walk.record().variant},
              {"seed", walk.record().seed},
              {"finished", walk.finished()},
              {"choices", walk.record().choices.size()},
              {"measures", measures_json(v.so_far)}};
    if (walk.finished()) j["result"] = scenario::run_json(walk.result());
    (void)state;
    return j;
}

Json state_json(const AppState& state) {
    const WalkState& w = state.walk;
    const char* phase = w.phase == WalkPhase::setup ? "setup" : w.phase == WalkPhase::walking ? "walking" : "debrief";
    Json j = {{"phase", phase},
              {"message", state.language == Language::zh ? w.message_zh : w.message_en},
              {"exported", w.exported}};
    // The entry the setup form names (by key: it survives other files being deleted).
    const int entry = selected_entry(state);
    const LibraryEntry* e = entry >= 0 ? &state.library.entries[static_cast<std::size_t>(entry)] : nullptr;
    j["setup_file"] = e ? Json(e->file) : Json();
    j["setup_title"] = e ? Json(pick(state.language, e->result.scenario.title, e->result.scenario.title_en)) : Json();
    j["setup_start_date"] = w.start_date;
    j["trainee"] = w.trainee;
    j["editing_trainee"] = w.editing_trainee;
    if (!w.session.walk) return j;
    const WalkSession& s = w.session;
    const Walk& walk = *s.walk;
    const CitizenView v = walk.engine().citizen_view(0);
    j["scenario"] = s.scenario->id;
    j["file"] = s.file;
    j["variant"] = walk.record().variant;
    j["seed"] = walk.record().seed;
    j["start"] = clock_text(Language::en, walk.engine().start());
    j["animating"] = w.animating;
    j["now"] = walk.engine().now();
    j["clock"] = clock_text(state.language, walk.engine().now());
    j["jump"] = w.jump.shown_at >= 0 ? Json(jump_text(state)) : Json(nullptr);
    j["jump_shown"] = w.jump.shown_at >= 0 && w.real_time - w.jump.shown_at < 2.5;
    j["where"] = {{"text", where_text(s, state.language)},
                  {"place", s.scenario->places[static_cast<std::size_t>(v.place)].id},
                  {"department", v.department >= 0 ? walk.engine().departments()[static_cast<std::size_t>(v.department)].id : ""},
                  {"in_queue", v.in_queue},
                  {"at_window", v.at_window},
                  {"travelling", v.travelling},
                  {"ticket", v.ticket},
                  {"ahead", v.ahead}};
    Json clerk = Json::array();
    for (const auto& line : clerk_lines(s, state.language)) clerk.push_back(line.text);
    j["clerk"] = clerk;
    j["held"] = v.held;
    j["submitted"] = v.submitted;
    j["decision"] = decision_json(state);
    j["choices"] = walk.record().choices.size();
    j["measures"] = measures_json(v.so_far);
    const std::vector<LogLine> lines = log_lines(s, state.language);
    j["log_count"] = lines.size();
    Json tail = Json::array();
    for (std::size_t i = lines.size() > 8 ? lines.size() - 8 : 0; i < lines.size(); ++i)
        tail.push_back(short_time(state.language, lines[i].time) + " " + lines[i].text);
    j["log_tail"] = tail;
    Json rejections = Json::array();
    for (const auto& e : walk.log())
        if (e.activity == Activity::rejected) rejections.push_back(e.detail);
    j["rejections"] = rejections;
    Json gaps = Json::array();  // weekends and holidays the walk crossed, as the log shows them
    for (const auto& l : lines)
        if (l.kind == 2) gaps.push_back(l.text);
    j["closed_days"] = gaps;
    j["helper"] = {{"here", helper_here(s)}, {"advice", state.language == Language::zh ? w.helper_zh : w.helper_en}};
    Json flags = Json::array();
    for (const auto& f : walk.record().flags)
        flags.push_back({{"category", f.category}, {"note", f.note}, {"step", f.step}, {"time", f.time}});
    j["flags"] = flags;
    j["pain"] = {{"open", w.pain.open}, {"category", category_key(w.pain.category)}, {"note", w.pain.note}};
    j["finished"] = walk.finished();
    if (walk.finished()) j["result"] = scenario::run_json(walk.result());
    j["after"] = w.after.walk ? session_json(state, w.after) : Json(nullptr);
    j["model"] = w.model.walk ? session_json(state, w.model) : Json(nullptr);
    j["after_variant"] = after_variant(*s.scenario, walk.record().variant);
    j["scenario_sha256"] = s.scenario_sha256;
    j["rewind_pick"] = w.rewind_pick;
    {
        const Routes r = routes(s);
        Json trips = Json::object();
        for (std::size_t i = 1; i < r.trips.size(); ++i)
            if (r.trips[i] > 0) trips[s.scenario->places[i].id] = r.trips[i];
        Json hops = Json::array();
        for (const auto& [edge, n] : r.hops)
            hops.push_back({{"from", s.scenario->places[static_cast<std::size_t>(edge.first)].id},
                            {"to", s.scenario->places[static_cast<std::size_t>(edge.second)].id},
                            {"count", n}});
        j["route"] = {{"trips", trips}, {"hops", hops}};
    }
    return j;
}

Choice parse_choice(const AppState& state, const Json& args) {
    const Decision* d = state.walk.session.walk ? state.walk.session.walk->pending() : nullptr;
    if (!d) throw test_api::ActionError{"no decision is pending"};
    Choice c;
    c.kind = d->kind;
    if (args.contains("option")) {
        const auto i = args["option"].get<std::size_t>();
        if (i >= d->options.size()) throw test_api::ActionError{"option out of range"};
        c.value = d->options[i];
    }
    c.value = args.value("value", c.value);
    if (args.contains("materials")) c.materials = args["materials"].get<std::vector<std::string>>();
    return c;
}

const bool registered = [] {
    test_api::add_state("walkthrough", state_json);
    test_api::add_action("walkthrough.start", [](AppState& s, const Json& args) {
        int entry = selected_entry(s);
        const std::string file = args.value("file", "");
        for (std::size_t i = 0; i < s.library.entries.size(); ++i)
            if (s.library.entries[i].file == file || s.library.entries[i].result.scenario.id == file) entry = static_cast<int>(i);
        if (args.contains("start_date")) s.walk.start_date = args.value("start_date", "");  // as if typed
        if (args.contains("trainee")) set_trainee(s, args.value("trainee", ""));
        if (!start(s, entry, args.value("variant", ""), args.value("seed", std::int64_t{1})))
            throw test_api::ActionError{s.walk.message_en};
        s.screen = Screen::walkthrough;
        s.screen_requested = true;
        return Json::object();
    });
    test_api::add_action("walkthrough.choose", [](AppState& s, const Json& args) {
        const Choice c = parse_choice(s, args);
        if (!choose(s, c)) throw test_api::ActionError{s.walk.message_en};
        return Json::object();
    });
    test_api::add_action("walkthrough.skip", [](AppState& s, const Json&) {
        skip(s);
        return Json::object();
    });
    test_api::add_action("walkthrough.rewind", [](AppState& s, const Json& args) {
        if (!s.walk.session.walk) throw test_api::ActionError{"no walk"};
        if (args.contains("index")) rewind(s, args["index"].get<std::size_t>());
        else rewind_one(s);
        return Json::object();
    });
    test_api::add_action("walkthrough.flag", [](AppState& s, const Json& args) {
        if (!s.walk.session.walk) throw test_api::ActionError{"no walk"};
        add_flag(s, args.value("category", "other"), args.value("note", ""));
        return Json::object();
    });
    // 学员姓名, as typed in the setup or the debrief (editable until export).
    test_api::add_action("walkthrough.trainee", [](AppState& s, const Json& args) {
        set_trainee(s, args.value("name", ""));
        return Json::object();
    });
    test_api::add_action("walkthrough.record", [](AppState& s, const Json&) {
        return Json{{"json", record_json(s.walk.session)}};
    });
    test_api::add_action("walkthrough.import", [](AppState& s, const Json& args) {
        if (!import_record(s, args.value("text", ""))) throw test_api::ActionError{s.walk.message_en};
        s.screen = Screen::walkthrough;
        s.screen_requested = true;
        return Json::object();
    });
    test_api::add_action("walkthrough.after", [](AppState& s, const Json&) {
        if (!walk_after(s)) throw test_api::ActionError{"the after-reform walk did not finish"};
        return Json::object();
    });
    test_api::add_action("walkthrough.helper", [](AppState& s, const Json&) {
        ask_helper(s);
        return Json::object();
    });
    test_api::add_action("walkthrough.problems", [](AppState& s, const Json&) {
        return Json{{"markdown", problems_markdown(s)}, {"csv", problems_csv(s)}};
    });
    test_api::add_action("walkthrough.setup", [](AppState& s, const Json&) {
        back_to_setup(s);
        return Json::object();
    });
    return true;
}();

}  // namespace

}  // namespace peizou::app::walkthrough
