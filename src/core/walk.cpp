#include "walk.hpp"

namespace peizou {

Walk::Walk(const Scenario& scenario, const Calendar& calendar, std::string variant, std::uint64_t seed,
           bool model_citizen)
    : scenario_(scenario), calendar_(calendar), model_citizen_(model_citizen) {
    record_.scenario = scenario.id;
    record_.variant = std::move(variant);
    record_.seed = seed;
    variant_ = scenario.variant(record_.variant);
    if (!variant_) variant_ = &scenario.variants.front();
    record_.variant = variant_->id;
    record_.start = scenario.start;
    restart();
}

void Walk::restart() {
    log_.clear();
    EngineOptions o;
    o.seed = record_.seed;
    o.interactive = true;
    o.model_citizen = model_citizen_;
    o.sink = [this](const LogEvent& e) { log_.push_back(e); };
    engine_ = std::make_unique<Engine>(scenario_, *variant_, calendar_, o);
}

Engine::Status Walk::advance(Seconds until) { return engine_->run(INT64_MAX, until); }

bool Walk::choose(const Choice& choice, std::string* zh, std::string* en) {
    if (!engine_->answer(choice, zh, en)) return false;
    record_.choices.push_back(choice);
    return true;
}

void Walk::rewind(std::size_t index) {
    std::vector<Choice> keep(record_.choices.begin(),
                             record_.choices.begin() + static_cast<std::ptrdiff_t>(std::min(index, record_.choices.size())));
    record_.choices.clear();
    restart();
    for (const Choice& c : keep) {
        engine_->run();
        if (!engine_->answer(c)) break;  // cannot happen: the same inputs give the same decisions
        record_.choices.push_back(c);
    }
    engine_->run();
}

void Walk::flag(PainFlag f) { record_.flags.push_back(std::move(f)); }

Scenario started_at(const Scenario& scenario, Seconds start) {
    Scenario s = scenario;
    if (start != 0) s.start = start;
    return s;
}

ReplayResult replay_walk(const Scenario& given, const Calendar& calendar, const WalkRecord& record) {
    ReplayResult r;
    const bool moved = record.start != 0 && record.start != given.start;
    if (moved && !calendar.covers(day_of(record.start))) {
        r.error_zh = "记录的开始日期不在日历的节假日数据所覆盖的年份内";
        r.error_en = "the record's start date lies outside the years the calendar's holiday data covers";
        return r;
    }
    const Scenario copy = moved ? started_at(given, record.start) : Scenario{};
    const Scenario& scenario = moved ? copy : given;
    const Variant* v = scenario.variant(record.variant);
    if (!v) {
        r.error_zh = "场景中没有方案 " + record.variant;
        r.error_en = "no variant " + record.variant + " in the scenario";
        return r;
    }
    EngineOptions o;
    o.seed = record.seed;
    o.interactive = true;
    o.sink = [&r](const LogEvent& e) { r.log.push_back(e); };
    Engine engine(scenario, *v, calendar, o);
    std::size_t next = 0;
    while (engine.run() == Engine::Status::decision) {
        if (next >= record.choices.size()) {
            r.error_zh = "记录在第 " + std::to_string(next + 1) + " 个选择处结束，流程尚未办完";
            r.error_en = "the record ends at choice " + std::to_string(next + 1) + " before the walk does";
            r.error_choice = next + 1;
            return r;
        }
        std::string zh, en;
        if (!engine.answer(record.choices[next], &zh, &en)) {
            r.error_zh = "第 " + std::to_string(next + 1) + " 个选择无效：" + zh;
            r.error_en = "choice " + std::to_string(next + 1) + " is refused: " + en;
            r.error_choice = next + 1;
            return r;
        }
        ++next;
    }
    if (next < record.choices.size()) {  // a record is replayed whole or refused
        const std::string extra = std::to_string(record.choices.size() - next);
        r.error_zh = "流程在第 " + std::to_string(next) + " 个选择后已结束，记录却还有 " + extra + " 个选择";
        r.error_en = "the walk ends after choice " + std::to_string(next) + " but the record has " + extra +
                     " more choices";
        r.error_choice = next + 1;
        return r;
    }
    if (engine.cases().empty()) {
        r.error_zh = "未能办结：" + (engine.stuck_reasons().empty() ? std::string() : engine.stuck_reasons().front());
        r.error_en = "the walk did not finish";
        return r;
    }
    r.ok = true;
    r.result = result_of(engine, scenario, *v, record.seed, 1);
    return r;
}

}  // namespace peizou
