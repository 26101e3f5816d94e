// A walk: one citizen through one variant, driven by the trainee's choices.
// Fully determined by (scenario, variant, seed, choices): rewinding to decision k
// replays the first k choices on a fresh engine, so every past state can be revisited.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "engine.hpp"

namespace peizou {

// A pain point the trainee flagged (标记痛点), attached to the time and current step.
struct PainFlag {
    std::string category;  // runs_many, repeat_materials, long_queue, long_review, lost, overdue, other
    std::string note;
    Seconds time = 0;
    std::string step;      // the step the citizen was on (may be empty)
    friend bool operator==(const PainFlag&, const PainFlag&) = default;
};

struct WalkRecord {
    std::string scenario, variant;
    std::uint64_t seed = 1;
    std::vector<Choice> choices;
    std::vector<PainFlag> flags;
    std::string trainee;  // 学员姓名 (optional): who walked, for the trainer's class view
    // When the walk began: the scenario's start unless the trainer chose another date
    // (same time of day). 0 in a record that does not say (older records): the scenario's.
    Seconds start = 0;
    friend bool operator==(const WalkRecord&, const WalkRecord&) = default;
};

class Walk {
public:
    // model_citizen: the walk of the default policy (core/policy.hpp), whose visits take
    // along only the steps whose papers are in hand (EngineOptions::model_citizen).
    Walk(const Scenario& scenario, const Calendar& calendar, std::string variant, std::uint64_t seed,
         bool model_citizen = false);

    // Runs the engine until the next decision (or the end), logging every event.
    Engine::Status advance(Seconds until = INT64_MAX);
    const Decision* pending() const { return engine_->pending(); }
    bool choose(const Choice& choice, std::string* error_zh = nullptr, std::string* error_en = nullptr);
    // Back to just before decision `index` (0 = the first), forgetting later choices.
    void rewind(std::size_t index);
    void flag(PainFlag f);
    void set_trainee(std::string name) { record_.trainee = std::move(name); }

    const Engine& engine() const { return *engine_; }
    const std::vector<LogEvent>& log() const { return log_; }
    const WalkRecord& record() const { return record_; }
    bool finished() const { return engine_->status() == Engine::Status::finished; }
    const Variant& variant() const { return *variant_; }
    const Scenario& scenario() const { return scenario_; }
    // The finished walk summarised exactly as `peizou replay` prints it.
    RunResult result() const { return result_of(*engine_, scenario_, *variant_, record_.seed, 1); }

private:
    void restart();
    const Scenario& scenario_;
    Calendar calendar_;
    bool model_citizen_ = false;
    const Variant* variant_;
    WalkRecord record_;
    std::vector<LogEvent> log_;
    std::unique_ptr<Engine> engine_;
};

// `scenario` begun at `start` instead of its own start (0: unchanged): a record walked
// on another date replays on it.
Scenario started_at(const Scenario& scenario, Seconds start);

// Replays a record to its end (from the record's start when it names one); `ok` false
// (with the reason) when a choice is refused, the record ends before the walk does, or
// its start lies outside the years the calendar's holiday data covers.
struct ReplayResult {
    bool ok = false;
    std::string error_zh, error_en;
    std::size_t error_choice = 0;  // 1-based choice the error is about; 0 when none
    RunResult result;  // citizens = 1: the same shape as a Monte Carlo run
    std::vector<LogEvent> log;
};
ReplayResult replay_walk(const Scenario& scenario, const Calendar& calendar, const WalkRecord& record);

}  // namespace peizou
