// 培训班 Class (issue 18): a trainer drops every trainee's walk record of one scenario
// and sees them together — a heat map of the steps on the process's department lanes,
// a sortable table of the steps, a strip per trainee beside the model citizen and the
// reform, and the merged 问题清单 with Markdown/CSV downloads. The reading is
// scenario/class_report.cpp (the same as `peizou class`); this file only shows it and
// keeps the class in 我的文件 (classes/<scenario>.class.json, then <scenario>-2.class.json …
// for more classes of one scenario) to be reopened.
// [SECTION] the class   [SECTION] my files   [SECTION] heat map   [SECTION] tables
// [SECTION] test API   [SECTION] draw
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "fonts.hpp"
#include "imgui.h"
#include "platform/backend.hpp"
#include "process_graph.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "user_files.hpp"
#include "walkthrough_panels.hpp"
#include "widgets.hpp"

namespace peizou::app::classroom {

namespace {
const ImVec4 kBlue(0.15f, 0.35f, 0.65f, 1);
const ImVec4 kRed(0.75f, 0.10f, 0.10f, 1);
const ImVec4 kGrey(0.45f, 0.45f, 0.45f, 1);

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

std::string fmt(const char* pattern, const std::string& a) {
    std::string out = pattern;
    const auto at = out.find("%s");
    return at == std::string::npos ? out : out.replace(at, 2, a);
}

void say(AppState& state, Str id, const std::string& what, bool error) {
    ClassState& c = state.class_view;
    c.message_zh = fmt(tr(Language::zh, id), what);
    c.message_en = fmt(tr(Language::en, id), what);
    c.message_is_error = error;
    fonts_add_text(state, what);
}

// ---------------------------------------------------------------- [SECTION] the class

// The library entry of scenario `id` (a built-in file before one of my files), or -1.
int entry_of(const AppState& state, const std::string& id) {
    const auto& entries = state.library.entries;
    for (bool user : {false, true})
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].user == user && entries[i].result.ok && entries[i].result.scenario.id == id)
                return static_cast<int>(i);
    return -1;
}

bool entry_text(const AppState& state, const LibraryEntry& e, std::string& text) {
    const std::string user = "user/";
    return e.user && e.file.rfind(user, 0) == 0 ? platform::read_file(state.user.dir + "/" + e.file.substr(user.size()), text)
                                                : platform::read_file(state.library.dir + "/" + e.file, text);
}

void register_report_text(AppState& state) {
    const scenario::ClassReport& r = state.class_view.report;
    for (const auto& t : r.trainees) fonts_add_text(state, t.label + t.file);
    for (const auto& s : r.steps) {
        fonts_add_text(state, s.name + s.name_en);
        for (const auto& n : s.notes) fonts_add_text(state, n);
        for (const auto& [why, count] : s.reasons) fonts_add_text(state, why);
    }
    for (const auto& p : r.problems)
        for (const auto& n : p.notes) fonts_add_text(state, n);
    for (const auto& a : r.set_apart) fonts_add_text(state, a.file + a.issue.message_zh + a.issue.message_en);
}

// Reads the class again: its scenario is the one most records name, as in the CLI.
void refresh(AppState& state) {
    ClassState& c = state.class_view;
    if (!c.dirty) return;
    c.dirty = false;
    c.scenario.reset();
    c.report = scenario::ClassReport{};
    if (c.files.empty()) return;
    const std::string id = scenario::class_scenario(c.files);
    const int entry = entry_of(state, id);
    std::string text;
    if (entry >= 0 && entry_text(state, state.library.entries[static_cast<std::size_t>(entry)], text)) {
        c.scenario = std::make_unique<Scenario>(state.library.entries[static_cast<std::size_t>(entry)].result.scenario);
        c.report = scenario::class_report(c.files, *c.scenario, text, c.show_names);
        process_graph_fonts(state, *c.scenario);
    } else {
        c.report = scenario::class_without_scenario(c.files, id);
    }
    register_report_text(state);
}

// ---------------------------------------------------------------- [SECTION] my files

// The file this class is kept in: its own once saved or reopened; a new class takes the
// first free name of its scenario, so an earlier class of the same scenario stays.
std::string class_file_name(const ClassState& c) {
    if (!c.saved_name.empty()) return c.saved_name;
    const std::string stem = c.report.scenario.empty() ? std::string("class") : c.report.scenario;
    std::string name = stem + ".class.json";
    for (int n = 2; std::find(c.saved.begin(), c.saved.end(), name) != c.saved.end(); ++n)
        name = stem + "-" + std::to_string(n) + ".class.json";
    return name;
}

