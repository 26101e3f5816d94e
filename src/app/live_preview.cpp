// The Editor's live before/after: see live_preview.hpp. When to start and cancel is
// scenario::debounce_tick (unit-tested); the runs are compare_run.cpp's.
#include "live_preview.hpp"

#include <cstdio>

#include "compare_run.hpp"
#include "imgui.h"
#include "scenario/graph_layout.hpp"
#include "scenario/run_report.hpp"
#include "strings.hpp"
#include "test_api.hpp"
#include "walkthrough_session.hpp"
#include "widgets.hpp"

namespace peizou::app {

namespace {

const char* const kKpiKeys[kLiveKpis] = {"calendar_days", "working_days", "trips", "submissions", "one_trip", "legal_limits_met"};

// The KPIs of each run from the numbers `peizou compare --json` prints (same rounding).
std::vector<LiveKpis> kpis_of(const CompareState& run) {
    std::vector<RunResult> results;
    for (const auto& r : run.runs) results.push_back(r.result);
    const nlohmann::ordered_json j = scenario::compare_json(results);
    auto number = [](const nlohmann::ordered_json& x) { return x.is_number() ? x.get<double>() : 0.0; };
    std::vector<LiveKpis> out;
    for (const auto& v : j["variants"]) {
        const auto& m = v["measures"];
        out.push_back({number(m["calendar_days"]["mean"]), number(m["working_days"]["mean"]), number(m["trips"]["mean"]),
                       number(m["submissions"]["mean"]), number(v["rates"]["one_trip"]),
                       number(v["rates"]["legal_limits_met"])});
    }
    return out;
}

void finish(LivePreview& p) {
    const CompareState& c = *p.run;
    const std::vector<LiveKpis> k = kpis_of(c);
    if (!k.empty()) {
        p.before = k.front();
        p.after = k.back();
    }
    p.shown_version = p.debounce.running;  // the version that last took the run over
    p.shown_citizens = c.citizens;
    p.shown_before = c.runs.front().id;
    p.shown_variant = p.run_variant;
    const CompareVariantRun& r = c.runs.back();
    p.critical_steps.clear();
    if (r.median.citizen >= 0 && r.scenario && r.variant)
        p.critical_steps = scenario::critical_step_ids(*r.scenario, *r.variant, r.median.events, r.median.citizen,
                                                       r.result.seed);
    p.wall_ms = (compare::now_seconds() - p.run_started) * 1000;
    p.work_ms_max = c.work_ms_max;
    scenario::debounce_done(p.debounce);
    p.run.reset();
}

}  // namespace

void live_preview_update(LivePreview& p, const Scenario& s, const std::string& variant_id, int version,
                         std::uint64_t key, double budget_ms) {
    p.valid = true;
    const double now = compare::now_seconds();
    const int was_shown = p.debounce.shown;
    const scenario::DebounceStep step = scenario::debounce_tick(p.debounce, version, key, now, p.debounce_ms / 1000);
    // the figures shown hold for a new version that simulates the same (not after a drop:
    // then the version shown by the debounce has no figures of its own)
    if (p.debounce.shown != was_shown && p.shown_version == was_shown) p.shown_version = p.debounce.shown;
    if (step.cancel) p.run.reset();
    if (step.start) {
        p.message.clear();
        if (s.variants.empty() || !s.variant(variant_id)) {
            p.message = variant_id;
            scenario::debounce_drop(p.debounce);
            return;
        }
        std::vector<std::string> ids{s.variants.front().id};
        if (variant_id != ids.front()) ids.push_back(variant_id);
        p.run = std::make_unique<CompareState>();
        p.run->citizens = p.citizens;
        p.run->seed = p.seed;
        p.run->with_shapley = false;
        compare::start_runs(*p.run, s, "", ids);
        p.run_variant = variant_id;
        p.run_started = p.debounce.changed_at;  // the edit, not the end of the pause
    }
    if (!p.run) return;
    if (compare::step_runs(*p.run, budget_ms)) return;
    finish(p);
}

void live_preview_invalid(LivePreview& p, int version) {
    p.valid = false;
    scenario::debounce_tick(p.debounce, version, compare::now_seconds(), 0);
    p.run.reset();
    scenario::debounce_drop(p.debounce);
    // valid again with the same version number would not restart: the caller bumps it
    // on every edit, so the fix is a newer version.
}

void live_preview_set_citizens(LivePreview& p, int citizens) {
    if (citizens == p.citizens) return;
    p.citizens = citizens;
    p.run.reset();
    p.debounce.running = -1;
    p.debounce.shown = -1;  // the latest version is not shown with these citizens: run it again
}

LivePhase live_preview_phase(const LivePreview& p) {
    if (!p.valid) return LivePhase::waiting_valid;
    if (p.run) return LivePhase::computing;
    if (p.debounce.latest != p.debounce.shown) return LivePhase::waiting;
    return p.shown_version >= 0 && p.shown_version == p.debounce.latest ? LivePhase::shown : LivePhase::waiting;
}

// 预览人数 Preview citizens: a trainer with a big hall wants steadier figures.
static void draw_citizens_choice(LivePreview& p, Language lang) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(lang, Str::ed6_preview_citizens));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tr(lang, Str::ed6_preview_tip));
    for (const int n : {1000, 10000}) {
        const char* label = n == 1000 ? "1,000" : "10,000";
        // on the same line when it fits (the Editor's third pane at scale 1 is narrow)
        const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
        if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <= right) ImGui::SameLine();
        if (ImGui::RadioButton(label, p.citizens == n)) live_preview_set_citizens(p, n);
        test_api::add_rect("editor.preview_citizens." + std::to_string(n));
    }
}

