// BPMN import and export. Oracles: the hand-read structure of permit-lanes.bpmn (its flows,
// lanes, QBP values in seconds) and of the Prosimos file; the built-in scenarios themselves
// for the round trip (import(export(v)) gives v's steps, dependencies, departments,
// durations and branch probabilities), and, with our extension elements hidden, the
// dependencies drawn as sequence flows.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "import/bpmn.hpp"
#include "import/import.hpp"
#include "scenario/scenario_io.hpp"
#include "test_files.hpp"

using namespace peizou;
using namespace peizou::import;
using peizou::test::read_text;
namespace fs = std::filesystem;

namespace {
fs::path root() { return fs::path(PEIZOU_SOURCE_DIR); }
std::string fixture(const std::string& name) { return read_text(root() / "tests/fixtures/import" / name); }
const Step* step(const Scenario& s, const std::string& id) {
    for (const auto& st : s.variants[0].steps)
        if (st.id == id) return &st;
    return nullptr;
}
std::set<std::string> as_set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }
std::string dept_name(const Scenario& s, const std::string& id) {
    const Department* d = s.department(id);
    return d ? d->name : "";
}
}  // namespace

TEST_CASE("BPMN import: lanes, flows, gateways, a 补正 loop, a timer, data objects, QBP", "[import]") {
    const ImportResult r = import_text("permit-lanes.bpmn", fixture("permit-lanes.bpmn"));
    INFO(report_text("permit-lanes.bpmn", r));
    REQUIRE(r.ok);
    const Scenario& s = r.draft;
    CHECK(s.title == "食品经营许可");
    CHECK(s.illustrative);
    // QBP: 09:00–12:00 and 13:30–17:00 Monday to Friday; one arrival every 2340 s (arg1 of an
    // exponential whose mean is NaN) = 23400 / 2340 = 10 a working day.
    CHECK(s.office_hours.intervals == std::vector<std::pair<Seconds, Seconds>>{{9 * kHour, 12 * kHour}, {13 * kHour + 30 * kMinute, 17 * kHour}});
    CHECK(s.arrivals_per_working_day == 10);
    // The applicant's lane is the citizen's own work: online, no trip.
    const Step* fill = step(s, "fill_form");
    REQUIRE(fill);
    CHECK(fill->kind == StepKind::online);
    CHECK(dept_name(s, fill->department) == "申请人");
    const Step* accept = step(s, "accept");
    REQUIRE(accept);
    CHECK(accept->kind == StepKind::window);
    CHECK(dept_name(s, accept->department) == "市场监管局窗口");
    CHECK(s.department(accept->department)->windows == 3);  // QBP resource 窗口人员, totalAmount 3
    // TRIANGULAR arg1 600 s, mean 1200 s, arg2 2400 s → 10, 20, 40 minutes.
    CHECK(accept->service.dist == DistKind::triangular);
    CHECK(accept->service.low == 10);
    CHECK(accept->service.mode == 20);
    CHECK(accept->service.high == 40);
    CHECK(accept->after == std::vector<std::string>{"fill_form"});
    // The loop back from 材料齐全？ (f4, probability 0.3) is rework of 窗口受理; 补正材料 folds into it.
    CHECK(accept->rework_probability == Approx(0.3));
    CHECK(accept->rework_reason == "材料不全，一次性告知补正");
    CHECK_FALSE(step(s, "fix_papers"));
    // The parallel split: both after 窗口受理; the join: 审核决定 waits for both and the timer.
    CHECK(step(s, "site_visit")->after == std::vector<std::string>{"accept"});
    CHECK(step(s, "records")->after == std::vector<std::string>{"accept"});
    CHECK(step(s, "records")->kind == StepKind::review);
    const Step* wait = step(s, "wait_5d");
    REQUIRE(wait);
    CHECK(wait->kind == StepKind::review);
    CHECK(wait->review.unit == TimeUnit::calendar_days);
    CHECK(wait->review.value == 5);
    const Step* check = step(s, "check");
    REQUIRE(check);
    CHECK(as_set(check->after) == std::set<std::string>{"site_visit", "records", "wait_5d"});
    // UNIFORM 86400–259200 s on a back-office step → review of 1440–4320 minutes.
    CHECK(check->review.dist == DistKind::uniform);
    CHECK(check->review.low == 1440);
    CHECK(check->review.high == 4320);
    // The exclusive split 需要专家评审？: the timer only on the 0.25 path.
    REQUIRE(s.variants[0].branches.size() == 1);
    const Branch& b = s.variants[0].branches[0];
    CHECK(b.question == "需要专家评审？");
    CHECK(as_set(b.after) == std::set<std::string>{"site_visit", "records"});
    REQUIRE(b.options.size() == 2);
    CHECK(b.options[0].probability == Approx(0.25));
    CHECK(b.options[0].steps == std::vector<std::string>{"wait_5d"});
    CHECK(b.options[1].steps.empty());
    // Data objects: 许可申请书 produced by 填写申请书, needed by 窗口受理.
    REQUIRE(accept->needs.size() == 1);
    CHECK(s.material(accept->needs[0])->name == "许可申请书");
    CHECK(fill->produces == accept->needs);
}

