// [SECTION] reading the records   [SECTION] per step   [SECTION] JSON   [SECTION] Markdown and CSV
#include "class_report.hpp"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <tuple>

#include "core/policy.hpp"
#include "walk_io.hpp"
#include "zip_read.hpp"

namespace peizou::scenario {

using ojson = nlohmann::ordered_json;

namespace {

const char* kCategories[] = {"rework", "runs_many", "repeat_materials", "long_queue", "long_review",
                             "lost", "overdue", "other"};
const char* kCategoryZh[] = {"退回补正", "跑多次", "材料重复", "排队久", "等待审批久", "不知道去哪", "时限超期", "其他"};
const char* kCategoryEn[] = {"Sent back (补正)", "Too many trips", "Same papers again", "Long queue",
                             "Long wait for approval", "Did not know where to go", "Time limit exceeded", "Other"};

int category_rank(const std::string& c) {
    for (int i = 0; i < 8; ++i)
        if (c == kCategories[i]) return i;
    return 7;
}

std::vector<const ClassFile*> by_name(const std::vector<ClassFile>& files) {
    std::vector<const ClassFile*> out;
    for (const ClassFile& f : files) out.push_back(&f);
    std::stable_sort(out.begin(), out.end(), [](const ClassFile* a, const ClassFile* b) {
        return a->name < b->name;
    });
    return out;
}

Issue located(const std::string& text, const std::string& path, std::string zh, std::string en) {
    Issue i;
    i.path = path;
    i.message_zh = std::move(zh);
    i.message_en = std::move(en);
    return locate_walk_issue(text, i);
}

// The first error of a record that does not read (located by load_walk), and how many more.
Issue first_error(const WalkLoad& load) {
    int errors = 0;
    Issue first;
    for (const Issue& i : load.issues)
        if (!i.warning && errors++ == 0) first = i;
    if (errors > 1) {
        first.message_zh += "（另有 " + std::to_string(errors - 1) + " 个问题）";
        first.message_en += " (and " + std::to_string(errors - 1) + " more problems)";
    }
    return first;
}

Burden burden_of(const RunResult& r) {
    Burden b;
    if (r.cases.empty()) return b;
    const CaseMeasures& m = r.cases.front();
    b.finished = true;
    b.trips = m.trips;
    b.windows = m.window_visits;
    b.rejections = m.rejections;
    b.days = m.calendar_days();
    return b;
}

// ---------------------------------------------------------------- [SECTION] per step

// What one trainee's walk did at one step.
struct StepWalk {
    bool reached = false;
    Seconds first = 0, done = -1;
    int rejections = 0;
    std::vector<std::string> reasons;
    std::set<int> trips;  // trips (from home) on which the step was handed over at a window
};

std::vector<StepWalk> step_walks(const std::vector<LogEvent>& log, std::size_t steps) {
    std::vector<StepWalk> out(steps);
    int trip = 0;
    for (const LogEvent& e : log) {
        if (e.citizen != 0) continue;
        if (e.activity == Activity::leave_home) trip = e.count;
        if (e.step < 0 || static_cast<std::size_t>(e.step) >= steps || e.activity == Activity::step_skipped) continue;
        StepWalk& s = out[static_cast<std::size_t>(e.step)];
        if (!s.reached) s.first = e.time;
        s.reached = true;
        if (e.activity == Activity::step_complete) s.done = e.time;
        if (e.activity == Activity::rejected) {
            ++s.rejections;
            s.reasons.push_back(e.detail);
        }
        if (e.activity == Activity::handover && e.place > 0) s.trips.insert(trip);
    }
    return out;
}

Spread spread_of(std::vector<double> v) {
    Spread s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    s.min = v.front();
    s.max = v.back();
    return s;
}

// One trainee's walk, replayed.
struct Walked {
    WalkRecord record;
    std::string file, label;
    std::vector<LogEvent> log;
    Seconds finish = 0;
};

// The model citizen's burden, walked once per (variant, seed, start).
class ModelCitizens {
public:
    ModelCitizens(const Scenario& scenario, const Calendar& calendar) : scenario_(scenario), calendar_(calendar) {}
    Burden get(const std::string& variant, std::uint64_t seed, Seconds start) {
        const auto key = std::make_tuple(variant, seed, start);
        auto it = done_.find(key);
        if (it != done_.end()) return it->second;
        const Scenario& at = scenario_at(start);
        const std::unique_ptr<Walk> w = model_walk(at, calendar_, variant, seed);
        Burden b = w->finished() ? burden_of(w->result()) : Burden{};
        done_[key] = b;
        return b;
    }

private:
    const Scenario& scenario_at(Seconds start) {
        if (start == 0 || start == scenario_.start) return scenario_;
        auto& s = moved_[start];
        if (!s) s = std::make_unique<Scenario>(started_at(scenario_, start));
        return *s;
    }
    const Scenario& scenario_;
    const Calendar& calendar_;
    std::map<Seconds, std::unique_ptr<Scenario>> moved_;
    std::map<std::tuple<std::string, std::uint64_t, Seconds>, Burden> done_;
};

void add_steps(ClassReport& report, const Scenario& scenario, const std::vector<Walked>& walked) {
    for (const Variant& v : scenario.variants) {
        std::vector<StepRow> rows(v.steps.size());
        std::vector<std::vector<double>> days(v.steps.size());
        for (std::size_t i = 0; i < v.steps.size(); ++i) {
            const Step& st = v.steps[i];
            rows[i].variant = v.id;
            rows[i].step = st.id;
            rows[i].name = st.name;
            rows[i].name_en = st.name_en;
            rows[i].department = st.department;
        }
        for (const Walked& w : walked) {
            if (w.record.variant != v.id) continue;
            const std::vector<StepWalk> seen = step_walks(w.log, v.steps.size());
            for (std::size_t i = 0; i < seen.size(); ++i) {
                const StepWalk& s = seen[i];
                if (!s.reached) continue;
                StepRow& r = rows[i];
                ++r.reached;
                r.sent_back += s.rejections > 0;
                r.rejections += s.rejections;
                for (const std::string& why : s.reasons) ++r.reasons[why];
                r.extra_trips += s.trips.size() > 1 ? static_cast<int>(s.trips.size()) - 1 : 0;
                days[i].push_back(static_cast<double>((s.done >= 0 ? s.done : w.finish) - s.first) / kDay);
            }
            for (const PainFlag& f : w.record.flags)
                for (std::size_t i = 0; i < v.steps.size(); ++i)
                    if (v.steps[i].id == f.step) {
                        ++rows[i].flags[f.category];
                        rows[i].notes.push_back(w.label + "：" + f.note);
                    }
        }
        for (std::size_t i = 0; i < rows.size(); ++i) {
            rows[i].days = spread_of(days[i]);
            if (rows[i].reached > 0 || !rows[i].flags.empty()) report.steps.push_back(std::move(rows[i]));
        }
    }
}

// One row per (variant, step, category): who flagged it, or who was sent back there.
void add_problems(ClassReport& report, const Scenario& scenario, const std::vector<Walked>& walked) {
    struct Key {
        std::size_t variant, step;
        int category;
        std::string category_id, step_id;
        bool operator<(const Key& o) const {
            return std::tie(variant, step, category, category_id, step_id) <
                   std::tie(o.variant, o.step, o.category, o.category_id, o.step_id);
        }
    };
    std::map<Key, std::pair<std::set<std::string>, std::vector<std::string>>> rows;  // who, notes
    std::map<Key, std::map<std::string, int>> reasons;
    auto step_index = [&](const Variant& v, const std::string& id) {
        for (std::size_t i = 0; i < v.steps.size(); ++i)
            if (v.steps[i].id == id) return i;
        return v.steps.size();  // not a step of the variant: last
    };
    for (const Walked& w : walked) {
        const Variant* v = scenario.variant(w.record.variant);
        const std::size_t vi = static_cast<std::size_t>(v - scenario.variants.data());
        for (const PainFlag& f : w.record.flags) {
            const Key k{vi, step_index(*v, f.step), category_rank(f.category), f.category, f.step};
            rows[k].first.insert(w.label);
            rows[k].second.push_back(w.label + "：" + f.note);
        }
        const std::vector<StepWalk> seen = step_walks(w.log, v->steps.size());
        for (std::size_t i = 0; i < seen.size(); ++i) {
            if (seen[i].rejections == 0) continue;
            const Key k{vi, i, 0, "rework", v->steps[i].id};
            rows[k].first.insert(w.label);
            for (const std::string& why : seen[i].reasons) ++reasons[k][why];
        }
    }
    for (auto& [k, who] : rows) {
        ProblemRow p;
        const Variant& v = scenario.variants[k.variant];
        p.variant = v.id;
        p.step = k.step_id;
        p.step_name = k.step < v.steps.size() ? v.steps[k.step].name : k.step_id;
        p.step_name_en = k.step < v.steps.size() && !v.steps[k.step].name_en.empty() ? v.steps[k.step].name_en : p.step_name;
        p.category = k.category_id;
        p.trainees = static_cast<int>(who.first.size());
        p.notes = who.second;
        for (const auto& [why, n] : reasons[k]) p.notes.push_back(why + " ×" + std::to_string(n));
        report.problems.push_back(std::move(p));
    }
    std::stable_sort(report.problems.begin(), report.problems.end(),
                     [](const ProblemRow& a, const ProblemRow& b) { return a.trainees > b.trainees; });
}

}  // namespace

int StepRow::hurt() const {
    int n = rejections + extra_trips;
    for (const auto& [category, count] : flags) n += count;
    return n;
}

const char* problem_category_label(const std::string& category, bool zh) {
    const int k = category_rank(category);
    return zh ? kCategoryZh[k] : kCategoryEn[k];
}

std::string reform_variant(const Scenario& sc, const std::string& walked) {
    if (sc.variants.size() < 2) return "";
    const std::string& first = sc.variants.front().id;
    for (const auto& v : sc.variants)
        if (v.id != walked && v.id != first) return v.id;
    return walked == first ? "" : first;
}

// ---------------------------------------------------------------- [SECTION] reading the records

std::vector<ClassFile> class_files(const std::string& name, const std::string& bytes) {
    if (!looks_like_zip(bytes)) return {ClassFile{name, bytes, "", ""}};
    const ZipArchive zip = read_zip(bytes);
    if (!zip.ok) return {ClassFile{name, "", "无法读取压缩包：" + zip.error_zh, "cannot read the .zip: " + zip.error_en}};
    std::vector<ClassFile> out;
    for (const ZipEntry& e : zip.entries) {
        if (e.name.rfind("__MACOSX/", 0) == 0) continue;  // macOS resource forks, not files the trainer put in
        ClassFile f{name + "/" + e.name, e.data, e.error_zh, e.error_en};
        const std::size_t n = e.name.size();
        const bool json = n >= 5 && e.name.compare(n - 5, 5, ".json") == 0;
        if (f.error_en.empty() && !json) {
            f.text.clear();
            f.error_zh = "不是 .json 文件，未读取";
            f.error_en = "not a .json file: not read";
        }
        out.push_back(std::move(f));
    }
    if (out.empty()) out.push_back({name, "", "压缩包里没有文件", "the .zip holds no files"});
    return out;
}

namespace {
SetApart unreadable(const ClassFile& f) {
    Issue i;
    i.message_zh = f.error_zh;
    i.message_en = f.error_en;
    return {f.name, "unreadable", i};
}

// The walk record in `f`; set apart in `report` (and false) when the file could not be
// read or is not a walk record.
bool read_record(const ClassFile& f, ClassReport& report, WalkLoad& load) {
    if (!f.error_en.empty()) {
        report.set_apart.push_back(unreadable(f));
        return false;
    }
    load = load_walk(f.text);
    if (!load.ok) {
        report.set_apart.push_back({f.name, "malformed", first_error(load)});
        return false;
    }
    return true;
}
}  // namespace

std::string class_scenario(const std::vector<ClassFile>& files) {
    std::vector<std::string> order;
    std::map<std::string, int> count;
    for (const ClassFile* f : by_name(files)) {
        if (!f->error_en.empty()) continue;
        const WalkLoad load = load_walk(f->text);
        if (!load.ok) continue;
        if (count[load.record.scenario]++ == 0) order.push_back(load.record.scenario);
    }
    std::string best;
    for (const std::string& id : order)
        if (best.empty() || count[id] > count[best]) best = id;
    return best;
}

ClassReport class_without_scenario(const std::vector<ClassFile>& files, const std::string& scenario_id) {
    ClassReport report;
    report.scenario = scenario_id;
    for (const ClassFile* f : by_name(files)) {
        WalkLoad load;
        if (!read_record(*f, report, load)) continue;
        report.set_apart.push_back({f->name, "other_scenario",
                                    located(f->text, "/scenario", "找不到场景 " + short_text(load.record.scenario) + " 的文件",
                                            "no file of scenario '" + short_text(load.record.scenario) + "' was found")});
    }
    return report;
}

ClassReport class_report(const std::vector<ClassFile>& files, const Scenario& scenario,
                         const std::string& scenario_text, bool show_names) {
    ClassReport report;
    report.scenario = scenario.id;
    report.scenario_sha256 = scenario_sha256(scenario_text);
    report.show_names = show_names;
    const Calendar calendar = scenario_calendar(scenario);
    std::vector<Walked> walked;
    for (const ClassFile* f : by_name(files)) {
        WalkLoad load;
        if (!read_record(*f, report, load)) continue;
        const WalkRecord& r = load.record;
        if (r.scenario != scenario.id) {
            report.set_apart.push_back(
                {f->name, "other_scenario",
                 located(f->text, "/scenario",
                         "记录是场景 " + short_text(r.scenario) + " 的，本班是场景 " + short_text(scenario.id) + " 的",
                         "the record is of scenario '" + short_text(r.scenario) + "', the class of '" +
                             short_text(scenario.id) + "'")});
            continue;
        }
        Issue changed;
        if (scenario_mismatch(load, scenario_text, &changed)) {
            changed.warning = false;
            report.set_apart.push_back({f->name, "other_version", locate_walk_issue(f->text, changed)});
            continue;
        }
        const ReplayResult replay = replay_walk(scenario, calendar, r);
        if (!replay.ok) {
            std::string path;
            if (!scenario.variant(r.variant)) path = "/variant";
            else if (replay.error_choice > 0)
                path = "/choices" + (replay.error_choice <= r.choices.size() ? "/" + std::to_string(replay.error_choice - 1)
                                                                             : std::string());
            else if (r.start != 0) path = "/start";
            report.set_apart.push_back({f->name, "replay_failed", located(f->text, path, replay.error_zh, replay.error_en)});
            continue;
        }
        Walked w;
        w.record = r;
        w.file = f->name;
        w.label = show_names && !r.trainee.empty() ? r.trainee : "学员 " + std::to_string(walked.size() + 1);
        w.log = replay.log;
        w.finish = replay.result.cases.empty() ? 0 : replay.result.cases.front().finish;
        TraineeStrip t;
        t.label = w.label;
        t.file = f->name;
        t.variant = r.variant;
        t.seed = r.seed;
        t.start = r.start != 0 ? r.start : scenario.start;
        t.walked = burden_of(replay.result);
        walked.push_back(std::move(w));
        report.trainees.push_back(std::move(t));
    }
    ModelCitizens models(scenario, calendar);
    for (TraineeStrip& t : report.trainees) {
        t.model = models.get(t.variant, t.seed, t.start);
        t.reform_variant = reform_variant(scenario, t.variant);
        if (!t.reform_variant.empty()) t.reform = models.get(t.reform_variant, t.seed, t.start);
        t.reform_is_before = !t.reform_variant.empty() && t.reform_variant == scenario.variants.front().id;
    }
    add_steps(report, scenario, walked);
    add_problems(report, scenario, walked);
    return report;
}

// ---------------------------------------------------------------- [SECTION] JSON

namespace {
ojson burden_json(const Burden& b) {
    return ojson{{"finished", b.finished}, {"trips", b.trips}, {"windows", b.windows}, {"rejections", b.rejections},
                 {"days", b.days}};
}
std::string date_text(Seconds t) {
    const CivilDate d = civil_from_days(day_of(t));
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}
}  // namespace

ojson class_json(const ClassReport& r) {
    ojson trainees = ojson::array();
    for (const TraineeStrip& t : r.trainees) {
        ojson j{{"label", t.label}, {"file", t.file}, {"variant", t.variant}, {"seed", t.seed},
                {"start", date_text(t.start)}, {"walked", burden_json(t.walked)}, {"model", burden_json(t.model)}};
        j["reform_variant"] = t.reform_variant;
        j["reform_side"] = t.reform_variant.empty() ? "" : t.reform_is_before ? "before" : "after";
        j["reform"] = t.reform_variant.empty() ? ojson(nullptr) : burden_json(t.reform);
        trainees.push_back(j);
    }
    ojson steps = ojson::array();
    for (const StepRow& s : r.steps) {
        ojson reasons = ojson::object(), flags = ojson::object();
        for (const auto& [why, n] : s.reasons) reasons[why] = n;
        for (const auto& [c, n] : s.flags) flags[c] = n;
        steps.push_back({{"variant", s.variant}, {"step", s.step}, {"name", s.name}, {"name_en", s.name_en},
                         {"department", s.department}, {"reached", s.reached}, {"sent_back", s.sent_back},
                         {"rejections", s.rejections}, {"reasons", reasons}, {"extra_trips", s.extra_trips},
                         {"days", {{"median", s.days.median}, {"min", s.days.min}, {"max", s.days.max}}},
                         {"flags", flags}, {"notes", s.notes}, {"hurt", s.hurt()}});
    }
    ojson problems = ojson::array();
    for (const ProblemRow& p : r.problems)
        problems.push_back({{"variant", p.variant}, {"step", p.step}, {"step_name", p.step_name},
                            {"step_name_en", p.step_name_en},
                            {"category", p.category}, {"trainees", p.trainees}, {"notes", p.notes},
                            {"department", ""}, {"measure", ""}, {"deadline", ""}, {"status", ""}});
    ojson apart = ojson::array();
    for (const SetApart& a : r.set_apart)
        apart.push_back({{"file", a.file}, {"reason", a.reason}, {"path", a.issue.path}, {"line", a.issue.line},
                         {"column", a.issue.column}, {"message_zh", a.issue.message_zh},
                         {"message_en", a.issue.message_en}});
    return ojson{{"format", "peizou-class-report/1"}, {"scenario", r.scenario}, {"scenario_sha256", r.scenario_sha256},
                 {"show_names", r.show_names}, {"trainees", trainees}, {"steps", steps}, {"problems", problems},
                 {"set_apart", apart}};
}

// ---------------------------------------------------------------- [SECTION] Markdown and CSV

namespace {
std::string cell(std::string v) {
    for (char& c : v)
        if (c == '|' || c == '\n' || c == '\r') c = ' ';
    return v;
}
std::string csv_field(const std::string& v) {
    std::string out = "\"";
    for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}
std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}
std::string burden_cells(const Burden& b) {
    if (!b.finished) return "— | — | — | —";
    return std::to_string(b.trips) + " | " + std::to_string(b.windows) + " | " + std::to_string(b.rejections) + " | " +
           num(b.days);
}
std::string joined(const std::vector<std::string>& notes, const char* sep) {
    std::string out;
    for (const std::string& n : notes) out += (out.empty() ? "" : sep) + n;
    return out;
}
}  // namespace

