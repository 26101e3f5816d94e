// The walk state machine behind the Walkthrough screen (issue 5): every decision the
// engine offers is answerable, rewinding and choosing the same gives the same future,
// an invalid choice is refused with a message (and changes nothing), and the exported
// record replays to exactly the walk's result (what `peizou replay` prints).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/walk.hpp"
#include "scenario/run_report.hpp"
#include "scenario/scenario_io.hpp"
#include "scenario/walk_io.hpp"

using namespace peizou;

namespace {

Scenario load_builtin(const std::string& name) {
    const std::filesystem::path path = std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / name;
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    scenario::LoadResult r = scenario::load_scenario(ss.str(), name);
    REQUIRE(r.ok);
    return r.scenario;
}

std::vector<std::string> builtin_files() {
    std::vector<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios"))
        if (e.path().extension() == ".json") files.push_back(e.path().filename().string());
    std::sort(files.begin(), files.end());
    return files;
}

bool holds(const Walk& w, const std::string& m) {
    const auto held = w.engine().citizen_view(0).held;
    return std::find(held.begin(), held.end(), m) != held.end();
}

// A varied but purposeful trainee: option `turn % n` among the steps whose papers are
// in hand (else wait or go home), online when offered on odd turns, hands over what
// the window needs.
Choice trainee(const Walk& w, const Decision& d, int turn) {
    Choice c;
    c.kind = d.kind;
    switch (d.kind) {
    case DecisionKind::handover:
        for (const auto& m : d.needed)
            if (holds(w, m)) c.materials.push_back(m);
        break;
    case DecisionKind::channel: c.value = d.options[static_cast<std::size_t>(turn) % d.options.size()]; break;
    case DecisionKind::branch: c.value = d.options[static_cast<std::size_t>(turn) % d.options.size()]; break;
    case DecisionKind::next_step: {
        std::vector<std::string> ready;
        for (const auto& o : d.options) {
            if (o == "wait" || o == "home") continue;
            bool ok = true;
            for (const auto& st : w.variant().steps)
                if (st.id == o)
                    for (const auto& m : st.needs) {
                        const Material* mm = w.scenario().material(m);
                        const auto sub = w.engine().citizen_view(0).submitted;
                        const bool shared_done = mm && mm->shared && std::find(sub.begin(), sub.end(), m) != sub.end();
                        ok = ok && (holds(w, m) || shared_done || (mm && !mm->essential));
                    }
            if (ok) ready.push_back(o);
        }
        if (!ready.empty()) c.value = ready[static_cast<std::size_t>(turn) % ready.size()];
        else if (std::find(d.options.begin(), d.options.end(), "wait") != d.options.end()) c.value = "wait";
        else if (std::find(d.options.begin(), d.options.end(), "home") != d.options.end()) c.value = "home";
        else c.value = d.options[static_cast<std::size_t>(turn) % d.options.size()];
        break;
    }
    }
    return c;
}

// Walks to the end with the trainee above; returns the number of decisions.
int walk_to_end(Walk& w, int limit = 400) {
    int turn = 0;
    while (w.advance() == Engine::Status::decision && turn < limit) {
        const Decision d = *w.pending();
        std::string zh, en;
        const Choice c = trainee(w, d, turn);
        INFO("decision " << turn << " kind " << to_string(d.kind) << " value " << c.value);
        REQUIRE(w.choose(c, &zh, &en));
        ++turn;
    }
    return turn;
}

// Answers decisions other than next_step (a branch asked at the start) with their
// first option, up to the first next_step decision.
void to_next_step(Walk& w) {
    while (w.advance() == Engine::Status::decision && w.pending()->kind != DecisionKind::next_step) {
        Choice c;
        c.kind = w.pending()->kind;
        c.value = w.pending()->options.front();
        REQUIRE(w.choose(c));
    }
    REQUIRE(w.pending());
}

std::vector<std::string> log_text(const Walk& w) {
    std::vector<std::string> out;
    for (const auto& e : w.log()) out.push_back(format_log_event(e));
    return out;
}

}  // namespace

