// [SECTION] helpers   [SECTION] start and cancel   [SECTION] a slice of work
// [SECTION] what-if   [SECTION] tables and exports
#include "compare_run.hpp"

#include <algorithm>
#include <chrono>

#include "compare_charts.hpp"
#include "fonts.hpp"
#include "core/levers.hpp"
#include "platform/backend.hpp"
#include "scenario/exports.hpp"
#include "scenario/run_report.hpp"
#include "strings.hpp"

namespace peizou::app::compare {

// ---------------------------------------------------------------- [SECTION] helpers
namespace {

constexpr std::int64_t kChunkEvents = 5000;  // events between clock checks (~1 ms)


EngineOptions options_of(const CompareState& c) {
    EngineOptions o;
    o.seed = static_cast<std::uint64_t>(c.seed);
    o.citizens = c.citizens;
    return o;
}

void scale(Duration& d, double f) {
    d.value *= f;
    d.low *= f;
    d.mode *= f;
    d.high *= f;
    d.mean *= f;
    d.sd *= f;
    for (auto& x : d.values) x *= f;
}

void scale(ArrivalRate& a, double f) {
    a.per_hour *= f;
    for (auto& x : a.by_hour) x *= f;
}

// Resets run `r` to the variant as written, with the what-if knobs `w` applied.
void prepare(CompareVariantRun& r, const Scenario& original, const WhatIf* w) {
    r.scenario = std::make_unique<Scenario>(original);
    r.variant = std::make_unique<Variant>(*original.variant(r.id));
    r.engine.reset();
    r.main_done = false;
    r.median = MedianTrace{};
    if (!w) return;
    auto knob = [&](Department& d) {
        scale(d.background, w->background);
        for (std::size_t i = 0; i < w->department_ids.size(); ++i)
            if (w->department_ids[i] == d.id && i < w->windows.size()) d.windows = w->windows[i];
    };
    for (auto& d : r.scenario->departments) knob(d);
    for (auto& d : r.variant->extra_departments) knob(d);
    for (auto& st : r.variant->steps) {
        scale(st.review, w->review);
        st.rework_probability = std::min(1.0, st.rework_probability * w->rework);
    }
}

double work_total(const CompareState& c) {
    double total = 1.5 * static_cast<double>(c.runs.size());
    if (c.with_shapley)
        for (const auto& s : c.setups)
            if (s.ok) total += static_cast<double>(std::size_t{1} << s.levers.size());
    return total;
}

}  // namespace

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

int selected_entry(const AppState& state) {
    const CompareState& c = state.compare;
    if (c.scenario_index >= 0 && c.scenario_index < static_cast<int>(state.library.entries.size()))
        return c.scenario_index;
    return state.library.selected;
}

std::string variant_title(const AppState& state, const std::string& id) {
    const CompareState& c = state.compare;
    const Scenario* s = c.scenario ? c.scenario.get() : nullptr;
    if (!s) {
        const int entry = selected_entry(state);
        if (entry >= 0) s = &state.library.entries[static_cast<std::size_t>(entry)].result.scenario;
    }
    const Variant* v = s ? s->variant(id) : nullptr;
    if (!v) return id;
    std::string t = state.language == Language::zh ? v->title : v->title_en;
    if (t.empty()) t = id;
    // A variant under what-if is not the variant as written: say so wherever it shows.
    if (c.whatif.active() && c.whatif_variant >= 0 && c.whatif_variant < static_cast<int>(c.runs.size()) &&
        c.runs[static_cast<std::size_t>(c.whatif_variant)].id == id)
        t += tr(state.language, Str::cmp_whatif_mark);
    return t;
}

// ---------------------------------------------------------------- [SECTION] start and cancel
bool start(AppState& state, int entry) {
    CompareState& c = state.compare;
    const auto& entries = state.library.entries;
    if (entry < 0 || entry >= static_cast<int>(entries.size()) || !entries[static_cast<std::size_t>(entry)].result.ok) {
        c.message = tr(state.language, Str::cmp_no_scenario);
        return false;
    }
    const Scenario& s = entries[static_cast<std::size_t>(entry)].result.scenario;
    std::vector<std::string> ids;
    for (const auto& id : c.variants)
        if (s.variant(id) && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    if (ids.size() < 2) {
        ids.clear();
        for (const auto& v : s.variants) ids.push_back(v.id);
        if (ids.size() > 2) ids.resize(2);
    }
    if (ids.empty()) {
        c.message = tr(state.language, Str::cmp_no_variants);
        return false;
    }
    cancel(state);
    c.variants = ids;
    c.citizens = std::clamp(c.citizens, 1, 100000);
    c.seed = std::clamp<std::int64_t>(c.seed, 0, (std::int64_t{1} << 53) - 1);
    c.file = entries[static_cast<std::size_t>(entry)].file;
    c.scenario = std::make_unique<Scenario>(s);
    c.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(s));
    c.runs = std::vector<CompareVariantRun>(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        c.runs[i].id = ids[i];
        prepare(c.runs[i], *c.scenario, nullptr);
    }
    c.setups.clear();
    c.attributions.clear();
    for (std::size_t i = 1; i < ids.size(); ++i) c.setups.push_back(shapley_setup(s, ids[i], ids.front()));
    c.attributions.resize(c.setups.size());
    c.setup_next = 0;
    c.shapley.reset();
    c.current = 0;
    c.events = 0;
    c.frame_ms.clear();
    c.whatif_variant = -1;
    c.whatif = WhatIf{};
    c.whatif_ms = 0;
    c.message.clear();
    c.work_ms_max = 0;
    // Names the tables and charts show: the atlas must hold their characters.
    for (const auto& id : ids) {
        const Variant& v = *s.variant(id);
        fonts_add_text(state, v.title + v.title_en);
        for (const auto& d : variant_departments(s, v)) fonts_add_text(state, d.name + d.name_en);
        for (const auto& st : v.steps) fonts_add_text(state, st.name + st.name_en);
    }
    c.started_at = now_seconds();
    c.finished_at = 0;
    c.phase = ComparePhase::running;
    return true;
}

void cancel(AppState& state) {
    CompareState& c = state.compare;
    if (c.phase != ComparePhase::running) return;
    for (auto& r : c.runs) r.engine.reset();
    if (c.shapley) c.shapley->cancel();
    c.shapley.reset();
    c.phase = ComparePhase::cancelled;
    c.finished_at = now_seconds();
}

bool tables_ready(const CompareState& c) {
    if (c.runs.empty()) return false;
    for (const auto& r : c.runs)
        if (!r.main_done) return false;
    return true;
}

double progress(const CompareState& c) {
    if (c.runs.empty()) return 0;
    if (c.phase == ComparePhase::done) return 1;
    double done = 0;
    for (const auto& r : c.runs) {
        if (r.main_done) done += 1;
        else if (r.engine) done += r.engine->progress();
        if (r.median.complete) done += 0.5;
    }
    if (c.with_shapley) {
        for (std::size_t i = 0; i < c.setups.size(); ++i) {
            if (!c.setups[i].ok) continue;
            const double w = static_cast<double>(std::size_t{1} << c.setups[i].levers.size());
            if (i < c.setup_next) done += w;
            else if (i == c.setup_next && c.shapley) done += w * c.shapley->progress();
        }
    }
    return std::min(1.0, done / work_total(c));
}

// ---------------------------------------------------------------- [SECTION] a slice of work
namespace {

// One chunk of the next piece of work; false when nothing is left.
bool work_once(CompareState& c) {
    const EngineOptions base = options_of(c);
    // 1. every variant's Monte Carlo (the KPI table needs them all)
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        CompareVariantRun& r = c.runs[i];
        if (r.main_done) continue;
        if (!r.engine) r.engine = std::make_unique<Engine>(*r.scenario, *r.variant, *c.calendar, base);
        const double t0 = now_seconds();
        const std::int64_t before = r.engine->events();
        const Engine::Status st = r.engine->run(kChunkEvents);
        c.events += r.engine->events() - before;
        if (static_cast<int>(i) == c.whatif_variant) c.whatif_work_ms += (now_seconds() - t0) * 1000;
        if (st == Engine::Status::running) return true;
        r.result = result_of(*r.engine, *r.scenario, *r.variant, base.seed, c.citizens);
        r.steps = r.variant->steps;
        r.departments = r.engine->departments();
        r.engine.reset();
        r.main_done = true;
        if (static_cast<int>(i) == c.whatif_variant) c.whatif_ms = c.whatif_work_ms;
        return true;
    }
    // 2. the median citizen of each, again, keeping only that citizen's events
    for (auto& r : c.runs) {
        if (r.median.complete) continue;
        if (!r.engine) {
            const std::int32_t m = median_case(r.result.cases);
            if (m < 0) {
                r.median.complete = true;
                return true;
            }
            r.median.citizen = r.result.cases[static_cast<std::size_t>(m)].citizen;
            EngineOptions o = base;
            MedianTrace* trace = &r.median;
            o.sink = [trace](const LogEvent& e) {
                if (e.citizen != trace->citizen) return;
                trace->events.push_back(e);
                if (e.activity == Activity::case_finish || e.activity == Activity::case_stuck) trace->complete = true;
            };
            r.engine = std::make_unique<Engine>(*r.scenario, *r.variant, *c.calendar, o);
        }
        const std::int64_t before = r.engine->events();
        const Engine::Status st = r.engine->run(kChunkEvents);
        c.events += r.engine->events() - before;
        if (st != Engine::Status::running) r.median.complete = true;
        if (r.median.complete) r.engine.reset();  // the rest of the run is not needed
        return true;
    }
    // 3. the lever attribution of each later variant
    if (c.with_shapley) {
        while (c.setup_next < c.setups.size()) {
            const ShapleySetup& setup = c.setups[c.setup_next];
            if (!setup.ok) {
                c.setup_next++;
                continue;
            }
            if (!c.shapley)
                c.shapley = std::make_unique<ShapleyJob>(*c.scenario, *c.calendar, setup, base.seed, c.citizens);
            const std::int64_t before = c.shapley->result().events;
            const bool finished = c.shapley->step(kChunkEvents);
            c.events += c.shapley->result().events - before;
            if (finished) {
                c.attributions[c.setup_next] = c.shapley->result();
                c.shapley.reset();
                c.setup_next++;
            }
            return true;
        }
    }
    return false;
}

}  // namespace