TEST_CASE("BPMN import with Prosimos parameters", "[import]") {
    const ImportResult r = import_text("permit-lanes.bpmn", fixture("permit-lanes.bpmn"), fixture("permit-lanes.prosimos.json"));
    REQUIRE(r.ok);
    const Scenario& s = r.draft;
    // The arrival calendar MONDAY–FRIDAY 08:00:00–16:00:00 → office hours 08:00–16:00 (by hand:
    // 8 h = 28800 s); expon [1800, 0, 7200] → one arrival every 1800 s: 28800 / 1800 = 16 a
    // working day.
    REQUIRE(s.office_hours.intervals.size() == 1);
    CHECK(s.office_hours.intervals[0] == std::pair<Seconds, Seconds>{8 * 3600, 16 * 3600});
    CHECK(s.calendar_mode == CalendarMode::working_days);
    CHECK(s.arrivals_per_working_day == 16);
    // norm [1500, 300, 600, 3000] s → normal 25 min, sd 5 min (bounds reported).
    const Step* accept = step(s, "accept");
    CHECK(accept->service.dist == DistKind::normal);
    CHECK(accept->service.mean == 25);
    CHECK(accept->service.sd == 5);
    CHECK(s.department(accept->department)->windows == 4);  // resource clerk_p, amount 4
    // gamma [3600, 1440000] s → lognormal of mean 60 min, sd √1440000 s = 1200 s = 20 min.
    const Step* visit = step(s, "site_visit");
    CHECK(visit->service.dist == DistKind::lognormal);
    CHECK(visit->service.mean == 60);
    CHECK(visit->service.sd == 20);
    // Prosimos' branching probabilities replace QBP's for the gateway 需要专家评审？.
    CHECK(s.variants[0].branches[0].options[0].probability == Approx(0.4));
    // The window's resource calendar c1: MONDAY–FRIDAY 08:30–12:00 and 13:00–17:30 → the
    // department's own hours; its SATURDAY 09:00–12:00 entry reported as not modelled.
    const Department* window = s.department(accept->department);
    REQUIRE(window->hours);
    const std::vector<std::pair<Seconds, Seconds>> c1 = {{8 * 3600 + 1800, 12 * 3600}, {13 * 3600, 17 * 3600 + 1800}};
    CHECK(window->hours->intervals == c1);
    // 审批科 runs site_visit (clerk_p, c1) and records (night_p, c2): the first calendar, reported.
    const Department* back = s.department(visit->department);
    REQUIRE(back->hours);
    CHECK(back->hours->intervals == c1);
    // The event distribution fix [7200] s on the timer wait_5d (P5D in the diagram) → a
    // review wait of 7200 / 60 = 120 minutes.
    const Step* wait = step(s, "wait_5d");
    REQUIRE(wait);
    CHECK(wait->kind == StepKind::review);
    CHECK(wait->review == Duration::minutes(120));
    INFO(report_text("permit-lanes.bpmn", r));
    auto has = [&](const std::string& what, const std::string& fragment) {
        for (const auto& l : r.lines)
            if (to_string(l.what) == what && l.message_en.find(fragment) != std::string::npos) return true;
        return false;
    };
    CHECK(has("mapped", "office hours MONDAY–FRIDAY 08:00–16:00"));
    CHECK(has("ignored", "SATURDAY–SATURDAY 09:00–12:00: weekend opening not modelled"));
    // c2: MONDAY–WEDNESDAY 22:00–06:00 → split at midnight, and only some weekdays.
    CHECK(has("approximated", "the overnight period split at midnight; hours of some weekdays only"));
    CHECK(has("approximated", "use several calendars: the first (c1) taken"));
    CHECK(has("mapped", "event duration → a review wait (replaces the diagram's timer)"));
    CHECK(has("ignored", "not an intermediate catch event"));
}