TEST_CASE("every built-in scenario and variant can be walked to the end by choices alone", "[walk]") {
    for (const auto& file : builtin_files()) {
        const Scenario s = load_builtin(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const auto& v : s.variants) {
            INFO(file << " / " << v.id);
            Walk w(s, cal, v.id, 11);
            walk_to_end(w);
            CHECK(w.finished());
            CHECK(w.engine().citizen_view(0).finished);
            CHECK(w.result().cases.size() == 1);
        }
    }
}

TEST_CASE("every option of every decision the walk offers is accepted", "[walk]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 3);
    const int decisions = walk_to_end(w);
    REQUIRE(w.finished());
    const std::vector<Choice> record = w.record().choices;
    REQUIRE(static_cast<int>(record.size()) == decisions);
    int tried = 0;
    for (std::size_t k = 0; k < record.size() && k < 24; ++k) {
        w.rewind(k);
        REQUIRE(w.pending());
        const Decision d = *w.pending();
        REQUIRE(!d.options.empty());
        if (d.kind == DecisionKind::handover) {
            // Any subset of the held papers is a valid answer (nothing, everything).
            for (const std::vector<std::string>& subset : {std::vector<std::string>{}, d.options}) {
                w.rewind(k);
                Choice c;
                c.kind = d.kind;
                c.materials = subset;
                CHECK(w.choose(c));
                ++tried;
            }
            continue;
        }
        for (const auto& option : d.options) {
            w.rewind(k);
            Choice c;
            c.kind = d.kind;
            c.value = option;
            std::string zh, en;
            INFO("decision " << k << " " << to_string(d.kind) << " option " << option);
            CHECK(w.choose(c, &zh, &en));
            CHECK(zh.empty());
            // And the walk goes on from there (to a decision or the end).
            CHECK(w.advance() != Engine::Status::running);
            ++tried;
        }
    }
    CHECK(tried > 10);
}

TEST_CASE("rewinding and choosing the same again gives the same future", "[walk]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 5);
    walk_to_end(w);
    REQUIRE(w.finished());
    const std::vector<std::string> log = log_text(w);
    const std::string result = scenario::run_json(w.result()).dump();
    const std::vector<Choice> choices = w.record().choices;
    REQUIRE(choices.size() >= 4);
    for (std::size_t k : {std::size_t{0}, choices.size() / 2, choices.size() - 1}) {
        w.rewind(k);
        REQUIRE(w.record().choices.size() == k);
        REQUIRE(w.pending());
        for (std::size_t i = k; i < choices.size(); ++i) {
            REQUIRE(w.advance() == Engine::Status::decision);
            REQUIRE(w.choose(choices[i]));
        }
        w.advance();
        CHECK(w.finished());
        CHECK(log_text(w) == log);
        CHECK(scenario::run_json(w.result()).dump() == result);
    }
    // A different choice after rewinding gives a different walk (the rewind is real).
    w.rewind(0);
    const Decision first = *w.pending();
    bool changed = false;
    for (const auto& option : first.options) {
        if (option == choices[0].value) continue;
        w.rewind(0);
        Choice c = choices[0];
        c.value = option;
        REQUIRE(w.choose(c));
        walk_to_end(w);
        changed = changed || log_text(w) != log;
    }
    if (first.options.size() > 1) CHECK(changed);
}

