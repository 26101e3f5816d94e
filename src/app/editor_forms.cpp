// The editor's form for the selected item: every field of the format with a widget that
// fits it (pickers of existing ids, a distribution picker showing only its parameters),
// each outlined with its message when validation reports an issue at it.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>

#include "core/lever_spec.hpp"
#include "editor_parts.hpp"
#include "fonts.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_panels.hpp"

namespace peizou::app::editor {

namespace {

using scenario::ItemKind;

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

// One form: the JSON path of the item (issue paths start with it) and the label column.
struct Form {
    AppState& state;
    std::string path;
    float label_w;
};

// The first issue at `path` or below it.
const scenario::Issue* issue_at(const AppState& state, const std::string& path) {
    for (const auto& i : state.editor.check.issues)
        if (i.path == path || i.path.rfind(path + "/", 0) == 0) return &i;
    return nullptr;
}

void label(Form& f, Str text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(S(f.state, text));
    ImGui::SameLine(f.label_w);
}

float field_width() { return std::max(ImGui::GetContentRegionAvail().x, 4.0f); }

// After a field's widget: its test rect, and its issue (red outline and the message).
void field_end(Form& f, const std::string& key) {
    test_api::add_rect("editor.field." + key);
    const scenario::Issue* issue = issue_at(f.state, f.path + "/" + key);
    if (!issue) return;
    const ImU32 colour = issue->warning ? IM_COL32(200, 130, 0, 255) : IM_COL32(200, 30, 30, 255);
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), colour, 3, 0, 2);
    ImGui::Indent(f.label_w);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
    ImGui::TextWrapped("%s", f.state.language == Language::zh ? issue->message_zh.c_str() : issue->message_en.c_str());
    ImGui::PopStyleColor();
    test_api::add_rect("editor.field_issue." + key);
    ImGui::Unindent(f.label_w);
}

void text(Form& f, Str name, const std::string& key, std::string& value) {
    label(f, name);
    text_input(f.state, key, value, field_width());
    field_end(f, key);
}

void number(Form& f, Str name, const std::string& key, double& value, const char* format = "%.4g") {
    label(f, name);
    ImGui::SetNextItemWidth(std::min(field_width(), em(10)));
    ImGui::InputDouble(("##" + key).c_str(), &value, 0, 0, format);
    field_end(f, key);
}

void integer(Form& f, Str name, const std::string& key, int& value) {
    label(f, name);
    ImGui::SetNextItemWidth(std::min(field_width(), em(10)));
    ImGui::InputInt(("##" + key).c_str(), &value, 1, 5);
    field_end(f, key);
}

void check(Form& f, Str name, const std::string& key, bool& value) {
    label(f, name);
    ImGui::Checkbox(("##" + key).c_str(), &value);
    field_end(f, key);
}

// One id out of `options` ("" allowed when `none` is true).
void pick_one(Form& f, Str name, const std::string& key, std::string& value,
              const std::vector<std::string>& options, bool none) {
    label(f, name);
    ImGui::SetNextItemWidth(std::min(field_width(), em(16)));
    const std::string shown = value.empty() ? S(f.state, Str::f_none) : value;
    if (ImGui::BeginCombo(("##" + key).c_str(), shown.c_str())) {
        if (none && ImGui::Selectable(S(f.state, Str::f_none), value.empty())) value.clear();
        for (const auto& o : options) {
            if (ImGui::Selectable(o.c_str(), o == value)) value = o;
            test_api::add_rect("editor.pick." + o);
        }
        ImGui::EndCombo();
    }
    field_end(f, key);
}