void clear(ClassState& c) {
    c.files.clear();
    c.saved_name.clear();  // the next records start a new class
    c.dirty = true;
}

void list_saved(AppState& state) {
    ClassState& c = state.class_view;
    c.saved = platform::list_files(state.user.dir + "/classes", ".json");
    c.saved_listed = true;
    for (const auto& f : c.saved) fonts_add_text(state, f);
}

// The class as one file in my files: its records' names and bytes, and the names tick.
void save(AppState& state) {
    refresh(state);
    ClassState& c = state.class_view;
    if (c.files.empty()) return;
    nlohmann::ordered_json j{{"format", "peizou-class/1"}, {"scenario", c.report.scenario}, {"show_names", c.show_names}};
    j["records"] = nlohmann::ordered_json::array();
    for (const auto& f : c.files) {
        nlohmann::ordered_json r{{"name", f.name}, {"text", f.text}};
        if (!f.error_en.empty()) r["error"] = {{"zh", f.error_zh}, {"en", f.error_en}};  // a .zip entry that did not unpack
        j["records"].push_back(r);
    }
    if (!c.saved_listed) list_saved(state);
    const std::string name = class_file_name(c), bytes = j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    std::string error;
    if (!platform::user_write("classes/" + name, bytes, error, [&state, name](const std::string& e) {
            say(state, e.empty() ? Str::cl_saved : Str::cl_save_failed, e.empty() ? name : name + ": " + e, !e.empty());
        }))
        say(state, Str::cl_save_failed, error, true);
    c.saved_name = name;
    list_saved(state);
}

bool reopen(AppState& state, const std::string& name) {
    ClassState& c = state.class_view;
    std::string text;
    if (!platform::read_file(state.user.dir + "/classes/" + name, text)) return false;
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (!j.is_object() || !j.contains("records") || !j["records"].is_array()) return false;
    c.files.clear();
    for (const auto& r : j["records"]) {
        if (!r.is_object() || !r.contains("name") || !r["name"].is_string() || !r.contains("text") || !r["text"].is_string())
            continue;
        scenario::ClassFile f{r["name"].get<std::string>(), r["text"].get<std::string>(), "", ""};
        if (r.contains("error") && r["error"].is_object()) {
            f.error_zh = r["error"].value("zh", "");
            f.error_en = r["error"].value("en", "");
        }
        c.files.push_back(std::move(f));
    }
    c.show_names = j.value("show_names", false);
    c.saved_name = name;
    c.dirty = true;
    refresh(state);
    return true;
}

bool remove_saved(AppState& state, const std::string& name) {
    std::string error;
    const bool ok = platform::user_remove("classes/" + name, error);
    if (name == state.class_view.saved_name) state.class_view.saved_name.clear();
    list_saved(state);
    return ok;
}

std::string download(AppState& state, bool csv) {
    refresh(state);
    const ClassState& c = state.class_view;
    const bool zh = state.language == Language::zh;
    const std::string stem = (c.report.scenario.empty() ? std::string("class") : c.report.scenario) + "-class-problems";
    const std::string name = csv ? platform::save_download(stem + ".csv", "text/csv", scenario::class_csv(c.report, zh))
                                 : platform::save_download(stem + ".md", "text/markdown", scenario::class_markdown(c.report, zh));
    say(state, Str::cl_downloaded, name, false);
    return name;
}

}  // namespace

void open_file(AppState& state, const std::string& name, const std::string& text) {
    ClassState& c = state.class_view;
    // A scenario dropped here goes to my files as anywhere else.
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_object() && j.contains("format") && j["format"].is_string() &&
        j["format"].get<std::string>().rfind("peizou-scenario/", 0) == 0) {
        user_files::open(state, name, text);
        return;
    }
    // A .zip gives each record inside it (named ZIP/ENTRY); what does not unpack is set apart.
    const std::vector<scenario::ClassFile> opened = scenario::class_files(name, text);
    for (const scenario::ClassFile& f : opened) {
        auto same = std::find_if(c.files.begin(), c.files.end(), [&](const scenario::ClassFile& g) { return g.name == f.name; });
        if (same != c.files.end()) *same = f;
        else c.files.push_back(f);
    }
    if (opened.size() > 1 || opened.front().name != name) say(state, Str::cl_zip, name, false);
    c.dirty = true;
    save(state);
}