void draw_live_preview(LivePreview& p, const AppState& state) {
    const Language lang = state.language;
    ImGui::BeginGroup();
    draw_citizens_choice(p, lang);
    char title[256];
    std::snprintf(title, sizeof title, tr(lang, Str::lp_title), p.citizens, static_cast<long long>(p.seed));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    text_wrapped(title);  // the Editor's KPI column at scale 2.0 is narrower than the line
    ImGui::PopStyleColor();
    const LivePhase phase = live_preview_phase(p);
    if (phase == LivePhase::waiting_valid) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.75f, 0.2f, 0.1f, 1.0f));
        text_wrapped(tr(lang, Str::lp_waiting_valid));
        ImGui::PopStyleColor();
    } else if (phase == LivePhase::computing) {
        ImGui::ProgressBar(static_cast<float>(compare::progress(*p.run)), ImVec2(em(16), 0), tr(lang, Str::lp_computing));
    } else if (phase == LivePhase::waiting) {
        if (!p.message.empty()) {
            char buf[512];
            std::snprintf(buf, sizeof buf, tr(lang, Str::lp_no_variant), p.message.c_str());
            text_wrapped(buf);
        } else {
            ImGui::TextUnformatted(tr(lang, Str::lp_waiting));
        }
    }
    if (p.shown_version >= 0) {
        if (phase != LivePhase::shown) ImGui::TextDisabled(tr(lang, Str::lp_of_version), p.shown_version);
        const Str labels[kLiveKpis] = {Str::cmp_m_calendar_days, Str::cmp_m_working_days, Str::cmp_m_trips,
                                       Str::cmp_m_submissions, Str::cmp_rate_one_trip, Str::cmp_rate_legal};
        if (ImGui::BeginTable("##live.kpis", 4, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
            ImGui::TableSetupColumn(tr(lang, Str::cmp_col_measure));
            ImGui::TableSetupColumn(tr(lang, Str::lp_col_before));
            ImGui::TableSetupColumn(tr(lang, Str::lp_col_after));
            ImGui::TableSetupColumn(tr(lang, Str::lp_col_delta));
            ImGui::TableHeadersRow();
            for (int m = 0; m < kLiveKpis; ++m) {
                const bool rate = m >= 4;
                const double f = rate ? 100.0 : 1.0;
                const double b = p.before[static_cast<std::size_t>(m)] * f, a = p.after[static_cast<std::size_t>(m)] * f;
                const char* fmt = rate ? "%.0f%%" : (m == 2 ? "%.2f" : "%.1f");
                const char* dfmt = rate ? "%+.0f%%" : (m == 2 ? "%+.2f" : "%+.1f");
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(tr(lang, labels[m]));
                ImGui::TableNextColumn();
                ImGui::Text(fmt, b);
                ImGui::TableNextColumn();
                ImGui::Text(fmt, a);
                ImGui::TableNextColumn();
                // better: fewer days/trips/papers, more one-trip and in-time cases
                const double d = a - b;
                const bool better = rate ? d > 0 : d < 0;
                const bool same = d == 0;
                ImGui::PushStyleColor(ImGuiCol_Text, same ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                          : (better ? ImVec4(0.1f, 0.5f, 0.25f, 1) : ImVec4(0.75f, 0.2f, 0.1f, 1)));
                ImGui::Text(dfmt, d);
                ImGui::PopStyleColor();
            }
            ImGui::EndTable();
        }
    }
    ImGui::EndGroup();
    test_api::add_rect("live.preview");
}

nlohmann::ordered_json live_preview_json(const LivePreview& p) {
    static const char* const phases[] = {"waiting_valid", "waiting", "computing", "shown"};
    nlohmann::ordered_json j;
    j["phase"] = phases[static_cast<int>(live_preview_phase(p))];
    j["version"] = p.shown_version;
    j["latest"] = p.debounce.latest;
    j["variant"] = p.shown_variant;
    j["before_variant"] = p.shown_before;
    nlohmann::ordered_json before, after, delta;
    for (int m = 0; m < kLiveKpis; ++m) {
        before[kKpiKeys[m]] = p.before[static_cast<std::size_t>(m)];
        after[kKpiKeys[m]] = p.after[static_cast<std::size_t>(m)];
        delta[kKpiKeys[m]] = p.after[static_cast<std::size_t>(m)] - p.before[static_cast<std::size_t>(m)];
    }
    j["before"] = before;
    j["after"] = after;
    j["delta"] = delta;
    j["critical"] = p.critical_steps;
    j["progress"] = p.run ? compare::progress(*p.run) : (p.shown_version >= 0 ? 1.0 : 0.0);
    j["wall_ms"] = p.wall_ms;
    j["work_ms_max"] = p.work_ms_max;
    j["citizens"] = p.citizens;
    j["shown_citizens"] = p.shown_citizens;
    j["seed"] = p.seed;
    j["message"] = p.message;
    return j;
}

}  // namespace peizou::app