// A list of ids out of `options`: a combo of checkboxes; a newly ticked id goes last.
void pick_ids(Form& f, Str name, const std::string& key, std::vector<std::string>& value,
              const std::vector<std::string>& options) {
    label(f, name);
    std::string shown;
    for (const auto& v : value) shown += (shown.empty() ? "" : ", ") + v;
    if (shown.empty()) shown = S(f.state, Str::f_none);
    ImGui::SetNextItemWidth(field_width());
    if (ImGui::BeginCombo(("##" + key).c_str(), shown.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (const auto& o : options) {
            bool on = std::find(value.begin(), value.end(), o) != value.end();
            if (ImGui::Checkbox(o.c_str(), &on)) {
                if (on) value.push_back(o);
                else value.erase(std::remove(value.begin(), value.end(), o), value.end());
            }
            test_api::add_rect("editor.pick." + o);
        }
        ImGui::EndCombo();
    }
    field_end(f, key);
}

// The names shown for the format's enum values (zh/en); the saved file keeps the keys.
Str name_of(CalendarMode m) {
    switch (m) {
    case CalendarMode::working_days: return Str::ed4_cal_working_days;
    case CalendarMode::always_open: return Str::ed4_cal_always_open;
    case CalendarMode::calendar_days: return Str::ed4_cal_calendar_days;
    }
    return Str::ed4_cal_working_days;
}
Str name_of(StepKind k) {
    switch (k) {
    case StepKind::window: return Str::ed4_kind_window;
    case StepKind::online: return Str::ed4_kind_online;
    case StepKind::review: return Str::ed4_kind_review;
    case StepKind::inspection: return Str::ed4_kind_inspection;
    case StepKind::payment: return Str::ed4_kind_payment;
    case StepKind::collect: return Str::ed4_kind_collect;
    case StepKind::mail: return Str::ed4_kind_mail;
    }
    return Str::ed4_kind_window;
}
Str name_of(Chooser c) { return c == Chooser::chance ? Str::ed4_chooser_chance : Str::ed4_chooser_citizen; }
Str name_of(DistKind d) {
    switch (d) {
    case DistKind::fixed: return Str::ed4_dist_fixed;
    case DistKind::uniform: return Str::ed4_dist_uniform;
    case DistKind::triangular: return Str::ed4_dist_triangular;
    case DistKind::exponential: return Str::ed4_dist_exponential;
    case DistKind::normal: return Str::ed4_dist_normal;
    case DistKind::lognormal: return Str::ed4_dist_lognormal;
    case DistKind::empirical: return Str::ed4_dist_empirical;
    }
    return Str::ed4_dist_fixed;
}
Str name_of(TimeUnit u) {
    switch (u) {
    case TimeUnit::minutes: return Str::ed4_unit_minutes;
    case TimeUnit::hours: return Str::ed4_unit_hours;
    case TimeUnit::working_days: return Str::ed4_unit_working_days;
    case TimeUnit::calendar_days: return Str::ed4_unit_calendar_days;
    }
    return Str::ed4_unit_minutes;
}

template <class E>
void pick_enum(Form& f, Str name, const std::string& key, E& value, std::initializer_list<E> all) {
    label(f, name);
    ImGui::SetNextItemWidth(std::min(field_width(), em(12)));
    if (ImGui::BeginCombo(("##" + key).c_str(), S(f.state, name_of(value)))) {
        for (E e : all) {
            if (ImGui::Selectable((std::string(S(f.state, name_of(e))) + "##" + to_string(e)).c_str(), e == value)) value = e;
            test_api::add_rect(std::string("editor.pick.") + to_string(e));
        }
        ImGui::EndCombo();
    }
    field_end(f, key);
}

// A text form of a value (start, office hours): taken when it parses, else the field keeps
// the typed text and says it was not taken.
void parsed_text(Form& f, Str name, const std::string& key, const std::string& current,
                 const std::function<bool(const std::string&)>& take) {
    EditorState& e = f.state.editor;
    const std::string field = f.path + "/" + key;
    std::string& typed = e.typed;  // one text form is typed at a time
    std::string& typed_for = e.typed_for;
    if (typed_for != field) {
        typed = current;
        typed_for = field;
    } else if (e.editing_field != "editor.field." + key && typed != current && take(typed)) {
        typed = current;
    }
    label(f, name);
    text_input(f.state, key, typed, field_width());
    if (typed != current && !take(typed)) {
        ImGui::TextColored(ImVec4(0.75f, 0.1f, 0.1f, 1), "%s", S(f.state, Str::f_bad_text));
    }
    field_end(f, key);
}

void duration(Form& f, Str name, const std::string& key, Duration& d) {
    label(f, name);
    ImGui::PushID(key.c_str());
    const float w = em(8);
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##dist", S(f.state, name_of(d.dist)))) {
        for (DistKind k : {DistKind::fixed, DistKind::uniform, DistKind::triangular, DistKind::exponential,
                           DistKind::normal, DistKind::lognormal, DistKind::empirical}) {
            if (ImGui::Selectable((std::string(S(f.state, name_of(k))) + "##" + to_string(k)).c_str(), k == d.dist)) {
                const double typical = d.typical();
                d.dist = k;
                // Start the new kind from the old one's mean, so the figures stay near.
                d.value = d.mean = typical;
                d.low = typical * 0.5;
                d.mode = typical;
                d.high = typical * 1.5;
                d.sd = typical * 0.25;
                if (k == DistKind::empirical && d.values.empty()) {
                    d.values = {typical};
                    d.weights = {1};
                }
            }
            test_api::add_rect(std::string("editor.pick.") + to_string(k));
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("editor.field." + key + ".dist");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##unit", S(f.state, name_of(d.unit)))) {
        for (TimeUnit u : {TimeUnit::minutes, TimeUnit::hours, TimeUnit::working_days, TimeUnit::calendar_days}) {
            if (ImGui::Selectable((std::string(S(f.state, name_of(u))) + "##" + to_string(u)).c_str(), u == d.unit))
                d.unit = u;
            test_api::add_rect(std::string("editor.pick.") + to_string(u));
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("editor.field." + key + ".unit");
    auto param = [&](Str p, const char* k, double& v) {
        ImGui::Indent(f.label_w);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(S(f.state, p));
        ImGui::SameLine(f.label_w + em(6));
        ImGui::SetNextItemWidth(w);
        ImGui::InputDouble((std::string("##") + k).c_str(), &v, 0, 0, "%.4g");
        test_api::add_rect("editor.field." + key + "." + k);
        ImGui::Unindent(f.label_w);
    };
    switch (d.dist) {
    case DistKind::fixed: param(Str::f_value, "value", d.value); break;
    case DistKind::uniform: param(Str::f_low, "low", d.low); param(Str::f_high, "high", d.high); break;
    case DistKind::triangular:
        param(Str::f_low, "low", d.low);
        param(Str::f_mode, "mode", d.mode);
        param(Str::f_high, "high", d.high);
        break;
    case DistKind::exponential: param(Str::f_mean, "mean", d.mean); break;
    case DistKind::normal:
    case DistKind::lognormal: param(Str::f_mean, "mean", d.mean); param(Str::f_sd, "sd", d.sd); break;
    case DistKind::empirical: {
        // Values and weights as typed lists ("5, 10, 20"), taken when they parse.
        const std::string base = f.path;
        f.path = base + "/" + key;
        parsed_text(f, Str::ed4_values, key + ".values", scenario::numbers_text(d.values),
                    [&](const std::string& t) { return scenario::parse_numbers(t, d.values); });
        parsed_text(f, Str::ed4_weights, key + ".weights", scenario::numbers_text(d.weights),
                    [&](const std::string& t) { return scenario::parse_numbers(t, d.weights); });
        f.path = base;
        break;
    }
    }
    ImGui::PopID();
    field_end(f, key);
}

template <class T>
std::vector<std::string> ids(const std::vector<T>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.id);
    return out;
}

Variant* find_variant(Scenario& s, const std::string& id) {
    for (auto& v : s.variants)
        if (v.id == id) return &v;
    return nullptr;
}

// The written-out variant whose steps the levers of `v` name (its `from` chain's root).
const Variant* root_of(const Scenario& s, const Variant& v) {
    const Variant* at = &v;
    for (int guard = 0; at && !at->from.empty() && guard < 64; ++guard) at = s.variant(at->from);
    return at;
}

// The scenario's sources and assumptions: each entry edited in place, removed by its
// button, one added at the end.
void sources_form(Form& f, Scenario& s) {
    const std::string base = f.path;
    ImGui::Separator();
    ImGui::TextDisabled("%s", S(f.state, Str::ed4_assumptions));
    for (std::size_t i = 0; i < s.assumptions.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const std::string k = "assumptions/" + std::to_string(i);
        // The remove button first: the field is the row's last item (its rect, its issue).
        label(f, Str::ed4_assumptions);
        const bool remove = ImGui::SmallButton(S(f.state, Str::f_remove));
        test_api::add_rect("editor.remove." + k);
        ImGui::SameLine();
        text_input(f.state, k, s.assumptions[i], field_width());
        field_end(f, k);
        ImGui::PopID();
        if (remove) {
            s.assumptions.erase(s.assumptions.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    }
    if (ImGui::SmallButton(S(f.state, Str::ed4_add_assumption))) s.assumptions.push_back("");
    test_api::add_rect("editor.add.assumption");
    ImGui::Separator();
    ImGui::TextDisabled("%s", S(f.state, Str::ed4_sources));
    for (std::size_t i = 0; i < s.sources.size(); ++i) {
        Source& src = s.sources[i];
        ImGui::PushID(1000 + static_cast<int>(i));
        f.path = base + "/sources/" + std::to_string(i);
        const std::string k = "sources." + std::to_string(i) + ".";
        text(f, Str::ed4_citation, k + "citation", src.citation);
        text(f, Str::ed4_says, k + "says", src.says);
        text(f, Str::ed4_seed, k + "seed", src.seed);
        const bool remove = ImGui::SmallButton(S(f.state, Str::f_remove));
        test_api::add_rect("editor.remove.sources/" + std::to_string(i));
        f.path = base;
        ImGui::PopID();
        if (remove) {
            s.sources.erase(s.sources.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
        ImGui::Separator();
    }
    if (ImGui::SmallButton(S(f.state, Str::ed4_add_source))) s.sources.push_back(Source{});
    test_api::add_rect("editor.add.source");
}

void scenario_form(Form& f, Scenario& s) {
    text(f, Str::f_title, "title", s.title);
    text(f, Str::f_title_en, "title_en", s.title_en);
    text(f, Str::f_summary, "summary", s.summary);
    text(f, Str::f_summary_en, "summary_en", s.summary_en);
    check(f, Str::f_illustrative, "illustrative", s.illustrative);
    parsed_text(f, Str::f_start, "start", scenario::start_text(s),
                [&](const std::string& t) { return scenario::set_start(s, t); });
    pick_enum(f, Str::f_calendar, "calendar", s.calendar_mode,
              {CalendarMode::working_days, CalendarMode::always_open, CalendarMode::calendar_days});
    parsed_text(f, Str::f_hours, "office_hours", scenario::hours_text(s.office_hours),
                [&](const std::string& t) { return scenario::parse_hours(t, s.office_hours); });
    number(f, Str::f_arrivals, "arrivals_per_working_day", s.arrivals_per_working_day);
    sources_form(f, s);
}

// The 24 by_hour values as bars: drag a bar (or click at a height) to set that hour; the
// first bar touched starts the profile from per_hour (scenario::set_by_hour).
void by_hour_bars(Form& f, const std::string& key, ArrivalRate& rate) {
    ImGui::PushID(key.c_str());
    if (!rate.by_hour_given()) {
        ImGui::Indent(f.label_w);
        if (ImGui::SmallButton(S(f.state, Str::ed4_by_hour_start))) scenario::set_by_hour(rate, 0, rate.per_hour);
        test_api::add_rect("editor.field." + key + ".start");
        ImGui::Unindent(f.label_w);
        ImGui::PopID();
        return;
    }
    label(f, Str::ed4_by_hour);
    ImGui::NewLine();
    double top = 10;
    for (double v : rate.by_hour) top = std::max(top, v * 1.25);
    const float gap = 2;
    const float w = std::max(4.0f, (ImGui::GetContentRegionAvail().x - 23 * gap) / 24);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(gap, ImGui::GetStyle().ItemSpacing.y));
    for (int h = 0; h < 24; ++h) {
        if (h > 0) ImGui::SameLine();
        float v = static_cast<float>(rate.by_hour[static_cast<std::size_t>(h)]);
        ImGui::PushID(h);
        if (ImGui::VSliderFloat("##bar", ImVec2(w, em(5)), &v, 0.0f, static_cast<float>(top), ""))
            scenario::set_by_hour(rate, h, std::round(v * 10) / 10);  // one decimal, as typed
        if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetTooltip(S(f.state, Str::ed4_by_hour_tip), h, v);
        test_api::add_rect("editor.field." + key + ".by_hour." + std::to_string(h));
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
    if (ImGui::SmallButton(S(f.state, Str::ed4_by_hour_clear))) scenario::clear_by_hour(rate);
    test_api::add_rect("editor.field." + key + ".clear");
    ImGui::PopID();
    field_end(f, key + "/by_hour");
}

void department_form(Form& f, Scenario& s, Department& d) {
    text(f, Str::f_name, "name", d.name);
    text(f, Str::f_name_en, "name_en", d.name_en);
    pick_one(f, Str::f_place, "place", d.place, ids(s.places), false);
    integer(f, Str::f_windows, "windows", d.windows);
    check(f, Str::f_online, "online", d.online);
    check(f, Str::f_helper, "helper_desk", d.helper_desk);
    number(f, Str::f_background, "background", d.background.per_hour);
    by_hour_bars(f, "background", d.background);
    duration(f, Str::f_background_service, "background_service", d.background_service);
    const std::string own = d.hours ? scenario::hours_text(*d.hours) : "";
    parsed_text(f, Str::f_own_hours, "office_hours", own, [&](const std::string& t) {
        if (t.empty()) {
            d.hours.reset();
            return true;
        }
        OfficeHours h;
        if (!scenario::parse_hours(t, h)) return false;
        d.hours = h;
        return true;
    });
}

void step_form(Form& f, Scenario& s, Variant& v, Step& st) {
    text(f, Str::f_name, "name", st.name);
    text(f, Str::f_name_en, "name_en", st.name_en);
    pick_enum(f, Str::f_kind, "kind", st.kind,
              {StepKind::window, StepKind::online, StepKind::review, StepKind::inspection, StepKind::payment,
               StepKind::collect, StepKind::mail});
    pick_one(f, Str::f_department, "department", st.department, ids(s.departments), false);
    pick_one(f, Str::f_reception, "reception", st.reception, ids(s.departments), true);
    duration(f, Str::f_service, "service", st.service);
    duration(f, Str::f_review, "review", st.review);
    pick_ids(f, Str::f_needs, "needs", st.needs, ids(s.materials));
    pick_ids(f, Str::f_produces, "produces", st.produces, ids(s.materials));
    std::vector<std::string> others;
    for (const auto& o : v.steps)
        if (o.id != st.id) others.push_back(o.id);
    others.push_back(st.id);  // listed last, so a step after itself can be made (and is reported)
    pick_ids(f, Str::f_after, "after", st.after, others);
    number(f, Str::f_rework, "rework_probability", st.rework_probability);
    text(f, Str::f_rework_reason, "rework_reason", st.rework_reason);
    check(f, Str::f_online_allowed, "online_allowed", st.online_allowed);
    integer(f, Str::f_legal, "legal_limit_days", st.legal_limit_days);
    integer(f, Str::f_promised, "promised_limit_days", st.promised_limit_days);
    number(f, Str::f_fee, "fee_yuan", st.fee_yuan);
    check(f, Str::f_blocks, "blocks_successors", st.blocks_successors);
    check(f, Str::f_agent, "agent", st.agent);
    check(f, Str::f_tells_all, "tells_all_missing", st.tells_all_missing);
    check(f, Str::f_pause, "presenter_pause", st.presenter_pause);
    text(f, Str::f_caption, "caption", st.caption);
}

void branch_form(Form& f, Variant& v, Branch& b) {
    text(f, Str::f_question, "question", b.question);
    text(f, Str::f_question_en, "question_en", b.question_en);
    pick_enum(f, Str::f_chooser, "chooser", b.chooser, {Chooser::citizen, Chooser::chance});
    pick_ids(f, Str::f_after, "after", b.after, ids(v.steps));
    double sum = 0;
    for (const auto& o : b.options) sum += o.probability;
    ImGui::Separator();
    ImGui::TextDisabled("%s", S(f.state, Str::f_options));
    ImGui::Text(S(f.state, Str::f_sum), sum);
    field_end(f, "options");
    const std::string base = f.path;
    for (std::size_t i = 0; i < b.options.size(); ++i) {
        BranchOption& o = b.options[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Separator();
        f.path = base + "/options/" + std::to_string(i);
        const std::string k = "option." + std::to_string(i) + ".";
        text(f, Str::ed_id, k + "id", o.id);
        text(f, Str::f_label, k + "label", o.label);
        text(f, Str::f_label_en, k + "label_en", o.label_en);
        // The issue of a probability is at ".../options/i/probability" or at the options.
        label(f, Str::f_probability);
        ImGui::SetNextItemWidth(em(10));
        ImGui::InputDouble("##p", &o.probability, 0, 0, "%.4g");
        f.path = base;
        field_end(f, "options/" + std::to_string(i) + "/probability");
        f.path = base + "/options/" + std::to_string(i);
        pick_ids(f, Str::f_option_steps, k + "steps", o.steps, ids(v.steps));
        if (ImGui::SmallButton(S(f.state, Str::f_remove))) {
            b.options.erase(b.options.begin() + static_cast<std::ptrdiff_t>(i));
            ImGui::PopID();
            break;
        }
        test_api::add_rect("editor.option_remove." + std::to_string(i));
        ImGui::PopID();
    }
    f.path = base;
    if (ImGui::Button(S(f.state, Str::f_add_option))) {
        BranchOption o;
        o.id = "option_" + std::to_string(b.options.size() + 1);
        o.label = o.id;
        b.options.push_back(o);
    }
    test_api::add_rect("editor.add_option");
}

void lever_form(Form& f, Scenario& s, const Variant& root, Lever& l, std::size_t index, std::size_t count,
                Variant& v) {
    const LeverSpec& spec = lever_spec(l.kind);
    const std::string k = "lever." + std::to_string(index) + ".";
    ImGui::PushID(static_cast<int>(index));
    ImGui::Separator();
    ImGui::Text("%zu. %s", index + 1, f.state.language == Language::zh ? spec.name_zh : spec.name_en);
    ImGui::SameLine();
    if (index > 0 && ImGui::SmallButton(S(f.state, Str::f_up))) scenario::move_lever(s, v.id, index, index - 1);
    test_api::add_rect("editor." + k + "up");
    ImGui::SameLine();
    if (index + 1 < count && ImGui::SmallButton(S(f.state, Str::f_down))) scenario::move_lever(s, v.id, index, index + 1);
    test_api::add_rect("editor." + k + "down");
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton(S(f.state, Str::f_remove));
    test_api::add_rect("editor." + k + "remove");
    if (remove || index >= v.levers.size()) {
        if (remove) scenario::remove_lever(s, v.id, index);
        ImGui::PopID();
        return;
    }
    Lever& lv = v.levers[index];  // the lever at this index now (after a move)
    const std::string base = f.path;
    f.path = base + "/" + std::to_string(index);
    for (const LeverParamUse& use : spec.params) {
        switch (use.param) {
        case LeverParam::steps: pick_ids(f, Str::ed_steps, k + "steps", lv.steps, ids(root.steps)); break;
        case LeverParam::materials: pick_ids(f, Str::ed_materials, k + "materials", lv.materials, ids(s.materials)); break;
        case LeverParam::departments:
            pick_ids(f, Str::ed_departments, k + "departments", lv.departments, ids(s.departments));
            break;
        case LeverParam::window_department: text(f, Str::f_window_department, k + "window_department", lv.window_department); break;
        case LeverParam::window_name: text(f, Str::f_window_name, k + "window_name", lv.window_name); break;
        case LeverParam::windows: integer(f, Str::f_windows, k + "windows", lv.windows); break;
        case LeverParam::factor: number(f, Str::f_factor, k + "factor", lv.factor); break;
        }
    }
    text(f, Str::f_note, k + "note", lv.note);
    f.path = base;
    (void)l;
    ImGui::PopID();
}

void variant_form(Form& f, Scenario& s, Variant& v) {
    text(f, Str::f_title, "title", v.title);
    text(f, Str::f_title_en, "title_en", v.title_en);
    std::vector<std::string> others;
    for (const auto& o : s.variants)
        if (o.id != v.id) others.push_back(o.id);
    if (&v != &s.variants.front()) pick_one(f, Str::f_from, "from", v.from, others, true);
    if (v.from.empty()) return;
    ImGui::Separator();
    ImGui::TextDisabled("%s", S(f.state, Str::ed_levers));
    const Variant* root = root_of(s, v);
    static const Variant none;
    const std::string base = f.path;
    f.path = base + "/levers";
    field_end(f, "");
    for (std::size_t i = 0; i < v.levers.size(); ++i)
        lever_form(f, s, root ? *root : none, v.levers[i], i, v.levers.size(), v);
    f.path = base;
    ImGui::SetNextItemWidth(em(16));
    if (ImGui::BeginCombo("##add_lever", S(f.state, Str::f_add_lever))) {
        for (const LeverSpec& spec : lever_specs()) {
            if (ImGui::Selectable(f.state.language == Language::zh ? spec.name_zh : spec.name_en))
                scenario::add_lever(s, v.id, spec.kind);
            test_api::add_rect(std::string("editor.pick.") + spec.key);
        }
        ImGui::EndCombo();
    }
    test_api::add_rect("editor.add_lever");
    // The change list of the derived variant, as the last validation resolved it.
    if (const Variant* done = f.state.editor.check.scenario.variant(v.id)) {
        ImGui::Separator();
        ImGui::TextDisabled("%s", S(f.state, Str::f_changes));
        const auto& lines = f.state.language == Language::zh ? done->changes : done->changes_en;
        for (const auto& line : lines) ImGui::BulletText("%s", line.c_str());
    }
}

}  // namespace

bool text_input(AppState& state, const std::string& key, std::string& text, float width) {
    EditorState& e = state.editor;
    const std::string rect = "editor.field." + key;
    const std::string id = "##" + key;
    if (platform::text_overlay_available()) {
        bool editing = e.editing_field == rect;
        const bool was_editing = editing;
        bool changed = walkthrough::text_field(state, id.c_str(), text, editing, "", width, rect.c_str());
        if (editing) e.editing_field = rect;
        else if (e.editing_field == rect) e.editing_field.clear();
        if (was_editing && !editing) {
            // Left by a click elsewhere (Enter and Escape have hidden it already): what was
            // typed since the last frame counts too, and the overlay is put away now, so the
            // next field starts from its own text, not from this one's.
            std::string typed;
            platform::text_overlay_poll(typed);
            if (typed != text) {
                text = typed;
                fonts_add_text(state, text);
                changed = true;
            }
            platform::text_overlay_hide();
        }
        return changed;
    }
    ImGui::SetNextItemWidth(width);
    auto resize = [](ImGuiInputTextCallbackData* data) {
        if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
            auto* str = static_cast<std::string*>(data->UserData);
            str->resize(static_cast<std::size_t>(data->BufTextLen));
            data->Buf = str->data();
        }
        return 0;
    };
    const bool changed = ImGui::InputText(id.c_str(), text.data(), text.capacity() + 1,
                                          ImGuiInputTextFlags_CallbackResize, resize, &text);
    test_api::add_rect(rect);
    if (changed) fonts_add_text(state, text);
    return changed;
}

std::string selection_path(const AppState& state) {
    const EditorState& e = state.editor;
    const Scenario& s = e.draft;
    auto index = [](const auto& items, const std::string& id) -> std::string {
        for (std::size_t i = 0; i < items.size(); ++i)
            if (items[i].id == id) return std::to_string(i);
        return "?";
    };
    const std::string& k = e.sel.kind;
    if (k == "place") return "/places/" + index(s.places, e.sel.id);
    if (k == "department") return "/departments/" + index(s.departments, e.sel.id);
    if (k == "material") return "/materials/" + index(s.materials, e.sel.id);
    if (k == "variant") return "/variants/" + e.sel.id;
    const Variant* v = s.variant(e.sel.variant);
    if (k == "step" && v) return "/variants/" + v->id + "/steps/" + index(v->steps, e.sel.id);
    if (k == "branch" && v) return "/variants/" + v->id + "/branches/" + index(v->branches, e.sel.id);
    return "";
}

void draw_form(AppState& state) {
    EditorState& e = state.editor;
    Scenario& s = e.draft;
    Form f{state, selection_path(state), em(11)};
    const std::string& k = e.sel.kind;
    auto find = [](auto& items, const std::string& id) -> decltype(&items[0]) {
        for (auto& i : items)
            if (i.id == id) return &i;
        return nullptr;
    };
    Variant* v = find_variant(s, e.sel.variant);
    if (k == "scenario") {
        text(f, Str::ed_id, "id", s.id);
        scenario_form(f, s);
    } else if (k == "place") {
        if (Place* p = find(s.places, e.sel.id)) {
            text(f, Str::f_name, "name", p->name);
            text(f, Str::f_name_en, "name_en", p->name_en);
            number(f, Str::f_travel, "travel_minutes", p->travel_minutes);
        }
    } else if (k == "department") {
        if (Department* d = find(s.departments, e.sel.id)) department_form(f, s, *d);
    } else if (k == "material") {
        if (Material* m = find(s.materials, e.sel.id)) {
            text(f, Str::f_name, "name", m->name);
            text(f, Str::f_name_en, "name_en", m->name_en);
            check(f, Str::f_held, "held_at_start", m->held_at_start);
            check(f, Str::f_essential, "essential", m->essential);
            check(f, Str::f_shared, "shared", m->shared);
            check(f, Str::f_in_guide, "in_guide", m->in_guide);
            text(f, Str::f_hint, "obtain_hint", m->obtain_hint);
        }
    } else if (k == "step" && v) {
        if (Step* st = find(v->steps, e.sel.id)) step_form(f, s, *v, *st);
    } else if (k == "branch" && v) {
        if (Branch* b = find(v->branches, e.sel.id)) branch_form(f, *v, *b);
    } else if (k == "variant") {
        if (Variant* vv = find_variant(s, e.sel.id)) variant_form(f, s, *vv);
    }
}

}  // namespace peizou::app::editor