bool step(AppState& state, double budget_ms) {
    CompareState& c = state.compare;
    if (c.phase != ComparePhase::running) return false;
    const double began = now_seconds();
    const double deadline = began + budget_ms / 1000;
    bool more = true;
    do {
        more = work_once(c);
    } while (more && now_seconds() < deadline);
    c.work_ms_max = std::max(c.work_ms_max, static_cast<float>((now_seconds() - began) * 1000));
    // Lever labels appear in the waterfall: the atlas must hold their characters.
    for (const auto& a : c.attributions)
        for (const auto& l : a.levers) fonts_add_text(state, l.label_zh + l.label_en + l.note);
    if (!more) {
        c.phase = ComparePhase::done;
        c.finished_at = now_seconds();
    }
    return more;
}

// ---------------------------------------------------------------- [SECTION] what-if
void whatif_reset(AppState& state, int index) {
    CompareState& c = state.compare;
    c.whatif = WhatIf{};
    c.whatif_variant = -1;
    if (!c.scenario || index < 0 || index >= static_cast<int>(c.runs.size())) return;
    c.whatif_variant = index;
    const Variant* v = c.scenario->variant(c.runs[static_cast<std::size_t>(index)].id);
    if (!v) return;
    for (const auto& d : variant_departments(*c.scenario, *v)) {
        c.whatif.department_ids.push_back(d.id);
        c.whatif.windows.push_back(d.windows);
    }
    c.whatif.windows_written = c.whatif.windows;
}

