// [SECTION] helpers   [SECTION] start and cancel   [SECTION] a slice of work
// [SECTION] what-if   [SECTION] tables and exports
#include "compare_run.hpp"

#include <algorithm>
#include <chrono>

#include "compare_charts.hpp"
#include "compare_pool.hpp"
#include "pool_task.hpp"
#include "fonts.hpp"
#include "core/levers.hpp"
#include "import/bpmn.hpp"
#include "platform/backend.hpp"
#include "scenario/exports.hpp"
#include "scenario/run_report.hpp"
#include "strings.hpp"

namespace peizou::app::compare {

// ---------------------------------------------------------------- [SECTION] helpers
namespace {

EngineOptions options_of(const CompareState& c) {
    EngineOptions o;
    o.seed = static_cast<std::uint64_t>(c.seed);
    o.citizens = c.citizens;
    return o;
}

// Clamps the knobs to what a process can run with: a department that has windows
// keeps at least one (zero would leave its citizens waiting for ever).
void clamp_knobs(WhatIf& w) {
    w.background = std::clamp(w.background, 0.0f, 10.0f);
    w.review = std::clamp(w.review, 0.01f, 10.0f);
    w.rework = std::clamp(w.rework, 0.0f, 10.0f);
    for (std::size_t i = 0; i < w.windows.size(); ++i) {
        const int written = i < w.windows_written.size() ? w.windows_written[i] : 1;
        w.windows[i] = std::clamp(w.windows[i], written > 0 ? 1 : 0, std::max(1000, written));
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
    const int held = entry_index(state.library, state.compare.scenario_file);
    return held >= 0 ? held : entry_index(state.library, state.library.selected);
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
void start_runs(CompareState& c, const Scenario& s, const std::string& file, const std::vector<std::string>& ids) {
    c.variants = ids;
    c.citizens = std::clamp(c.citizens, 1, 100000);
    c.seed = std::clamp<std::int64_t>(c.seed, 0, (std::int64_t{1} << 53) - 1);
    c.file = file;
    c.scenario = std::make_unique<Scenario>(s);
    c.calendar = std::make_unique<Calendar>(scenario::scenario_calendar(s));
    c.runs = std::vector<CompareVariantRun>(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        c.runs[i].id = ids[i];
        pool::prepare_pass(c.runs[i], *c.scenario, nullptr);
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
    c.whatif_ms = c.whatif_main_ms = c.whatif_median_ms = c.whatif_wall_ms = 0;
    c.whatif_restarts = 0;
    c.waterfall_index = -1;
    c.export_job.reset();
    c.work_ms_max = 0;
    c.started_at = now_seconds();
    c.finished_at = 0;
    c.phase = ComparePhase::running;
    c.pooled = nullptr;  // the Compare screen's start() posts its runs to the worker pool
}

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
    start_runs(c, s, entries[static_cast<std::size_t>(entry)].file, ids);
    c.pooled = pool_start(c);
    c.message.clear();
    // Names the tables and charts show: the atlas must hold their characters.
    for (const auto& id : ids) {
        const Variant& v = *s.variant(id);
        fonts_add_text(state, v.title + v.title_en);
        for (const auto& d : variant_departments(s, v)) fonts_add_text(state, d.name + d.name_en);
        for (const auto& st : v.steps) fonts_add_text(state, st.name + st.name_en);
    }
    return true;
}

void cancel(AppState& state) {
    CompareState& c = state.compare;
    if (c.export_job) {
        c.export_job.reset();
        c.message = tr(state.language, Str::cmp_export_cancelled);
    }
    if (c.phase != ComparePhase::running) return;
    for (auto& r : c.runs) {
        r.engine.reset();
        r.log.clear();
        r.pass_done = true;  // abandoned: what was shown stays shown
    }
    if (c.shapley) c.shapley->cancel();
    c.shapley.reset();
    pool_cancel(c);
    c.phase = ComparePhase::cancelled;
    c.finished_at = now_seconds();
}

bool tables_ready(const CompareState& c) {
    if (c.runs.empty()) return false;
    for (const auto& r : c.runs)
        if (!r.shown) return false;
    return true;
}

bool recomputing(const CompareState& c) {
    if (!tables_ready(c)) return false;
    for (const auto& r : c.runs)
        if (!r.pass_done) return true;
    return false;
}

double progress(const CompareState& c) {
    if (c.runs.empty()) return 0;
    if (c.phase == ComparePhase::done) return 1;
    double done = 0;
    for (const auto& r : c.runs) {
        if (r.pass_done) done += 1.5;
        else if (r.main_done) done += 1 + (r.engine ? 0.5 * r.engine->progress() : 0);
        else if (r.engine) done += r.engine->progress();
    }
    if (c.with_shapley) {
        for (std::size_t i = 0; i < c.setups.size(); ++i) {
            if (!c.setups[i].ok) continue;
            const double w = static_cast<double>(std::size_t{1} << c.setups[i].levers.size());
            if (i < c.setup_next) done += w;
            else if (i == c.setup_next && c.shapley) done += w * c.shapley->progress();
            else if (c.pooled) done += w * pool_share(c, i);
        }
    }
    return std::min(1.0, done / work_total(c));
}

// ---------------------------------------------------------------- [SECTION] a slice of work
void commit_pass(CompareState& c, std::size_t index) {
    CompareVariantRun& r = c.runs[index];
    r.engine.reset();
    r.log.clear();
    r.log.shrink_to_fit();
    r.result = std::move(r.next_result);
    r.median = std::move(r.next_median);
    r.median.complete = true;
    r.steps = r.variant->steps;
    r.departments = std::move(r.next_departments);
    r.shown = true;
    r.pass_done = true;
    if (static_cast<int>(index) == c.whatif_variant && c.whatif_started > 0) {
        c.whatif_main_ms = r.main_ms;
        c.whatif_median_ms = r.median_ms;
        c.whatif_ms = r.main_ms + r.median_ms;
        c.whatif_wall_ms = (now_seconds() - c.whatif_started) * 1000;
        c.whatif_started = 0;
    }
}

namespace {

// One chunk of the next piece of work; false when nothing is left.
bool work_once(CompareState& c) {
    const EngineOptions base = options_of(c);
    // 1. every variant's Monte Carlo (the KPI table needs them all), unless the pool runs it
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        CompareVariantRun& r = c.runs[i];
        if (r.pass_done || r.main_done || pool_holds(c, i)) continue;
        if (pool::main_chunk(r, *c.calendar, base, c.events)) commit_pass(c, i);
        return true;
    }
    // 2. the median citizen of each, again, keeping only that citizen's events (large runs)
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        CompareVariantRun& r = c.runs[i];
        if (r.pass_done || pool_holds(c, i)) continue;
        if (pool::median_chunk(r, *c.calendar, base, c.events)) commit_pass(c, i);
        return true;
    }
    // 3. the lever attribution of each later variant (unless the worker pool runs it)
    if (c.with_shapley && !c.pooled) {
        while (c.setup_next < c.setups.size()) {
            const ShapleySetup& setup = c.setups[c.setup_next];
            if (!setup.ok) {
                c.setup_next++;
                continue;
            }
            if (!c.shapley)
                c.shapley = std::make_unique<ShapleyJob>(*c.scenario, *c.calendar, setup, base.seed, c.citizens);
            const std::int64_t before = c.shapley->result().events;
            const bool finished = c.shapley->step(pool::kChunkEvents);
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

bool step_runs(CompareState& c, double budget_ms) {
    if (c.phase != ComparePhase::running) return false;
    const double began = now_seconds();
    const double deadline = began + budget_ms / 1000;
    const bool pooled = pool_step(c);  // passes or Shapley subsets still out on the workers: no spinning for them
    bool more = true;
    do {
        more = work_once(c);
    } while (more && now_seconds() < deadline);
    more = more || pooled;
    c.work_ms_max = std::max(c.work_ms_max, static_cast<float>((now_seconds() - began) * 1000));
    if (!more) {
        c.phase = ComparePhase::done;
        c.finished_at = now_seconds();
    }
    return more;
}

bool step(AppState& state, double budget_ms) {
    CompareState& c = state.compare;
    const bool more = step_runs(c, budget_ms);
    // Lever labels appear in the waterfall: the atlas must hold their characters.
    for (const auto& a : c.attributions)
        for (const auto& l : a.levers) fonts_add_text(state, l.label_zh + l.label_en + l.note);
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
    clamp_knobs(c.whatif);
    CompareVariantRun& r = c.runs[static_cast<std::size_t>(c.whatif_variant)];
    // The latest knobs win: the pass under way (if any) is dropped and started again.
    pool::prepare_pass(r, *c.scenario, c.whatif.active() ? &c.whatif : nullptr);
    pool_repost(c, static_cast<std::size_t>(c.whatif_variant));  // on a worker when there is one
    c.whatif_started = now_seconds();
    c.whatif_restarts++;
    if (c.phase != ComparePhase::running) {
        c.phase = ComparePhase::running;
        c.started_at = now_seconds();
        c.frame_ms.clear();
        c.work_ms_max = 0;
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

namespace {

std::string export_stem(const CompareState& c) { return "peizou-" + c.scenario->id + "-compare"; }

void finish_export(AppState& state, const std::string& kind, const std::string& name, const std::string& mime,
                   const std::string& bytes) {
    CompareState& c = state.compare;
    c.exported = platform::save_download(name, mime, bytes);
    c.exported_kind = kind;
    c.exported_bytes = bytes.size();
    c.message = std::string(tr(state.language, Str::cmp_exported)) + c.exported;
}

// Several runs' CSV text (each with its header line) as one file with one header.
std::string joined_csv(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& part : parts) out += out.empty() ? part : part.substr(part.find('\n') + 1);
    return out;
}

}  // namespace

bool export_file(AppState& state, const std::string& kind) {
    CompareState& c = state.compare;
    if (!tables_ready(c)) {
        c.message = tr(state.language, Str::cmp_nothing_yet);
        return false;
    }
    const std::string stem = export_stem(c);
    std::string name, mime, bytes;
    if (kind == "csv") {
        name = stem + ".csv", mime = "text/csv", bytes = table_csv(c);
    } else if (kind == "json") {
        name = stem + ".json", mime = "application/json", bytes = table_json(c).dump(2) + "\n";
    } else if (kind == "cases") {
        name = stem + "-cases.csv", mime = "text/csv";
        std::vector<std::string> parts;
        for (const auto& r : c.runs) parts.push_back(scenario::cases_csv(r.result));
        bytes = joined_csv(parts);
    } else if (kind == "cases_json") {
        name = stem + "-cases.json", mime = "application/json";
        nlohmann::ordered_json j = {{"scenario", c.scenario->id}, {"variants", nlohmann::ordered_json::array()}};
        for (const auto& r : c.runs) j["variants"].push_back(scenario::cases_json(r.result));
        bytes = j.dump(2) + "\n";
    } else if (kind == "events" || kind == "xes") {
        // The event logs of every variant, run again with a log (same seed: same runs),
        // in slices like the runs (export_step); the download comes when they are done.
        if (c.phase == ComparePhase::running) {
            c.message = tr(state.language, Str::cmp_export_wait);
            return false;
        }
        c.export_job = std::make_unique<CompareExportJob>();
        c.export_job->kind = kind;
        c.message = tr(state.language, Str::cmp_export_running);
        return true;
    } else if (kind == "png") {
        name = stem + "-" + chart_key(c.chart) + ".png", mime = "image/png";
        bytes = chart_png(state);
        if (bytes.empty()) {
            c.message = tr(state.language, Str::cmp_png_failed);
            return false;
        }
    } else if (kind == "bpmn") {  // the last variant, as `peizou export --format bpmn` writes it (issue 16)
        const Variant* v = c.scenario->variant(c.variants.back());
        if (!v) {
            c.message = tr(state.language, Str::cmp_no_variants);
            return false;
        }
        name = "peizou-" + c.scenario->id + "-" + v->id + ".bpmn", mime = "application/xml";
        bytes = import::export_bpmn(*c.scenario, *v);
    } else {
        c.message = "unknown export: " + kind;
        return false;
    }
    finish_export(state, kind, name, mime, bytes);
    return true;
}

bool export_step(AppState& state, double budget_ms) {
    CompareState& c = state.compare;
    if (!c.export_job) return false;
    CompareExportJob& job = *c.export_job;
    if (!tables_ready(c) || c.phase == ComparePhase::running) {  // the runs changed under it
        c.export_job.reset();
        return false;
    }
    const double deadline = now_seconds() + budget_ms / 1000;
    while (job.next < c.runs.size() && now_seconds() < deadline) {
        const CompareVariantRun& r = c.runs[job.next];
        if (!job.engine) {
            job.runs.emplace_back();
            scenario::LoggedRun* out = &job.runs.back();
            EngineOptions o = options_of(c);
            o.sink = [out](const LogEvent& e) { out->events.push_back(e); };
            job.engine = std::make_unique<Engine>(*r.scenario, *r.variant, *c.calendar, o);
        }
        if (job.engine->run(pool::kChunkEvents) == Engine::Status::running) continue;
        scenario::LoggedRun& out = job.runs.back();
        out.run = result_of(*job.engine, *r.scenario, *r.variant, static_cast<std::uint64_t>(c.seed), c.citizens);
        out.steps = r.variant->steps;
        out.departments = job.engine->departments();
        job.engine.reset();
        job.next++;
    }
    if (job.next < c.runs.size()) return true;
    const std::string stem = export_stem(c);
    if (job.kind == "xes") {
        std::vector<const scenario::LoggedRun*> ptrs;
        for (const auto& l : job.runs) ptrs.push_back(&l);
        finish_export(state, "xes", stem + ".xes", "application/xml",
                      scenario::event_log_xes(ptrs, c.scenario->title + " · " + c.variants.front() + " → " + c.variants.back()));
    } else {
        std::vector<std::string> parts;
        for (const auto& l : job.runs) parts.push_back(scenario::event_log_csv(l));
        finish_export(state, "events", stem + "-events.csv", "text/csv", joined_csv(parts));
    }
    c.export_job.reset();
    return false;
}

double export_progress(const CompareState& c) {
    if (!c.export_job || c.runs.empty()) return 0;
    const CompareExportJob& job = *c.export_job;
    double done = static_cast<double>(job.next);
    if (job.engine) done += job.engine->progress();
    return std::min(1.0, done / static_cast<double>(c.runs.size()));
}

}  // namespace peizou::app::compare