// ---------------------------------------------------------------- [SECTION] heat map

namespace {

// The variant on the shared process graph (process_graph.hpp, as the Editor draws it),
// each walked step filled by how much it hurt: pale yellow → deep red, scaled to the
// step that hurt most; a step nobody reached stays grey. Its badge: how many reached it.
void draw_heat_map(AppState& state, const Variant& v) {
    const ClassState& c = state.class_view;
    const Language L = state.language;
    std::map<std::string, const scenario::StepRow*> rows;
    int most = 1;
    for (const auto& r : c.report.steps)
        if (r.variant == v.id) {
            rows[r.step] = &r;
            most = std::max(most, r.hurt());
        }
    GraphMarks marks;
    marks.language = L;
    marks.test_prefix = "class.heat." + v.id + ".";
    marks.legend = false;  // the caption above says what the colours mean; nothing here is edited
    for (const auto& st : v.steps) {
        const auto it = rows.find(st.id);
        if (it == rows.end()) {
            marks.step_fill.emplace_back(st.id, IM_COL32(242, 242, 242, 255));
            continue;
        }
        const float hurt = static_cast<float>(it->second->hurt()) / static_cast<float>(most);
        const auto mix = [hurt](int from, int to) {
            return static_cast<int>(static_cast<float>(from) + (static_cast<float>(to) - static_cast<float>(from)) * hurt);
        };
        marks.step_fill.emplace_back(st.id, IM_COL32(mix(255, 200), mix(236, 30), mix(200, 30), 255));
        marks.step_badge.emplace_back(st.id, std::to_string(it->second->reached));
        char note[160];
        std::snprintf(note, sizeof note, "%s %d · %s %d · %s %d", S(state, Str::cl_col_reached), it->second->reached,
                      S(state, Str::cl_col_rejections), it->second->rejections, S(state, Str::cl_col_extra),
                      it->second->extra_trips);
        marks.step_note.emplace_back(st.id, note);
    }
    ImGui::TextColored(kBlue, "%s", (L == Language::zh ? v.title : v.title_en.empty() ? v.title : v.title_en).c_str());
    // Tall enough for its lanes (one per department) at the graph's first zoom (≥ 0.6), at
    // most half the screen: pan or double-click (fit) for the rest.
    std::vector<std::string> lanes;
    for (const auto& st : v.steps)
        if (std::find(lanes.begin(), lanes.end(), st.department) == lanes.end()) lanes.push_back(st.department);
    const float height = std::clamp(em(v.branches.empty() ? 3.6f : 4.6f) * static_cast<float>(lanes.size()) + em(2),
                                    em(10), std::max(em(10), ImGui::GetIO().DisplaySize.y * 0.5f));
    GraphSelection sel;
    draw_process_graph(("##class.heat." + v.id).c_str(), *c.scenario, v.id, sel, marks,
                       ImVec2(ImGui::GetContentRegionAvail().x, height));
}

// ---------------------------------------------------------------- [SECTION] tables

std::string flags_text(const scenario::StepRow& r, bool zh) {
    std::string out;
    for (const auto& [category, n] : r.flags)
        out += (out.empty() ? "" : "，") + std::string(scenario::problem_category_label(category, zh)) + " " + std::to_string(n);
    return out;
}

void draw_steps_table(AppState& state) {
    const ClassState& c = state.class_view;
    const bool zh = state.language == Language::zh;
    ImGui::TextColored(kBlue, "%s", S(state, Str::cl_steps));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##class_steps", 9, flags)) return;
    const Str heads[] = {Str::cl_col_variant, Str::cl_col_step, Str::cl_col_reached, Str::cl_col_sent_back, Str::cl_col_rejections,
                         Str::cl_col_extra, Str::cl_col_median, Str::cl_col_range, Str::cl_col_flags};
    const float weights[] = {1, 3, 1, 1, 1, 1, 1.2f, 1.4f, 2.5f};
    for (int i = 0; i < 9; ++i) ImGui::TableSetupColumn(S(state, heads[i]), ImGuiTableColumnFlags_WidthStretch, weights[i]);
    ImGui::TableHeadersRow();
    std::vector<const scenario::StepRow*> rows;
    for (const auto& r : c.report.steps) rows.push_back(&r);
    if (const ImGuiTableSortSpecs* sort = ImGui::TableGetSortSpecs(); sort && sort->SpecsCount > 0) {
        const int col = sort->Specs[0].ColumnIndex;
        const bool up = sort->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        auto key = [col](const scenario::StepRow* r) {
            switch (col) {
            case 2: return static_cast<double>(r->reached);
            case 3: return static_cast<double>(r->sent_back);
            case 4: return static_cast<double>(r->rejections);
            case 5: return static_cast<double>(r->extra_trips);
            case 6: return r->days.median;
            case 7: return r->days.max - r->days.min;
            case 8: return static_cast<double>(r->hurt());
            default: return 0.0;
            }
        };
        if (col >= 2) std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) { return up ? key(a) < key(b) : key(a) > key(b); });
        else if (col == 1) std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) { return up ? a->name < b->name : a->name > b->name; });
    }
    for (const scenario::StepRow* r : rows) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r->variant.c_str());
        ImGui::TableNextColumn();
        text_wrapped(zh || r->name_en.empty() ? r->name : r->name_en);
        ImGui::TableNextColumn();
        ImGui::Text("%d", r->reached);
        ImGui::TableNextColumn();
        if (r->sent_back) ImGui::TextColored(kRed, "%d", r->sent_back);
        else ImGui::TextUnformatted("0");
        ImGui::TableNextColumn();
        ImGui::Text("%d", r->rejections);
        ImGui::TableNextColumn();
        ImGui::Text("%d", r->extra_trips);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f", r->days.median);
        ImGui::TableNextColumn();
        ImGui::Text("%.1f–%.1f", r->days.min, r->days.max);
        ImGui::TableNextColumn();
        text_wrapped(flags_text(*r, zh));
        for (const auto& n : r->notes) text_wrapped(n);
    }
    ImGui::EndTable();
    test_api::add_rect("class.steps");
}