void whatif_apply(AppState& state) {
    CompareState& c = state.compare;
    if (!c.scenario || c.whatif_variant < 0 || c.whatif_variant >= static_cast<int>(c.runs.size())) return;
    CompareVariantRun& r = c.runs[static_cast<std::size_t>(c.whatif_variant)];
    prepare(r, *c.scenario, c.whatif.active() ? &c.whatif : nullptr);
    c.whatif_work_ms = 0;
    c.whatif_dirty = false;
    if (c.phase != ComparePhase::running) {
        c.phase = ComparePhase::running;
        c.started_at = now_seconds();
    }
}

// ---------------------------------------------------------------- [SECTION] tables and exports
nlohmann::ordered_json table_json(const CompareState& c) {
    std::vector<RunResult> results;
    for (const auto& r : c.runs) results.push_back(r.result);
    nlohmann::ordered_json j = scenario::compare_json(results);
    if (c.with_shapley && !c.setups.empty()) {
        nlohmann::ordered_json attribution = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < c.setups.size(); ++i) {
            const ShapleySetup& s = c.setups[i];
            if (!s.ok) {
                attribution[s.target_id] = {{"error_zh", s.error_zh}, {"error_en", s.error_en}};
                continue;
            }
            nlohmann::ordered_json a = scenario::shapley_json(c.attributions[i]);
            a["all_equals_variant_run"] = shapley_measures(c.runs[i + 1].result.cases) == c.attributions[i].all;
            attribution[s.target_id] = a;
        }
        j["shapley"] = attribution;
    }
    return j;
}

