// Imports on the page (issue 16): a BPMN diagram or a 办事指南 guide (JSON, CSV) opened or
// dropped is imported once, by the same code as `peizou import`; the draft is kept in
// 我的文件 and opened in the Editor, and the import report is drawn above the Editor's
// form (every line located, in the page's language) until the user closes it.
// [SECTION] importing   [SECTION] test API   [SECTION] drawing
#include "import_panel.hpp"

#include <cstdio>

#include "fonts.hpp"
#include "imgui.h"
#include "import/bpmn.hpp"
#include "import/import.hpp"
#include "platform/backend.hpp"
#include "screens.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "user_files.hpp"

namespace peizou::app::import_panel {

namespace {

const char* S(const AppState& state, Str id) { return tr(state.language, id); }

// "permit.bpmn" → "permit.json": the draft is kept under the source's own stem.
std::string draft_name(const std::string& source) {
    std::string base = source.substr(source.find_last_of("/\\") + 1);
    const std::size_t dot = base.find_last_of('.');
    if (dot != std::string::npos && dot > 0) base = base.substr(0, dot);
    return (base.empty() ? std::string("import") : base) + ".json";
}

Str label(import::Mapping m) {
    switch (m) {
        case import::Mapping::mapped: return Str::im_mapped;
        case import::Mapping::approximated: return Str::im_approximated;
        case import::Mapping::ignored: return Str::im_ignored;
        case import::Mapping::error: return Str::im_error;
    }
    return Str::im_error;
}

ImVec4 colour(import::Mapping m) {
    switch (m) {
        case import::Mapping::mapped: return ImVec4(0.1f, 0.45f, 0.15f, 1.0f);
        case import::Mapping::approximated: return ImVec4(0.65f, 0.45f, 0.0f, 1.0f);
        case import::Mapping::ignored: return ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
        case import::Mapping::error: return ImVec4(0.75f, 0.1f, 0.1f, 1.0f);
    }
    return ImVec4(0, 0, 0, 1);
}

std::string counts_text(const AppState& state) {
    const ImportReportState& r = state.import_report;
    char line[512];
    std::snprintf(line, sizeof line, S(state, Str::im_counts), r.source.c_str(), r.mapped, r.approximated, r.ignored,
                  r.errors);
    return line;
}

}  // namespace

// ---------------------------------------------------------------- [SECTION] importing

bool is_import(const std::string& text) {
    const import::FileKind k = import::detect_kind(text);
    return k == import::FileKind::bpmn || k == import::FileKind::guide_json || k == import::FileKind::guide_csv ||
           k == import::FileKind::prosimos;
}

std::string take_params(std::vector<platform::OpenedFile>& files, std::string& params_name) {
    bool bpmn = false;
    for (const auto& f : files) bpmn = bpmn || import::detect_kind(f.text) == import::FileKind::bpmn;
    params_name.clear();
    if (!bpmn) return "";
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (import::detect_kind(it->text) != import::FileKind::prosimos) continue;
        std::string params = std::move(it->text);
        params_name = it->name;
        files.erase(it);
        return params;
    }
    return "";
}