TEST_CASE("an invalid choice is refused with a message and changes nothing", "[walk]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 2);
    to_next_step(w);
    const Decision d = *w.pending();
    const std::size_t choices_before = w.record().choices.size();
    REQUIRE(d.kind == DecisionKind::next_step);
    const Seconds now = w.engine().now();
    const std::size_t log_size = w.log().size();
    std::string zh, en;

    Choice unknown;
    unknown.kind = DecisionKind::next_step;
    unknown.value = "no_such_step";
    CHECK_FALSE(w.choose(unknown, &zh, &en));
    CHECK_FALSE(zh.empty());
    CHECK_FALSE(en.empty());

    Choice wrong_kind;
    wrong_kind.kind = DecisionKind::branch;
    wrong_kind.value = d.options.front();
    zh.clear();
    CHECK_FALSE(w.choose(wrong_kind, &zh, &en));
    CHECK_FALSE(zh.empty());

    // Nothing moved: same decision, same time, no choice recorded, no event logged.
    REQUIRE(w.pending());
    CHECK(w.pending()->options == d.options);
    CHECK(w.engine().now() == now);
    CHECK(w.record().choices.size() == choices_before);
    CHECK(w.log().size() == log_size);

    // At the window: a paper I do not hold is refused.
    Choice go;
    go.kind = DecisionKind::next_step;
    go.value = "notice_apply";
    REQUIRE(w.choose(go));
    while (w.advance() == Engine::Status::decision && w.pending()->kind != DecisionKind::handover) {
        Choice c;
        c.kind = w.pending()->kind;
        c.value = c.kind == DecisionKind::channel ? "in_person" : w.pending()->options.front();
        REQUIRE(w.choose(c));
    }
    REQUIRE(w.pending());
    REQUIRE(w.pending()->kind == DecisionKind::handover);
    Choice forged;
    forged.kind = DecisionKind::handover;
    forged.materials = {"tax_clearance"};  // not obtained yet
    zh.clear();
    CHECK_FALSE(w.choose(forged, &zh, &en));
    CHECK(zh.find("tax_clearance") != std::string::npos);
    REQUIRE(w.pending());
    CHECK(w.pending()->kind == DecisionKind::handover);
    // With no decision pending, choosing is refused too.
    Choice all;
    all.kind = DecisionKind::handover;
    all.materials = w.pending()->options;
    REQUIRE(w.choose(all));
    zh.clear();
    CHECK_FALSE(w.choose(all, &zh, &en));
    CHECK_FALSE(zh.empty());
}

TEST_CASE("leaving a needed paper out at the window is a rejection with the reason", "[walk]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 4);
    to_next_step(w);
    Choice go;
    go.kind = DecisionKind::next_step;
    go.value = "notice_apply";
    REQUIRE(w.choose(go));
    while (w.advance() == Engine::Status::decision && w.pending()->kind != DecisionKind::handover) {
        Choice c;
        c.kind = w.pending()->kind;
        c.value = c.kind == DecisionKind::channel ? "in_person" : w.pending()->options.front();
        REQUIRE(w.choose(c));
    }
    REQUIRE(w.pending());
    const Decision d = *w.pending();
    REQUIRE(std::find(d.needed.begin(), d.needed.end(), "commitment_letter") != d.needed.end());
    Choice hand;
    hand.kind = DecisionKind::handover;
    for (const auto& m : d.needed)
        if (m != "commitment_letter") hand.materials.push_back(m);
    const int trips_before = w.engine().citizen_view(0).so_far.trips;
    REQUIRE(w.choose(hand));
    w.advance();
    const auto& log = w.log();
    auto rejected = std::find_if(log.begin(), log.end(), [](const LogEvent& e) { return e.activity == Activity::rejected; });
    REQUIRE(rejected != log.end());
    CHECK(rejected->detail == "缺少《全体投资人承诺书》，请补正后再来");
    CHECK(w.engine().citizen_view(0).so_far.rejections == 1);
    // Another trip is needed: the next visit counts a new 跑动.
    walk_to_end(w);
    REQUIRE(w.finished());
    CHECK(w.result().cases.front().trips > trips_before + 1);
}

TEST_CASE("the exported record replays to the walk's result, flags and all", "[walk]") {
    for (const char* file : {"company-deregistration.json", "medical-device-advert.json"}) {
        const Scenario s = load_builtin(file);
        const Calendar cal = scenario::scenario_calendar(s);
        for (const auto& v : s.variants) {
            INFO(file << " / " << v.id);
            Walk w(s, cal, v.id, 42);
            w.advance();
            w.flag(PainFlag{"long_queue", "排队太久了，取号后等了一个小时", w.engine().now(), ""});
            walk_to_end(w);
            REQUIRE(w.finished());
            w.flag(PainFlag{"runs_many", "跑了好几趟 \"quoted\"", w.engine().now(), v.steps.front().id});
            const std::string text = scenario::save_walk(w.record());
            const scenario::WalkLoad load = scenario::load_walk(text);
            REQUIRE(load.ok);
            CHECK(load.record == w.record());
            const ReplayResult r = replay_walk(s, cal, load.record);
            REQUIRE(r.ok);
            CHECK(scenario::run_json(r.result).dump() == scenario::run_json(w.result()).dump());
            CHECK(r.log.size() == w.log().size());
        }
    }
}

