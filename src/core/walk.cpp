#include "walk.hpp"
#include "diagnostics.hpp"

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
        set_error(r, render_text(Diag::replay_start_uncovered));
        return r;
    }
    const Scenario copy = moved ? started_at(given, record.start) : Scenario{};
    const Scenario& scenario = moved ? copy : given;
    const Variant* v = scenario.variant(record.variant);
    if (!v) {
        set_error(r, render_text(Diag::replay_no_variant, {record.variant}));
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
            set_error(r, render_text(Diag::replay_record_short, {std::to_string(next + 1)}));
            r.error_choice = next + 1;
            return r;
        }
        std::string zh, en;
        if (!engine.answer(record.choices[next], &zh, &en)) {
            set_error(r, render_text(Diag::replay_choice_refused,
                                     {std::to_string(next + 1), DiagArg::per_language(zh, en)}));
            r.error_choice = next + 1;
            return r;
        }
        ++next;
    }
    if (next < record.choices.size()) {  // a record is replayed whole or refused
        const std::string extra = std::to_string(record.choices.size() - next);
        set_error(r, render_text(Diag::replay_record_long, {std::to_string(next), extra}));
        r.error_choice = next + 1;
        return r;
    }
    if (engine.cases().empty()) {
        set_error(r, render_text(Diag::replay_unfinished,
                                 {engine.stuck_reasons().empty() ? std::string() : engine.stuck_reasons().front()}));
        return r;
    }
    r.ok = true;
    r.result = result_of(engine, scenario, *v, record.seed, 1);
    return r;
}

}  // namespace peizou