std::string burden_text(const AppState& state, const scenario::Burden& b) {
    if (!b.finished) return "—";
    char buf[160];
    std::snprintf(buf, sizeof buf, S(state, Str::cl_strip), b.trips, b.windows, b.rejections, b.days);
    return buf;
}

std::string trainee_label(const AppState& state, const std::string& label) {
    // "学员 N" in the data; "Trainee N" on an English screen.
    if (state.language == Language::zh || label.rfind("学员 ", 0) != 0) return label;
    char buf[64];
    std::snprintf(buf, sizeof buf, tr(Language::en, Str::cl_trainee_label), std::atoi(label.c_str() + std::string("学员 ").size()));
    return buf;
}

void draw_trainees(AppState& state) {
    const ClassState& c = state.class_view;
    ImGui::TextColored(kBlue, "%s", S(state, Str::cl_trainees));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##class_trainees", 4, flags)) return;
    ImGui::TableSetupColumn(S(state, Str::cl_trainee), ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn(S(state, Str::cl_col_variant), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(S(state, Str::cl_model), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(S(state, Str::cl_reform), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableHeadersRow();
    for (const auto& t : c.report.trainees) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(trainee_label(state, t.label).c_str());
        ImGui::TableNextColumn();
        // More trips or rejections than the model citizen: the trainer points here.
        const bool worse = t.walked.trips > t.model.trips || t.walked.rejections > t.model.rejections;
        ImGui::TextColored(worse ? kRed : ImVec4(0.1f, 0.1f, 0.1f, 1), "%s · %s", t.variant.c_str(), burden_text(state, t.walked).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(kGrey, "%s", burden_text(state, t.model).c_str());
        ImGui::TableNextColumn();
        // 改革前 when the trainee walked the only reform: the column compares with the before.
        if (!t.reform_variant.empty())
            ImGui::TextColored(kGrey, "%s %s · %s", S(state, t.reform_is_before ? Str::cl_side_before : Str::cl_side_after),
                               t.reform_variant.c_str(), burden_text(state, t.reform).c_str());
    }
    ImGui::EndTable();
    test_api::add_rect("class.trainees");
}

void draw_problems(AppState& state) {
    const ClassState& c = state.class_view;
    const bool zh = state.language == Language::zh;
    ImGui::TextColored(kBlue, "%s", S(state, Str::cl_problems));
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##class_problems", 9, flags)) return;
    const Str heads[] = {Str::cl_col_variant, Str::cl_col_step, Str::cl_col_category, Str::cl_col_trainees, Str::cl_col_notes,
                         Str::cl_col_dept, Str::cl_col_measure, Str::cl_col_deadline, Str::cl_col_status};
    const float weights[] = {1, 2.2f, 1.4f, 0.8f, 4, 1.2f, 1.2f, 0.8f, 0.8f};
    for (int i = 0; i < 9; ++i) ImGui::TableSetupColumn(S(state, heads[i]), ImGuiTableColumnFlags_WidthStretch, weights[i]);
    ImGui::TableHeadersRow();
    for (const auto& p : c.report.problems) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(p.variant.c_str());
        ImGui::TableNextColumn();
        text_wrapped(zh ? p.step_name : p.step_name_en);
        ImGui::TableNextColumn();
        text_wrapped(scenario::problem_category_label(p.category, zh));
        ImGui::TableNextColumn();
        ImGui::Text("%d", p.trainees);
        ImGui::TableNextColumn();
        for (const auto& n : p.notes) text_wrapped(n);
    }
    ImGui::EndTable();
    test_api::add_rect("class.problems");
}

const char* reason_label(const AppState& state, const std::string& reason) {
    if (reason == "malformed") return S(state, Str::cl_reason_malformed);
    if (reason == "other_scenario") return S(state, Str::cl_reason_other_scenario);
    if (reason == "other_version") return S(state, Str::cl_reason_other_version);
    if (reason == "unreadable") return S(state, Str::cl_reason_unreadable);
    return S(state, Str::cl_reason_replay_failed);
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

const bool registered = [] {
    // `report` is exactly `peizou class --json` (plus --names when show_names) of the same records.
    test_api::add_state("class", [](const AppState& s) {
        const ClassState& c = s.class_view;
        Json files = Json::array();
        for (const auto& f : c.files) files.push_back(f.name);
        return Json{{"files", files},
                    {"show_names", c.show_names},
                    {"pending", c.dirty},
                    {"report", c.files.empty() || c.dirty ? Json(nullptr) : Json(scenario::class_json(c.report))},
                    {"scenario_found", c.scenario != nullptr},
                    {"saved", c.saved},
                    {"message", s.language == Language::zh ? c.message_zh : c.message_en},
                    {"message_is_error", c.message_is_error}};
    });
    // The same path as a file dropped on the Class screen.
    test_api::add_action("class.open", [](AppState& s, const Json& args) {
        open_file(s, args.value("name", "walk.json"), args.value("text", ""));
        refresh(s);
        return Json::object();
    });
    test_api::add_action("class.clear", [](AppState& s, const Json&) {
        clear(s.class_view);
        refresh(s);
        return Json::object();
    });
    test_api::add_action("class.names", [](AppState& s, const Json& args) {
        s.class_view.show_names = args.value("show", true);
        s.class_view.dirty = true;
        save(s);
        return Json::object();
    });
    test_api::add_action("class.reopen", [](AppState& s, const Json& args) {
        if (!reopen(s, args.value("file", ""))) throw test_api::ActionError{"no such class in my files"};
        return Json::object();
    });
    test_api::add_action("class.delete", [](AppState& s, const Json& args) {
        if (!remove_saved(s, args.value("file", ""))) throw test_api::ActionError{"could not delete"};
        return Json::object();
    });
    // The downloads' names and bytes (the CSV starts with the UTF-8 BOM).
    test_api::add_action("class.export", [](AppState& s, const Json& args) {
        const bool csv = args.value("format", "md") == "csv";
        const std::string name = download(s, csv);
        const bool zh = s.language == Language::zh;
        return Json{{"name", name},
                    {"text", csv ? scenario::class_csv(s.class_view.report, zh) : scenario::class_markdown(s.class_view.report, zh)}};
    });
    return true;
}();

}  // namespace

// ---------------------------------------------------------------- [SECTION] draw

void draw(AppState& state) {
    (void)registered;
    ClassState& c = state.class_view;
    if (!c.saved_listed) list_saved(state);
    refresh(state);
    ImGui::BeginChild("##class_scroll", ImVec2(0, 0), false);
    text_wrapped(S(state, Str::cl_intro));
    if (ImGui::Button(S(state, Str::cl_open))) platform::pick_files(".json,.zip,application/json");
    test_api::add_rect("class.open");
    walkthrough::same_line_if_fits(S(state, Str::cl_clear));
    if (ImGui::Button(S(state, Str::cl_clear))) clear(c);
    test_api::add_rect("class.clear");
    walkthrough::same_line_if_fits(std::string("[ ] ") + S(state, Str::cl_show_names));
    if (ImGui::Checkbox(S(state, Str::cl_show_names), &c.show_names)) {
        c.dirty = true;
        save(state);
    }
    test_api::add_rect("class.show_names");
    if (!c.files.empty()) {
        walkthrough::same_line_if_fits(S(state, Str::cl_download_md));
        if (ImGui::Button(S(state, Str::cl_download_md))) download(state, false);
        test_api::add_rect("class.download.md");
        walkthrough::same_line_if_fits(S(state, Str::cl_download_csv));
        if (ImGui::Button(S(state, Str::cl_download_csv))) download(state, true);
        test_api::add_rect("class.download.csv");
    }
    if (!c.saved.empty()) {
        ImGui::TextDisabled("%s", S(state, Str::cl_saved_classes));
        std::string open, remove;
        for (const auto& name : c.saved) {
            ImGui::PushID(name.c_str());
            if (&name == &c.saved.front()) ImGui::SameLine();  // one kept class a line: a scenario may have several
            ImGui::TextUnformatted(name.c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton(S(state, Str::cl_reopen))) open = name;
            test_api::add_rect("class.reopen." + name);
            ImGui::SameLine();
            if (ImGui::SmallButton(S(state, Str::cl_delete))) remove = name;
            ImGui::PopID();
        }
        if (!open.empty()) reopen(state, open);
        if (!remove.empty()) remove_saved(state, remove);
    }
    const std::string& message = state.language == Language::zh ? c.message_zh : c.message_en;
    if (!message.empty()) ImGui::TextColored(c.message_is_error ? kRed : kGrey, "%s", message.c_str());
    if (c.files.empty()) {
        ImGui::TextDisabled("%s", S(state, Str::cl_empty));
        ImGui::EndChild();
        return;
    }
    const scenario::ClassReport& r = c.report;
    const std::string title = c.scenario ? (state.language == Language::zh || c.scenario->title_en.empty() ? c.scenario->title
                                                                                                         : c.scenario->title_en)
                                         : r.scenario;
    char summary[512];
    std::snprintf(summary, sizeof summary, S(state, Str::cl_summary), title.c_str(), static_cast<int>(r.trainees.size()),
                  static_cast<int>(r.set_apart.size()));
    ImGui::SetWindowFontScale(1.2f);
    ImGui::PushStyleColor(ImGuiCol_Text, kBlue);
    text_wrapped(summary);
    ImGui::PopStyleColor();
    ImGui::SetWindowFontScale(1.0f);
    test_api::add_rect("class.summary");
    if (!c.scenario) ImGui::TextColored(kRed, "%s", fmt(S(state, Str::cl_no_scenario), r.scenario).c_str());
    if (!r.set_apart.empty()) {
        ImGui::TextColored(kRed, "%s", S(state, Str::cl_set_apart));
        for (const auto& a : r.set_apart) {
            char where[64];
            std::snprintf(where, sizeof where, ":%d:%d ", a.issue.line, a.issue.column);
            ImGui::PushStyleColor(ImGuiCol_Text, kRed);
            bullet_text_wrapped(a.file + where + a.issue.path + " — " + reason_label(state, a.reason) +
                                (state.language == Language::zh ? "：" : ": ") +
                                (state.language == Language::zh ? a.issue.message_zh : a.issue.message_en));
            ImGui::PopStyleColor();
        }
        test_api::add_rect("class.set_apart");
    }
    if (c.scenario) {
        ImGui::Spacing();
        ImGui::TextDisabled("%s", S(state, Str::cl_heat));
        for (const Variant& v : c.scenario->variants) {
            const bool walked = std::any_of(r.trainees.begin(), r.trainees.end(), [&](const auto& t) { return t.variant == v.id; });
            if (walked) draw_heat_map(state, v);
        }
        test_api::add_rect("class.heat");
    }
    ImGui::Spacing();
    draw_trainees(state);
    ImGui::Spacing();
    draw_steps_table(state);
    ImGui::Spacing();
    draw_problems(state);
    ImGui::EndChild();
}

}  // namespace peizou::app::classroom
