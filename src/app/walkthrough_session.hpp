// The Walkthrough's commands and readable text, shared by the panels, the keyboard
// and the test API (so a click, a key and act() all do exactly the same thing).
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "app_state.hpp"
#include "core/timeline.hpp"
#include "strings.hpp"

namespace peizou::app::walkthrough {

// ---------------------------------------------------------------- commands
// Starts a walk of library entry `entry`; false (with the message set) if it cannot.
// Begins on the setup form's start date (WalkState::start_date; empty: the scenario's)
// and names the form's trainee; a date that is not real or lies outside the years the
// calendar covers is refused with a message, the form kept as typed.
bool start(AppState& state, int entry, const std::string& variant, std::int64_t seed);
// The same beginning at `at` (0: the scenario's start; the form's date follows it).
bool start(AppState& state, int entry, const std::string& variant, std::int64_t seed, Seconds at);
// The walk's trainee name (学员姓名), also the setup form's.
void set_trainee(AppState& state, const std::string& name);
// Answers the pending decision; a refused choice sets the message and changes nothing.
bool choose(AppState& state, const Choice& choice);
// Hands over the ticked materials of the checklist.
bool hand_over_checked(AppState& state);
// Option `index` of the pending decision (digits 1–9); handover: toggles a material.
bool choose_option(AppState& state, std::size_t index);
void rewind(AppState& state, std::size_t index);  // back to just before decision `index`
void rewind_one(AppState& state);                 // Backspace
void skip(AppState& state);                       // Space while the clock runs
// One frame of the clock animation (small steps; closed time jumped over).
void animate(AppState& state, double real_time);
void add_flag(AppState& state, const std::string& category, const std::string& note);
std::string record_json(const WalkSession& session);
bool import_record(AppState& state, const std::string& text);
// The variant the "walk it again" compares with: when I walked the first (before)
// variant, the first other one; else the first reform variant I did not walk, or the
// first variant when there is none. Empty when the scenario has one variant.
std::string after_variant(const Scenario& scenario, const std::string& walked);
// A model citizen (the default policy, same seed, same branch options as the trainee
// took) walks both my variant and after_variant(); false if the scenario has one variant.
bool walk_after(AppState& state);
// Whether the checklist may tag the papers this window needs: only once the clerk
// sent me back at this step, or the 帮办 desk listed them. Nothing is pre-ticked.
bool needed_known(const WalkState& w, const Decision& d);
// The SHA-256 of a library entry's file bytes ("" when unreadable).
std::string entry_sha256(const AppState& state, int entry);
void back_to_setup(AppState& state);
// 帮办/导办: is there a helper desk where I am, and what it says about the ready steps
// (which papers are still missing and where they come from). Advice only: the choice
// stays the trainee's.
bool helper_here(const WalkSession& s);
void ask_helper(AppState& state);

// ---------------------------------------------------------------- readable text
const char* S(const AppState& state, Str id);
std::string format(const char* fmt, ...);
const std::string& pick(Language language, const std::string& zh, const std::string& en);
std::string clock_text(Language language, Seconds t);      // 2025-09-30 周二 15:42
std::string short_time(Language language, Seconds t);      // 09-30 周二 15:42
std::string duration_text(Language language, const Duration& d);
std::string hours_text(double hours);
std::string step_name(const WalkSession& s, Language language, std::int32_t step);
std::string step_name(const WalkSession& s, Language language, const std::string& step_id);
std::string department_name(const WalkSession& s, Language language, std::int32_t department);
std::string place_name(const WalkSession& s, Language language, std::int32_t place);
std::string material_name(const WalkSession& s, Language language, const std::string& id);
std::string event_line(const WalkSession& s, Language language, const LogEvent& e);
// The log as shown: engine events plus the weekends and holidays the clock crossed.
struct LogLine {
    Seconds time = 0;
    std::string text;
    int kind = 0;  // 0 event, 1 rejection, 2 calendar gap, 3 finish
};
std::vector<LogLine> log_lines(const WalkSession& s, Language language);
// The question and the label of each option of a decision.
std::string decision_question(const WalkSession& s, Language language, const Decision& d);
std::string option_label(const WalkSession& s, Language language, const Decision& d, const std::string& option);
std::string choice_label(const WalkSession& s, Language language, const Decision& d, const Choice& c);
std::string where_text(const WalkSession& s, Language language);
std::vector<LogLine> clerk_lines(const WalkSession& s, Language language);  // kind 1 = rejection
std::string jump_text(const AppState& state);
std::string jump_text(Language language, const ClockJump& jump);

// ---------------------------------------------------------------- route map
struct Routes {
    std::vector<int> trips;                   // per place: trips from home
    std::map<std::pair<int, int>, int> hops;  // hall -> hall without going home
};
Routes routes(const WalkSession& s);          // from the walk's log (walkthrough_map.cpp)

// ---------------------------------------------------------------- debrief
// The walk's timeline (core/timeline.hpp): the one reading of its log.
Timeline timeline(const WalkSession& s);
struct StepCost {
    std::int32_t step = -1;
    Seconds first = 0, done = 0;      // first contact .. completion (elapsed)
    Seconds citizen = 0;              // the citizen's own time attributed to the step
    int rejections = 0;
    std::vector<const PainFlag*> flags;
};
std::vector<StepCost> step_costs(const WalkSession& s);  // most elapsed first
std::string problems_markdown(const AppState& state);
std::string problems_csv(const AppState& state);
const char* category_key(int index);
Str category_label(int index);
constexpr int kCategoryCount = 7;
int category_index(const std::string& key);

}  // namespace peizou::app::walkthrough
