// The scenario card above a Library entry's summary: the headline figures before → after
// (calendar days, trips, submissions, one-trip share) from a quick comparison of its
// first two variants with the Compare screen's default seed and citizens — the same runs
// as `peizou compare FILE --seed S --citizens N`, advanced in slices by compare_run.cpp
// (start_runs / step_runs) so frames stay short. Kept for the session.
#include <cstdio>

#include "compare_run.hpp"
#include "imgui.h"
#include "library_parts.hpp"
#include "scenario/run_report.hpp"
#include "strings.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"

namespace peizou::app::library {

namespace {

constexpr double kFrameBudgetMs = 10;  // simulation work per frame (as the Compare screen)

// The card's figures from the numbers `peizou compare --json` prints (same rounding).
LibraryState::Card card_of(const CompareState& run) {
    LibraryState::Card card;
    card.seed = run.seed;
    card.citizens = run.citizens;
    card.variants = run.variants;
    card.work_ms_max = run.work_ms_max;
    std::vector<RunResult> results;
    for (const auto& r : run.runs) results.push_back(r.result);
    const nlohmann::ordered_json j = scenario::compare_json(results);
    auto number = [](const nlohmann::ordered_json& x) { return x.is_number() ? x.get<double>() : 0.0; };
    for (const auto& v : j["variants"]) {
        const auto& m = v["measures"];
        card.figures.push_back({number(m["calendar_days"]["mean"]), number(m["trips"]["mean"]),
                                number(m["submissions"]["mean"]), number(v["rates"]["one_trip"])});
    }
    return card;
}

}  // namespace

void card_step(AppState& state) {
    LibraryState& lib = state.library;
    const int i = entry_index(lib, lib.selected);
    const LibraryEntry* e = i >= 0 ? &lib.entries[static_cast<std::size_t>(i)] : nullptr;
    if (!e || !e->result.ok || e->result.scenario.variants.empty() || lib.cards.count(e->file)) {
        lib.card_run.reset();  // another entry's run is dropped: it starts again when shown
        return;
    }
    if (!lib.card_run || lib.card_run->file != e->file) {
        const Scenario& s = e->result.scenario;
        std::vector<std::string> ids;
        for (std::size_t v = 0; v < s.variants.size() && v < 2; ++v) ids.push_back(s.variants[v].id);
        lib.card_run = std::make_unique<CompareState>();  // the Compare screen's defaults
        lib.card_run->with_shapley = false;
        compare::start_runs(*lib.card_run, s, e->file, ids);
    }
    if (compare::step_runs(*lib.card_run, kFrameBudgetMs)) return;
    lib.cards[e->file] = card_of(*lib.card_run);
    lib.card_run.reset();
}

void draw_card(const AppState& state, const LibraryEntry& e) {
    const LibraryState& lib = state.library;
    const Language lang = state.language;
    const Scenario& s = e.result.scenario;
    auto title = [&](const std::string& id) {
        const Variant* v = s.variant(id);
        return v ? walkthrough::pick(lang, v->title, v->title_en) : id;
    };
    const auto it = lib.cards.find(e.file);
    if (it == lib.cards.end()) {
        const double done = lib.card_run && lib.card_run->file == e.file ? compare::progress(*lib.card_run) : 0;
        ImGui::ProgressBar(static_cast<float>(done), ImVec2(em(20), 0), tr(lang, Str::lib_card_running));
        test_api::add_rect("library.card");
        return;
    }
    const LibraryState::Card& card = it->second;
    const std::size_t n = card.figures.size();
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.16f, 0.35f, 0.62f, 1.0f));  // wrapped: long titles
    if (n >= 2)
        text_wrapped(walkthrough::format(tr(lang, Str::lib_card_title), title(card.variants[0]).c_str(), title(card.variants[1]).c_str()));
    else if (n == 1)
        text_wrapped(title(card.variants[0]));
    ImGui::PopStyleColor();
    const Str labels[] = {Str::cmp_m_calendar_days, Str::cmp_m_trips, Str::cmp_m_submissions, Str::cmp_rate_one_trip};
    const char* formats[] = {"%.1f", "%.2f", "%.1f", "%.0f%%"};
    if (n > 0 && ImGui::BeginTable("##library.card", static_cast<int>(n) + 1, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
        for (int m = 0; m < 4; ++m) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(tr(lang, labels[m]));
            for (std::size_t v = 0; v < n; ++v) {
                ImGui::TableNextColumn();
                const double x = card.figures[v][static_cast<std::size_t>(m)] * (m == 3 ? 100.0 : 1.0);
                if (v > 0) ImGui::Text("→ ");
                if (v > 0) ImGui::SameLine(0, 0);
                ImGui::Text(formats[m], x);
            }
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled(tr(lang, Str::lib_card_meta), card.citizens, static_cast<long long>(card.seed));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::lib_seed_tip));
    ImGui::EndGroup();
    test_api::add_rect("library.card");
}

test_api::Json card_json(const AppState& state, const std::string& file) {
    const LibraryState& lib = state.library;
    const auto it = lib.cards.find(file);
    if (it == lib.cards.end()) {
        if (!lib.card_run || lib.card_run->file != file) return nullptr;
        return {{"done", false}, {"progress", compare::progress(*lib.card_run)}};
    }
    const LibraryState::Card& card = it->second;
    test_api::Json variants = test_api::Json::array();
    for (std::size_t v = 0; v < card.figures.size(); ++v) {
        const auto& f = card.figures[v];
        variants.push_back({{"variant", card.variants[v]},
                            {"calendar_days", f[0]},
                            {"trips", f[1]},
                            {"submissions", f[2]},
                            {"one_trip", f[3]}});
    }
    return {{"done", true},
            {"seed", card.seed},
            {"citizens", card.citizens},
            {"work_ms_max", card.work_ms_max},
            {"variants", variants}};
}

}  // namespace peizou::app::library