TEST_CASE("Prosimos calendars: what cannot be expressed is approximated", "[import]") {
    // A calendar open every day 22:00–06:00 (overnight, weekends) and one with different
    // hours per day: the union of the times, each entry reported.
    const std::string params = R"({"arrival_time_calendar": [
        {"from": "MONDAY", "to": "SUNDAY", "beginTime": "22:00:00", "endTime": "06:00:00"},
        {"from": "MONDAY", "to": "MONDAY", "beginTime": "09:00:00", "endTime": "12:00:00"},
        {"from": "FRIDAY", "to": "MONDAY", "beginTime": "11:00:00", "endTime": "14:00:00"}]})";
    const ImportResult r = import_text("permit-lanes.bpmn", fixture("permit-lanes.bpmn"), params);
    REQUIRE(r.ok);
    // By hand: [22:00, 24:00) + [00:00, 06:00) + [09:00, 12:00) ∪ [11:00, 14:00) = [09:00, 14:00).
    const std::vector<std::pair<Seconds, Seconds>> want = {{0, 6 * 3600}, {9 * 3600, 14 * 3600}, {22 * 3600, 24 * 3600}};
    CHECK(r.draft.office_hours.intervals == want);
    int approximated = 0;
    for (const auto& l : r.lines)
        if (l.element == "arrival_time_calendar" && l.what == Mapping::approximated) ++approximated;
    CHECK(approximated == 3);
}

TEST_CASE("BPMN: a DOCTYPE is never expanded, GBK refused, a loop with no exit refused", "[import]") {
    const ImportResult d = import_text("d.bpmn", fixture("bad/doctype-entities.bpmn"));
    REQUIRE(d.ok);
    CHECK(d.draft.title == "&ext;");  // the external entity was not read
    CHECK(d.draft.variants[0].steps[0].name == "&a;");
    const ImportResult g = import_text("g.bpmn", fixture("bad/gbk.bpmn"));
    CHECK_FALSE(g.ok);
    CHECK(g.lines.back().message_en.find("save it as UTF-8") != std::string::npos);
    CHECK_FALSE(import_text("l.bpmn", fixture("bad/loop-no-exit.bpmn")).ok);
    const ImportResult m = import_text("m.bpmn", fixture("bad/malformed.bpmn"));
    CHECK_FALSE(m.ok);
    CHECK(m.lines.back().location == "5:5");
}

