// The 培训班 class debrief (issue 18) and the walk record's trainee name and start date.
// Records are made by walking a built-in scenario through the core Walk (the page's
// walk API) with different choices, then saved as `peizou replay` reads them. Oracles
// are independent of the report: the engine's own per-case measures (rejections), the
// trainees' hand-placed flags, a hand-chosen start date, the records' file order.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/policy.hpp"
#include "core/walk.hpp"
#include "scenario/class_report.hpp"
#include "scenario/scenario_io.hpp"
#include "scenario/walk_io.hpp"
#include "scenario/zip_read.hpp"

using namespace peizou;

namespace {

std::string builtin_text(const std::string& name) {
    std::ifstream in(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Walks `variant` with the default policy, except: every window in person, and at the
// first handover `forget` hands nothing over (the clerk must send the citizen back).
// Returns the walk (finished) and, in `first_handover_step`, the step of that window.
std::unique_ptr<Walk> walk_of(const Scenario& s, const Calendar& cal, const std::string& variant, std::uint64_t seed,
                              bool forget, std::string* first_handover_step = nullptr) {
    auto w = std::make_unique<Walk>(s, cal, variant, seed);
    bool forgot = false;
    for (int turn = 0; w->advance() == Engine::Status::decision && turn < 2000; ++turn) {
        const Decision d = *w->pending();
        Choice c = policy_choice(*w);
        if (d.kind == DecisionKind::channel) c.value = "in_person";
        if (d.kind == DecisionKind::handover && !forgot) {
            forgot = true;
            if (first_handover_step) *first_handover_step = w->variant().steps[static_cast<std::size_t>(d.step)].id;
            if (forget) c.materials.clear();
        }
        REQUIRE(w->choose(c));
    }
    REQUIRE(w->finished());
    return w;
}

PainFlag flag(const std::string& step, const std::string& category, const std::string& note) {
    PainFlag f;
    f.step = step;
    f.category = category;
    f.note = note;
    f.time = make_time({2025, 10, 9}, 10, 0);
    return f;
}

const scenario::StepRow* row(const scenario::ClassReport& r, const std::string& variant, const std::string& step) {
    for (const auto& s : r.steps)
        if (s.variant == variant && s.step == step) return &s;
    return nullptr;
}

const scenario::ProblemRow* problem(const scenario::ClassReport& r, const std::string& step, const std::string& category) {
    for (const auto& p : r.problems)
        if (p.step == step && p.category == category) return &p;
    return nullptr;
}

}  // namespace

TEST_CASE("a walk record keeps the trainee's name and start date; older records still load", "[walk][class]") {
    const std::string text = builtin_text("company-deregistration.json");
    const scenario::LoadResult loaded = scenario::load_scenario(text, "company-deregistration.json");
    REQUIRE(loaded.ok);
    const Scenario& s = loaded.scenario;
    const Calendar cal = scenario::scenario_calendar(s);
    // A start date chosen by hand, a week after the scenario's (same time of day).
    const Seconds moved = s.start + 7 * kDay;
    const Scenario at = started_at(s, moved);
    auto w = walk_of(at, cal, "before", 5, false);
    w->set_trainee("张三");
    const WalkRecord& r = w->record();
    CHECK(r.start == moved);
    const std::string saved = scenario::save_walk(r);
    CHECK(saved.find("\"trainee\": \"张三\"") != std::string::npos);
    const scenario::WalkLoad back = scenario::load_walk(saved);
    REQUIRE(back.ok);
    CHECK(back.record == r);
    // Replayed on the scenario as written, the record begins on the date it was walked on.
    const ReplayResult replay = replay_walk(s, cal, back.record);
    REQUIRE(replay.ok);
    CHECK(replay.result.cases.front().start == moved);
    CHECK(replay.result.cases.front().finish == w->result().cases.front().finish);
    // An older record (no trainee, no start) loads and begins on the scenario's start.
    const std::string older = R"({"format": "peizou-walk/1", "scenario": "company-deregistration", "variant": "before",
      "seed": 5, "choices": []})";
    const scenario::WalkLoad old = scenario::load_walk(older);
    REQUIRE(old.ok);
    CHECK(old.record.trainee.empty());
    CHECK(old.record.start == 0);
    // A start that is not a real date is located; one outside the covered years is refused on replay.
    std::string bad = saved;
    const auto at_start = bad.find("\"start\": \"") + 10;
    bad.replace(at_start, 10, "2025-02-30");
    const scenario::WalkLoad b = scenario::load_walk(bad);
    REQUIRE_FALSE(b.ok);
    CHECK(b.issues.front().path == "/start");
    CHECK(b.issues.front().line == 6);
    WalkRecord far = back.record;
    far.start = make_time({1999, 3, 1}, 9, 0);
    CHECK_FALSE(replay_walk(s, cal, far).ok);
    std::int64_t day = 0;
    CHECK(scenario::parse_date("2024-02-29", day));
    CHECK(day == days_from_civil({2024, 2, 29}));
    CHECK_FALSE(scenario::parse_date("2025-02-29", day));
    CHECK_FALSE(scenario::parse_date("2025-2-28", day));
}