std::string table_csv(const CompareState& c) {
    std::vector<RunResult> results;
    for (const auto& r : c.runs) results.push_back(r.result);
    return scenario::compare_csv(results);
}

bool export_file(AppState& state, const std::string& kind) {
    CompareState& c = state.compare;
    if (!tables_ready(c)) {
        c.message = tr(state.language, Str::cmp_nothing_yet);
        return false;
    }
    const std::string stem = "peizou-" + c.scenario->id + "-compare";
    std::string name, mime, bytes;
    if (kind == "csv") {
        name = stem + ".csv", mime = "text/csv", bytes = table_csv(c);
    } else if (kind == "json") {
        name = stem + ".json", mime = "application/json", bytes = table_json(c).dump(2) + "\n";
    } else if (kind == "cases") {
        name = stem + "-cases.csv", mime = "text/csv";
        for (const auto& r : c.runs) {
            const std::string part = scenario::cases_csv(r.result);
            bytes += bytes.empty() ? part : part.substr(part.find('\n') + 1);  // one header
        }
    } else if (kind == "xes") {
        // The event logs of every variant, run again with a log (same seed: same runs).
        std::vector<scenario::LoggedRun> logged;
        for (const auto& r : c.runs)
            logged.push_back(scenario::run_with_log(*r.scenario, *r.variant, *c.calendar,
                                                    static_cast<std::uint64_t>(c.seed), c.citizens));
        std::vector<const scenario::LoggedRun*> ptrs;
        for (const auto& l : logged) ptrs.push_back(&l);
        name = stem + ".xes", mime = "application/xml";
        bytes = scenario::event_log_xes(ptrs, c.scenario->title + " · " + c.variants.front() + " → " + c.variants.back());
    } else if (kind == "png") {
        name = stem + "-" + chart_key(c.chart) + ".png", mime = "image/png";
        bytes = chart_png(state);
        if (bytes.empty()) {
            c.message = tr(state.language, Str::cmp_png_failed);
            return false;
        }
    } else {
        c.message = "unknown export: " + kind;
        return false;
    }
    c.exported = platform::save_download(name, mime, bytes);
    c.exported_kind = kind;
    c.exported_bytes = bytes.size();
    c.message = std::string(tr(state.language, Str::cmp_exported)) + c.exported;
    return true;
}

}  // namespace peizou::app::compare