TEST_CASE("every built-in scenario's variants survive export to BPMN and import", "[import]") {
    int variants = 0;
    for (const auto& entry : fs::directory_iterator(root() / "scenarios")) {
        const auto loaded = scenario::load_scenario(read_text(entry.path()), entry.path().string());
        REQUIRE(loaded.ok);
        const Scenario& s = loaded.scenario;
        for (const auto& v : s.variants) {
            INFO(s.id + " / " + v.id);
            ++variants;
            const std::string xml = export_bpmn(s, v);
            const ImportResult r = import_text("x.bpmn", xml);
            INFO(report_text("x.bpmn", r));
            REQUIRE(r.ok);
            const Variant& back = r.draft.variants[0];
            REQUIRE(back.steps.size() == v.steps.size());
            for (std::size_t i = 0; i < v.steps.size(); ++i) {
                const Step& a = v.steps[i];
                const Step& b = back.steps[i];
                CHECK(b.id == a.id);
                CHECK(b.name == a.name);
                CHECK(b.kind == a.kind);
                CHECK(b.department == a.department);
                CHECK(b.service == a.service);
                CHECK(b.review == a.review);
                CHECK(b.after == a.after);
                CHECK(b.rework_probability == a.rework_probability);
                CHECK(b.legal_limit_days == a.legal_limit_days);
                CHECK(b.promised_limit_days == a.promised_limit_days);
                const Department* da = s.department(a.department);
                if (!da) for (const auto& e : v.extra_departments) if (e.id == a.department) da = &e;
                const Department* db = r.draft.department(b.department);
                REQUIRE(da);
                REQUIRE(db);
                CHECK(db->name == da->name);
                CHECK(db->windows == da->windows);
            }
            REQUIRE(back.branches.size() == v.branches.size());
            for (std::size_t i = 0; i < v.branches.size(); ++i) {
                CHECK(back.branches[i].after == v.branches[i].after);
                REQUIRE(back.branches[i].options.size() == v.branches[i].options.size());
                for (std::size_t k = 0; k < v.branches[i].options.size(); ++k) {
                    CHECK(back.branches[i].options[k].probability == v.branches[i].options[k].probability);
                    CHECK(back.branches[i].options[k].steps == v.branches[i].options[k].steps);
                }
            }
            // The flows alone (our extension elements hidden): each step waits for the same steps.
            if (!v.branches.empty()) continue;
            std::string plain = xml;
            const std::string ns = kPeizouNs;
            plain.replace(plain.find(ns), ns.size(), "urn:hidden");
            const ImportResult p = import_text("p.bpmn", plain);
            REQUIRE(p.ok);
            REQUIRE(p.draft.variants[0].steps.size() == v.steps.size());
            std::map<std::string, std::string> id_of;  // Step_N → the original id
            for (std::size_t i = 0; i < v.steps.size(); ++i) id_of["step_" + std::to_string(i + 1)] = v.steps[i].id;
            for (std::size_t i = 0; i < v.steps.size(); ++i) {
                std::set<std::string> after;
                for (const auto& a : p.draft.variants[0].steps[i].after) after.insert(id_of[a]);
                CHECK(after == as_set(v.steps[i].after));
            }
        }
    }
    CHECK(variants >= 14);
}

TEST_CASE("cut-off and damaged inputs never crash the importers", "[import]") {
    // Every fixture cut at 150 points and with one byte flipped at 150 points: the importer
    // returns (a draft or errors), and a draft it returns always loads.
    for (const char* name : {"permit-lanes.bpmn", "simod-LoanApp_simplified.bpmn", "passport-guide.json",
                             "passport-guide.csv", "miwg-C.1.0.bpmn"}) {
        const std::string text = fixture(name);
        for (int k = 1; k <= 150; ++k) {
            const std::size_t at = text.size() * static_cast<std::size_t>(k) / 151;
            std::string flipped = text;
            flipped[at] = static_cast<char>(flipped[at] ^ 0x5A);
            for (const std::string& t : {text.substr(0, at), flipped}) {
                const ImportResult r = import_text(name, t);
                if (r.ok) {
                    INFO(name << " at " << at);
                    CHECK(scenario::load_scenario(draft_text(r), "d").ok);
                } else {
                    CHECK(r.count(Mapping::error) > 0);
                }
            }
        }
    }
}

TEST_CASE("LoanApp (Simod, QBP): resources as departments, the nested choice reported", "[import]") {
    const ImportResult r = import_text("loan.bpmn", fixture("simod-LoanApp_simplified.bpmn"));
    REQUIRE(r.ok);
    const Scenario& s = r.draft;
    // QBP: FIXED inter-arrival 1800 s over 09:00–17:00 (28800 s) → 16 a working day.
    CHECK(s.arrivals_per_working_day == 16);
    CHECK(s.department("clerk")->windows == 8);  // resource Clerk, totalAmount 8
    // The eligibility choice (QBP 0.4 / 0.6); the choice nested in its second path cannot be
    // a branch of its own (its steps are in that option already) and is reported.
    REQUIRE(s.variants[0].branches.size() == 1);
    const Branch& b = s.variants[0].branches[0];
    CHECK(b.options[0].label == "applicant not eligible");
    CHECK(b.options[0].probability == Approx(0.4));
    CHECK(b.options[0].steps.size() == 1);
    CHECK(b.options[1].steps.size() == 4);
    bool reported = false;
    for (const auto& l : r.lines) reported = reported || l.message_en.find("enclosing choice") != std::string::npos;
    CHECK(reported);
}