bool open(AppState& state, const std::string& name, const std::string& text, const std::string& params,
          const std::string& params_name) {
    const import::ImportResult r = import::import_text(name, text, params);  // the one parse of the file
    ImportReportState& rep = state.import_report;
    rep = ImportReportState{};
    rep.source = name;
    if (!params.empty() && import::detect_kind(text) == import::FileKind::bpmn) rep.params = params_name;
    rep.format = r.format;
    rep.ok = r.ok;
    rep.lines = r.lines;
    rep.mapped = r.count(import::Mapping::mapped);
    rep.approximated = r.count(import::Mapping::approximated);
    rep.ignored = r.count(import::Mapping::ignored);
    rep.errors = r.count(import::Mapping::error);
    fonts_add_text(state, name);
    for (const auto& l : rep.lines) {  // the source's own names (task names in Chinese) are in the messages
        fonts_add_text(state, l.element);
        fonts_add_text(state, l.location);
        fonts_add_text(state, l.message_zh);
    }
    if (!r.ok) {  // nothing is kept: the user hears why, located, in both languages
        const import::ReportLine* first = nullptr;
        for (const auto& l : rep.lines)
            if (l.what == import::Mapping::error) {
                first = &l;
                break;
            }
        const std::string where = first && !first->location.empty() ? name + ":" + first->location : name;
        state.user.message_zh = std::string(tr(Language::zh, Str::im_failed)) + where + (first ? " " + first->message_zh : "");
        state.user.message_en = std::string(tr(Language::en, Str::im_failed)) + where + (first ? " " + first->message_en : "");
        state.user.message_is_error = true;
        fonts_add_text(state, state.user.message_zh);
        return false;
    }
    // Kept in 我的文件 beside what is there (never replacing a kept file), then opened in
    // the Editor, which asks first when it holds unsaved changes.
    // The draft read back by the importer is what is listed: not parsed a second time.
    if (!user_files::open(state, draft_name(name), import::draft_text(r), false, &r.loaded)) return false;
    rep.draft_key = state.library.selected;
    editor::open_entry(state, rep.draft_key);
    return true;
}

// ---------------------------------------------------------------- [SECTION] test API

namespace {
using test_api::Json;

const bool registered = [] {
    test_api::add_state("import", [](const AppState& s) {
        const ImportReportState& r = s.import_report;
        Json lines = Json::array();
        for (const auto& l : r.lines)
            lines.push_back({{"what", import::to_string(l.what)},
                             {"element", l.element},
                             {"location", l.location},
                             {"message", s.language == Language::zh ? l.message_zh : l.message_en}});
        return Json{{"source", r.source},
                    {"params", r.params},
                    {"format", r.format},
                    {"ok", r.ok},
                    {"draft", r.draft_key},
                    {"shown", r.shown},
                    {"counts", {{"mapped", r.mapped}, {"approximated", r.approximated}, {"ignored", r.ignored}, {"error", r.errors}}},
                    {"lines", lines}};
    });
    return true;
}();

}  // namespace

// ---------------------------------------------------------------- [SECTION] drawing

void draw_in_editor(AppState& state) {
    (void)registered;
    const EditorState& e = state.editor;
    // BPMN of the variant the graph shows, as `peizou export --format bpmn` writes it.
    if (e.open && e.check.ok && !e.check.scenario.variants.empty()) {
        const Scenario& s = e.check.scenario;
        const Variant* v = e.graph_variant.empty() ? nullptr : s.variant(e.graph_variant);
        if (!v) v = &s.variants[s.variants.size() > 1 ? 1 : 0];  // as the graph: the second, else before
        if (ImGui::SmallButton(S(state, Str::im_download_bpmn))) {
            std::string stem = e.file.empty() ? s.id : e.file;
            if (stem.size() > 5 && stem.compare(stem.size() - 5, 5, ".json") == 0) stem.resize(stem.size() - 5);
            platform::save_download(stem + "-" + v->id + ".bpmn", "application/xml", import::export_bpmn(s, *v));
        }
        test_api::add_rect("editor.download_bpmn");
    }
    ImportReportState& r = state.import_report;
    const std::string key = "user/scenarios/" + e.file;
    if (!e.open || !r.shown || r.draft_key.empty() || r.draft_key != key) return;
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    const std::string header = std::string(S(state, Str::im_report_title)) + " · " + counts_text(state) + "###import.report";
    const bool open = ImGui::CollapsingHeader(header.c_str(), &r.shown);
    test_api::add_rect("editor.import_report");
    if (!open) return;
    ImGui::BeginChild("##import.lines", ImVec2(0, em(7)), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(r.lines.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const import::ReportLine& l = r.lines[static_cast<std::size_t>(i)];
            ImGui::TextColored(colour(l.what), "%s", S(state, label(l.what)));
            ImGui::SameLine();
            const std::string& message = state.language == Language::zh ? l.message_zh : l.message_en;
            ImGui::TextUnformatted((r.source + (l.location.empty() ? "" : ":" + l.location) +
                                    (l.element.empty() ? "" : "  " + l.element) + "  " + message)
                                       .c_str());
        }
    ImGui::EndChild();
}

}  // namespace peizou::app::import_panel