TEST_CASE("the class report counts what the records did, sets the others apart with their reason", "[class]") {
    const std::string text = builtin_text("company-deregistration.json");
    const scenario::LoadResult loaded = scenario::load_scenario(text, "company-deregistration.json");
    REQUIRE(loaded.ok);
    const Scenario& s = loaded.scenario;
    const Calendar cal = scenario::scenario_calendar(s);
    const std::string sha = scenario::scenario_sha256(text);
    REQUIRE(s.variants.size() >= 2);
    const std::string before = s.variants.front().id, after = s.variants[1].id;

    std::string first_window;
    auto forgetful = walk_of(s, cal, before, 2, true, &first_window);
    auto careful = walk_of(s, cal, before, 1, false);
    auto reformed = walk_of(s, cal, after, 3, false);
    careful->flag(flag(first_window, "runs_many", "跑了好几趟"));
    forgetful->flag(flag(first_window, "runs_many", "材料清单没说清"));
    forgetful->flag(flag(first_window, "long_queue", "排了两小时"));
    careful->set_trainee("李四");
    forgetful->set_trainee("王五");
    // Names sort the trainees: b-, c-, d- (the malformed a- and the others are set apart).
    std::vector<scenario::ClassFile> files = {
        {"c-forgetful.json", scenario::save_walk(forgetful->record(), sha)},
        {"b-careful.json", scenario::save_walk(careful->record(), sha)},
        {"d-reformed.json", scenario::save_walk(reformed->record())},  // an older record: no hash, still counted
    };
    // Another scenario, another version of the file, a broken file, a record that does not replay.
    WalkRecord other = careful->record();
    other.scenario = "another-one";
    files.push_back({"e-other.json", scenario::save_walk(other, sha)});
    files.push_back({"f-changed.json", scenario::save_walk(careful->record(), scenario::scenario_sha256(text + "x"))});
    files.push_back({"a-broken.json", "{\n  \"format\": \"peizou-walk/1\",\n  \"seed\": oops\n}\n"});
    WalkRecord extra = careful->record();
    extra.choices.push_back(extra.choices.front());
    files.push_back({"g-extra.json", scenario::save_walk(extra, sha)});

    CHECK(scenario::class_scenario(files) == s.id);  // most records name it
    const scenario::ClassReport r = scenario::class_report(files, s, text, false);

    SECTION("records set apart, each with its reason and location; the rest are counted") {
        REQUIRE(r.trainees.size() == 3);
        REQUIRE(r.set_apart.size() == 4);
        CHECK(r.set_apart[0].file == "a-broken.json");
        CHECK(r.set_apart[0].reason == "malformed");
        CHECK(r.set_apart[0].issue.line == 3);
        CHECK(r.set_apart[1].file == "e-other.json");
        CHECK(r.set_apart[1].reason == "other_scenario");
        CHECK(r.set_apart[1].issue.path == "/scenario");
        CHECK(r.set_apart[1].issue.line == 3);  // {"format" on 2, "scenario" on 3
        CHECK(r.set_apart[2].file == "f-changed.json");
        CHECK(r.set_apart[2].reason == "other_version");
        CHECK(r.set_apart[2].issue.path == "/scenario_sha256");
        CHECK(r.set_apart[3].file == "g-extra.json");
        CHECK(r.set_apart[3].reason == "replay_failed");
        CHECK(r.set_apart[3].issue.path == "/choices/" + std::to_string(extra.choices.size() - 1));
        CHECK(r.set_apart[3].issue.line > 0);
        // The same file with its trailing newline dropped is the same version.
        std::string trimmed = text;
        while (!trimmed.empty() && trimmed.back() == '\n') trimmed.pop_back();
        CHECK(scenario::class_report(files, s, trimmed, false).trainees.size() == 3);
    }
    SECTION("the comparison column: the reform for who walked the before, the before (said so) for who walked the reform") {
        // helper scen3. Oracle: each trainee's own variant, set by hand above, and the model
        // citizen walked here with that trainee's seed on the other variant.
        REQUIRE(r.trainees.size() == 3);
        REQUIRE(s.variants.size() == 2);  // one reform: who walked it is compared with the before
        for (int i : {0, 1}) {
            INFO(r.trainees[i].file);
            CHECK(r.trainees[i].variant == before);
            CHECK(r.trainees[i].reform_variant == after);
            CHECK_FALSE(r.trainees[i].reform_is_before);
        }
        CHECK(r.trainees[0].reform.trips == model_walk(s, cal, after, 1)->result().cases.front().trips);
        const scenario::TraineeStrip& t = r.trainees[2];
        CHECK(t.file == "d-reformed.json");
        CHECK(t.variant == after);
        CHECK(t.reform_variant == before);
        CHECK(t.reform_is_before);
        CHECK(t.reform.trips == model_walk(s, cal, before, 3)->result().cases.front().trips);
        const auto j = scenario::class_json(r);
        CHECK(j["trainees"][0]["reform_side"] == "after");
        CHECK(j["trainees"][2]["reform_side"] == "before");
        const std::string md = scenario::class_markdown(r, true);
        CHECK(md.find("| 改革后 " + after + " |") != std::string::npos);
        CHECK(md.find("| 改革前 " + before + " |") != std::string::npos);
        CHECK(md.find("改革后（示范）") == std::string::npos);  // the heading no longer claims every row is the reform
    }
    SECTION("a .zip of the records reads as the records") {
        // A stored .zip written here by hand (APPNOTE 4.3: local header, central directory,
        // end record), CRC-32 from the standard's table: the same trainees as the files.
        auto le = [](std::string& out, std::uint32_t v, int bytes) {  // little-endian
            for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i) & 0xff));
        };
        std::string zip, central;
        int count = 0;
        for (const auto& f : files) {
            if (f.name != "b-careful.json" && f.name != "d-reformed.json") continue;
            const std::uint32_t crc = scenario::crc32(f.text), size = static_cast<std::uint32_t>(f.text.size());
            const std::uint32_t at = static_cast<std::uint32_t>(zip.size());
            le(zip, 0x04034b50u, 4); le(zip, 10, 2); le(zip, 0, 2); le(zip, 0, 2); le(zip, 0, 4);
            le(zip, crc, 4); le(zip, size, 4); le(zip, size, 4); le(zip, static_cast<std::uint32_t>(f.name.size()), 2); le(zip, 0, 2);
            zip += f.name + f.text;
            le(central, 0x02014b50u, 4); le(central, 10, 2); le(central, 10, 2); le(central, 0, 2); le(central, 0, 2);
            le(central, 0, 4); le(central, crc, 4); le(central, size, 4); le(central, size, 4);
            le(central, static_cast<std::uint32_t>(f.name.size()), 2); le(central, 0, 2); le(central, 0, 2);
            le(central, 0, 2); le(central, 0, 2); le(central, 0, 4); le(central, at, 4);
            central += f.name;
            ++count;
        }
        REQUIRE(count == 2);
        const std::uint32_t cd_at = static_cast<std::uint32_t>(zip.size());
        zip += central;
        le(zip, 0x06054b50u, 4); le(zip, 0, 4); le(zip, 2, 2); le(zip, 2, 2);
        le(zip, static_cast<std::uint32_t>(central.size()), 4); le(zip, cd_at, 4); le(zip, 0, 2);
        const std::vector<scenario::ClassFile> unzipped = scenario::class_files("class.zip", zip);
        REQUIRE(unzipped.size() == 2);
        const scenario::ClassReport z = scenario::class_report(unzipped, s, text, false);
        REQUIRE(z.trainees.size() == 2);
        CHECK(z.set_apart.empty());
        CHECK(z.trainees[0].file == "class.zip/b-careful.json");
        CHECK(z.trainees[0].walked.trips == r.trainees[0].walked.trips);
        CHECK(z.trainees[1].walked.rejections == r.trainees[2].walked.rejections);
        // An entry that does not unpack is set apart as unreadable, with its reason.
        std::vector<scenario::ClassFile> bad = unzipped;
        bad.push_back({"class.zip/x.json", "", "校验和不符", "CRC-32 mismatch"});
        const scenario::ClassReport b = scenario::class_report(bad, s, text, false);
        REQUIRE(b.set_apart.size() == 1);
        CHECK(b.set_apart[0].reason == "unreadable");
        CHECK(b.set_apart[0].issue.message_en == "CRC-32 mismatch");
    }
    SECTION("trainees are 学员 1…N in file order, their names only when asked") {
        REQUIRE(r.trainees.size() == 3);
        CHECK(r.trainees[0].label == "学员 1");
        CHECK(r.trainees[0].file == "b-careful.json");
        CHECK(r.trainees[1].label == "学员 2");
        CHECK(r.trainees[2].label == "学员 3");
        const scenario::ClassReport named = scenario::class_report(files, s, text, true);
        CHECK(named.trainees[0].label == "李四");
        CHECK(named.trainees[1].label == "王五");
        CHECK(named.trainees[2].label == "学员 3");  // no name in the record
        const std::string md = scenario::class_markdown(r, true);
        CHECK(md.find("王五") == std::string::npos);
        CHECK(scenario::class_markdown(named, true).find("王五") != std::string::npos);
    }
    SECTION("per step counts equal the sums over the records") {
        REQUIRE(r.trainees.size() == 3);
        // Rejections: the engine's own per-case count, summed over the trainees.
        int engine_rejections = 0, rows_rejections = 0;
        for (const auto& t : r.trainees) engine_rejections += t.walked.rejections;
        for (const auto& st : r.steps) rows_rejections += st.rejections;
        CHECK(rows_rejections == engine_rejections);
        CHECK(engine_rejections == careful->result().cases.front().rejections +
                                       forgetful->result().cases.front().rejections +
                                       reformed->result().cases.front().rejections);
        // The forgetful trainee's first window: sent back (for a missing paper) and back again,
        // one more trip for each time, all in person.
        const scenario::StepRow* w = row(r, before, first_window);
        REQUIRE(w);
        CHECK(w->reached >= 1);
        CHECK(w->sent_back >= 1);
        CHECK(w->rejections >= 1);
        CHECK(w->extra_trips == w->rejections);
        bool missing_paper = false;
        for (const auto& [why, n] : w->reasons) missing_paper = missing_paper || why.find("缺少《") == 0;
        CHECK(missing_paper);
        CHECK(w->flags.at("runs_many") == 2);
        CHECK(w->flags.at("long_queue") == 1);
        CHECK(w->notes.size() == 3);
        CHECK(w->days.min <= w->days.median);
        CHECK(w->days.median <= w->days.max);
        // The model citizen and the reform, walked by the default policy with each trainee's seed.
        auto model = model_walk(s, cal, before, 2);
        CHECK(r.trainees[1].model.trips == model->result().cases.front().trips);
        CHECK(r.trainees[1].reform_variant == after);
        auto reform = model_walk(s, cal, after, 2);
        CHECK(r.trainees[1].reform.days == reform->result().cases.front().calendar_days());
    }
    SECTION("the merged problem list: one row per step and category, with who raised or met it") {
        const scenario::ProblemRow* runs = problem(r, first_window, "runs_many");
        REQUIRE(runs);
        CHECK(runs->trainees == 2);
        CHECK(runs->notes.size() == 2);
        const scenario::ProblemRow* queue = problem(r, first_window, "long_queue");
        REQUIRE(queue);
        CHECK(queue->trainees == 1);
        CHECK(queue->notes.front() == "学员 2：排了两小时");
        const scenario::ProblemRow* rework = problem(r, first_window, "rework");
        REQUIRE(rework);
        CHECK(rework->trainees >= 1);
        CHECK(r.problems.front().trainees >= r.problems.back().trainees);  // most trainees first
        const std::string csv = scenario::class_csv(r, true);
        CHECK(csv.rfind("\xEF\xBB\xBF#,方案,环节,类别,人数,说明,责任部门,整改措施,时限,状态\r\n", 0) == 0);
        std::size_t lines = 0;
        for (char c : csv) lines += c == '\n';
        CHECK(lines == 1 + r.problems.size());
        const auto j = scenario::class_json(r);
        CHECK(j["problems"][0].contains("department"));
        CHECK(j["set_apart"].size() == 4);
    }
}

TEST_CASE("a class whose scenario cannot be found sets every record apart", "[class]") {
    const std::vector<scenario::ClassFile> files = {
        {"x.json", R"({"format": "peizou-walk/1", "scenario": "nowhere", "variant": "before", "seed": 1, "choices": []})"}};
    CHECK(scenario::class_scenario(files) == "nowhere");
    const scenario::ClassReport r = scenario::class_without_scenario(files, "nowhere");
    CHECK(r.trainees.empty());
    REQUIRE(r.set_apart.size() == 1);
    CHECK(r.set_apart[0].reason == "other_scenario");
    CHECK(r.set_apart[0].issue.line == 1);
}