TEST_CASE("a record keeps its scenario file's SHA-256 and a changed file is warned about", "[walk]") {
    const std::filesystem::path path = std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / "company-deregistration.json";
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 42);
    walk_to_end(w);
    const std::string sha = scenario::scenario_sha256(text);
    REQUIRE(sha.size() == 64);
    CHECK(scenario::scenario_sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    const std::string saved = scenario::save_walk(w.record(), sha);
    CHECK(saved.find("\"scenario_sha256\": \"" + sha + "\"") != std::string::npos);
    const scenario::WalkLoad load = scenario::load_walk(saved);
    REQUIRE(load.ok);
    CHECK(load.scenario_sha256 == sha);
    CHECK(load.record == w.record());

    SECTION("the same file: no warning") {
        scenario::Issue warning;
        CHECK_FALSE(scenario::scenario_mismatch(load, text, &warning));
    }
    SECTION("one byte changed: a warning in Chinese and English naming both fingerprints") {
        std::string changed = text;
        changed.insert(changed.rfind('}'), " ");
        scenario::Issue warning;
        REQUIRE(scenario::scenario_mismatch(load, changed, &warning));
        CHECK(warning.warning);
        CHECK(warning.path == "/scenario_sha256");
        CHECK(warning.message_zh.find(sha.substr(0, 12)) != std::string::npos);
        CHECK(warning.message_zh.find(scenario::scenario_sha256(changed).substr(0, 12)) != std::string::npos);
        CHECK(warning.message_zh.find("另一份场景文件") != std::string::npos);
        CHECK(warning.message_en.find("different scenario file") != std::string::npos);
        // Located at the record's fingerprint value: its line and column counted here by hand.
        const scenario::Issue at = scenario::locate_walk_issue(saved, warning);
        const std::size_t value = saved.find('"', saved.find(':', saved.find("\"scenario_sha256\"")));
        const std::string before_value = saved.substr(0, value);
        const auto newlines = std::count(before_value.begin(), before_value.end(), '\n');
        CHECK(at.line == static_cast<int>(newlines) + 1);
        CHECK(at.column == static_cast<int>(value - (before_value.rfind('\n') + 1)) + 1);
        // It still replays: a warning, not a refusal.
        CHECK(replay_walk(s, cal, load.record).ok);
    }
    SECTION("an older record without a hash: no warning") {
        const scenario::WalkLoad old = scenario::load_walk(scenario::save_walk(w.record()));
        REQUIRE(old.ok);
        CHECK(old.scenario_sha256.empty());
        CHECK_FALSE(scenario::scenario_mismatch(old, text + "x"));
    }
    SECTION("a malformed hash is an issue with its path") {
        std::string bad = saved;
        bad.replace(bad.find(sha), 64, "not-a-hash");
        const scenario::WalkLoad l = scenario::load_walk(bad);
        CHECK_FALSE(l.ok);
        REQUIRE_FALSE(l.issues.empty());
        CHECK(l.issues.front().path == "/scenario_sha256");
    }
}