std::string class_markdown(const ClassReport& r, bool zh) {
    auto T = [zh](const char* a, const char* b) { return std::string(zh ? a : b); };
    std::string md = T("# 培训班复盘：", "# Class debrief: ") + r.scenario + "\n\n";
    md += T("学员 ", "Trainees: ") + std::to_string(r.trainees.size()) + T(" 人", "") + " · SHA-256 " +
          r.scenario_sha256.substr(0, 12) + "…";
    if (!r.set_apart.empty()) md += T(" · 另有 ", " · ") + std::to_string(r.set_apart.size()) + T(" 份记录未计入", " records set apart");
    md += "\n\n";
    md += T("## 学员与示范办事人\n\n", "## Trainees and the model citizen\n\n");
    md += T("| 学员 | 方案 | 跑动 | 窗口 | 退回 | 天数 | 示范：跑动 | 窗口 | 退回 | 天数 | 对照方案（示范） | 跑动 | 窗口 | 退回 | 天数 |\n",
            "| Trainee | Variant | Trips | Windows | Sent back | Days | Model: trips | Windows | Sent back | Days | Compared with (model) | Trips | Windows | Sent back | Days |\n");
    md += "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const TraineeStrip& t : r.trainees)
        md += "| " + cell(t.label) + " | " + t.variant + " | " + burden_cells(t.walked) + " | " + burden_cells(t.model) +
              " | " + (t.reform_variant.empty() ? "—" : T(t.reform_is_before ? "改革前 " : "改革后 ", t.reform_is_before ? "before: " : "reformed: ") + t.reform_variant) + " | " +
              (t.reform_variant.empty() ? "— | — | — | —" : burden_cells(t.reform)) + " |\n";
    md += T("\n## 各环节\n\n", "\n## Steps\n\n");
    md += T("| 方案 | 环节 | 到达 | 被退回（人） | 退回（次） | 多跑（次） | 用时中位（天） | 最短–最长（天） | 痛点 |\n",
            "| Variant | Step | Reached | Sent back (trainees) | Sent back (times) | Extra trips | Median days | Min–max days | Pain flags |\n");
    md += "|---|---|---|---|---|---|---|---|---|\n";
    for (const StepRow& s : r.steps) {
        std::string flags;
        for (const auto& [c, n] : s.flags) flags += (flags.empty() ? "" : ", ") + std::string(problem_category_label(c, zh)) + " " + std::to_string(n);
        md += "| " + s.variant + " | " + cell(zh || s.name_en.empty() ? s.name : s.name_en) + " | " +
              std::to_string(s.reached) + " | " + std::to_string(s.sent_back) + " | " + std::to_string(s.rejections) +
              " | " + std::to_string(s.extra_trips) + " | " + num(s.days.median) + " | " + num(s.days.min) + "–" +
              num(s.days.max) + " | " + cell(flags) + " |\n";
    }
    md += T("\n## 问题清单\n\n", "\n## Problem list\n\n");
    md += T("| # | 方案 | 环节 | 类别 | 人数 | 说明 | 责任部门 | 整改措施 | 时限 | 状态 |\n",
            "| # | Variant | Step | Category | Trainees | Notes | Responsible department | Measure | Deadline | Status |\n");
    md += "|---|---|---|---|---|---|---|---|---|---|\n";
    int i = 0;
    for (const ProblemRow& p : r.problems)
        md += "| " + std::to_string(++i) + " | " + p.variant + " | " + cell(zh ? p.step_name : p.step_name_en) + " | " +
              problem_category_label(p.category, zh) + " | " + std::to_string(p.trainees) + " | " +
              cell(joined(p.notes, "；")) + " |  |  |  |  |\n";
    if (!r.set_apart.empty()) {
        md += T("\n## 未计入的记录\n\n", "\n## Records set apart\n\n");
        for (const SetApart& a : r.set_apart)
            md += "- " + cell(a.file) + ":" + std::to_string(a.issue.line) + ":" + std::to_string(a.issue.column) + " " +
                  a.issue.path + " — " + a.reason + ": " + cell(zh ? a.issue.message_zh : a.issue.message_en) + "\n";
    }
    return md;
}

std::string class_csv(const ClassReport& r, bool zh) {
    std::string csv = "\xEF\xBB\xBF";  // BOM: Excel then reads UTF-8
    csv += zh ? "#,方案,环节,类别,人数,说明,责任部门,整改措施,时限,状态\r\n"
              : "#,Variant,Step,Category,Trainees,Notes,Responsible department,Measure,Deadline,Status\r\n";
    int i = 0;
    for (const ProblemRow& p : r.problems)
        csv += std::to_string(++i) + "," + csv_field(p.variant) + "," + csv_field(zh ? p.step_name : p.step_name_en) + "," +
               csv_field(problem_category_label(p.category, zh)) + "," + std::to_string(p.trainees) + "," +
               csv_field(joined(p.notes, "；")) + ",,,,\r\n";
    return csv;
}

}  // namespace peizou::scenario