TEST_CASE("the issue's task kinds, data stores, QBP's mean over a NaN arg1, Prosimos' distributions", "[import]") {
    // tests/fixtures/import/task-kinds.bpmn, hand-written: manualTask, scriptTask,
    // callActivity, an expanded subProcess, a sendTask reading a dataStoreReference.
    const std::string text = fixture("task-kinds.bpmn");
    const ImportResult r = import_text("task-kinds.bpmn", text);
    INFO(report_text("task-kinds.bpmn", r));
    REQUIRE(r.ok);
    const Scenario& s = r.draft;
    const std::vector<std::pair<std::string, StepKind>> kinds = {
        {"m", StepKind::window}, {"sc", StepKind::review}, {"ca", StepKind::review},
        {"sp", StepKind::review}, {"se", StepKind::mail}};
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        const Step* st = step(s, kinds[i].first);
        REQUIRE(st);
        CHECK(st->kind == kinds[i].second);
        if (i > 0) CHECK(st->after == std::vector<std::string>{kinds[i - 1].first});  // the flows, in order
    }
    // The expanded sub-process is one step, reported; the data store a material held at the start.
    bool sub = false, store = false;
    for (const auto& l : r.lines) {
        sub = sub || (l.element.find("subProcess id=sp") != std::string::npos && l.what == Mapping::approximated);
        store = store || (l.element == "证照库" && l.location == "26:5");  // located at its reference
    }
    CHECK(sub);
    CHECK(store);
    CHECK(step(s, "se")->needs == std::vector<std::string>{"store"});
    REQUIRE(s.material("store"));
    CHECK(s.material("store")->held_at_start);
    // QBP: EXPONENTIAL mean="1800" arg1="NaN" → the mean (the number over NaN), reported:
    // 23400 working s a day / 1800 = 13 arrivals. FIXED 120 s → 2 min; NORMAL mean 3600,
    // arg1 = sd 600 → 60, 10 min; LOGNORMAL mean 7200, arg1 = variance 3240000 → 120, √3240000 s = 30 min.
    CHECK(s.arrivals_per_working_day == 13);
    bool from_mean = false;
    for (const auto& l : r.lines) from_mean = from_mean || l.message_en == "exponential mean from mean = 1800 s";
    CHECK(from_mean);
    CHECK(step(s, "m")->service.dist == DistKind::exponential);
    CHECK(step(s, "m")->service.mean == 15);
    CHECK(step(s, "sc")->review.value == 2);
    CHECK(step(s, "ca")->review.dist == DistKind::normal);
    CHECK(step(s, "ca")->review.mean == 60);
    CHECK(step(s, "ca")->review.sd == 10);
    CHECK(step(s, "sp")->review.dist == DistKind::lognormal);
    CHECK(step(s, "sp")->review.mean == 120);
    CHECK(step(s, "sp")->review.sd == 30);

    // Prosimos on the same diagram without QBP: fix [2340] → 23400 / 2340 = 10 a day;
    // uniform [600, 1800] → 10–30 min; fix [300] → 5 min; lognorm [3600, 810000, 0, 36000]
    // → mean 60, sd √810000 s = 15 min, its bounds reported; expon [1200, 0, 0] → mean 20, no bounds.
    const std::size_t a = text.find("<bpmn2:extensionElements>"), b = text.find("</bpmn2:extensionElements>");
    REQUIRE(b != std::string::npos);
    const std::string plain = text.substr(0, a) + text.substr(b + std::strlen("</bpmn2:extensionElements>"));
    const ImportResult p = import_text("plain.bpmn", plain, fixture("task-kinds.prosimos.json"));
    INFO(report_text("plain.bpmn", p));
    REQUIRE(p.ok);
    const Scenario& q = p.draft;
    CHECK(q.arrivals_per_working_day == 10);
    CHECK(step(q, "m")->service.dist == DistKind::uniform);
    CHECK(step(q, "m")->service.low == 10);
    CHECK(step(q, "m")->service.high == 30);
    CHECK(step(q, "sc")->review.value == 5);
    CHECK(step(q, "ca")->review.dist == DistKind::lognormal);
    CHECK(step(q, "ca")->review.mean == 60);
    CHECK(step(q, "ca")->review.sd == 15);
    CHECK(step(q, "sp")->review.dist == DistKind::exponential);
    CHECK(step(q, "sp")->review.mean == 20);
    int bounds = 0;
    for (const auto& l : p.lines) bounds += l.message_en.find("bounds are not modelled") != std::string::npos;
    CHECK(bounds == 1);  // the lognorm's; the expon's bounds are 0, 0
}