TEST_CASE("walk records are read as strictly as scenarios, with line:column", "[walk][reading]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    Walk w(s, cal, "before", 42);
    walk_to_end(w);
    REQUIRE(w.finished());
    w.flag(PainFlag{"long_queue", "排队", make_time({2025, 2, 28}, 10, 0, 0), ""});
    const std::string saved = scenario::save_walk(w.record());
    REQUIRE(scenario::load_walk(saved).ok);
    // save_walk writes 2-space JSON: "format" is on line 2, column 3.
    auto edited = [&](const std::string& from, const std::string& to) {
        std::string text = saved;
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        return text.replace(at, from.size(), to);
    };
    auto position = [](const std::string& text, const std::string& needle) {
        const auto at = text.find(needle);
        REQUIRE(at != std::string::npos);
        const auto line_start = text.rfind('\n', at) + 1;  // ASCII before: bytes = characters
        return std::to_string(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n') + 1) + ":" +
               std::to_string(at - line_start + 1);
    };
    auto only_issue = [](const std::string& text) {
        const scenario::WalkLoad l = scenario::load_walk(text);
        CHECK_FALSE(l.ok);
        REQUIRE(l.issues.size() == 1);
        return l.issues.front();
    };
    SECTION("a repeated key is an error at its second occurrence") {
        const std::string text = edited("\"variant\": \"before\",", "\"variant\": \"before\", \"variant\": \"after\",");
        const scenario::Issue i = only_issue(text);
        CHECK(i.path == "/variant");
        CHECK(i.message_en.find("appears more than once") != std::string::npos);
        CHECK(std::to_string(i.line) + ":" + std::to_string(i.column) == position(text, "\"variant\": \"after\""));
    }
    SECTION("an unknown field is an error at its key") {
        const std::string text = edited("\"seed\": 42,", "\"seed\": 42, \"sede\": 1,");
        const scenario::Issue i = only_issue(text);
        CHECK(i.path == "/sede");
        CHECK(std::to_string(i.line) + ":" + std::to_string(i.column) == position(text, "\"sede\""));
    }
    SECTION("an impossible date is an error; 29 February only in leap years") {
        const std::string text = edited("2025-02-28T10:00:00", "2025-02-31T10:00:00");
        const scenario::Issue i = only_issue(text);
        CHECK(i.path == "/flags/0/time");
        CHECK(std::to_string(i.line) + ":" + std::to_string(i.column) == position(text, "\"2025-02-31"));
        only_issue(edited("2025-02-28T10:00:00", "2025-02-29T10:00:00"));
        only_issue(edited("2025-02-28T10:00:00", "2025-02-28T24:00:00"));
        only_issue(edited("2025-02-28T10:00:00", "2025-02-28T10:00:00Z"));
        only_issue(edited("2025-02-28T10:00:00", "+2025-2-28T10:00:00"));
        CHECK(scenario::load_walk(edited("2025-02-28T10:00:00", "2024-02-29T10:00:00")).ok);
    }
    SECTION("choices left after the walk has ended are refused, naming the first") {
        WalkRecord r = w.record();
        const std::size_t used = r.choices.size();
        REQUIRE(used > 0);
        r.choices.push_back(r.choices.front());
        const ReplayResult replay = replay_walk(s, cal, r);
        CHECK_FALSE(replay.ok);
        CHECK(replay.error_choice == used + 1);
        CHECK(replay.error_en.find("1 more choices") != std::string::npos);
        CHECK(replay_walk(s, cal, w.record()).ok);
        // replay's message points at that choice in the file
        const std::string text = scenario::save_walk(r);
        scenario::Issue at;
        at.path = "/choices/" + std::to_string(used);
        at = scenario::locate_walk_issue(text, at);
        CHECK(at.line > 0);
    }
    SECTION("the scenario-changed check ignores trailing whitespace alone") {
        const std::filesystem::path path = std::filesystem::path(PEIZOU_SOURCE_DIR) / "scenarios" / "company-deregistration.json";
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        REQUIRE(text.back() == '\n');
        const scenario::WalkLoad load = scenario::load_walk(scenario::save_walk(w.record(), scenario::scenario_sha256(text)));
        REQUIRE(load.ok);
        std::string trimmed = text;
        trimmed.pop_back();
        CHECK_FALSE(scenario::scenario_mismatch(load, trimmed));
        CHECK_FALSE(scenario::scenario_mismatch(load, text + "\n\n  "));
        CHECK_FALSE(scenario::scenario_mismatch(load, trimmed + "\r\n"));
        CHECK(scenario::scenario_mismatch(load, " " + text));
        // and the other way round: made on a file without the final newline
        const scenario::WalkLoad bare = scenario::load_walk(scenario::save_walk(w.record(), scenario::scenario_sha256(trimmed)));
        CHECK_FALSE(scenario::scenario_mismatch(bare, text));
    }
    SECTION("a syntax error is located and its Chinese half is Chinese") {
        const scenario::Issue i = only_issue(edited("\"seed\": 42,", "\"seed\": 42"));
        CHECK(i.line > 1);
        CHECK(i.message_en.rfind("JSON syntax error", 0) == 0);
        CHECK(i.message_zh.find("应为") != std::string::npos);
    }
}
