// The service-process model: plain structs, no behaviour beyond small helpers.
// src/scenario reads and writes it as JSON; src/core/engine runs it;
// src/core/levers transforms one variant into another.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calendar.hpp"

namespace peizou {

// ---------------------------------------------------------------- durations
enum class DistKind { fixed, uniform, triangular, exponential, normal, lognormal, empirical };
enum class TimeUnit { minutes, hours, working_days, calendar_days };

// Parameters by kind (all in `unit`):
//   fixed: value            uniform: low, high        triangular: low, mode, high
//   exponential: mean       normal: mean, sd (truncated at 0)
//   lognormal: mean, sd (of the value itself)         empirical: values + weights
struct Duration {
    DistKind dist = DistKind::fixed;
    TimeUnit unit = TimeUnit::minutes;
    double value = 0, low = 0, mode = 0, high = 0, mean = 0, sd = 0;
    std::vector<double> values, weights;
    friend bool operator==(const Duration&, const Duration&) = default;

    static Duration minutes(double v) { Duration d; d.value = v; return d; }
    static Duration working_days(double v) {
        Duration d; d.value = v; d.unit = TimeUnit::working_days; return d;
    }
    double typical() const;  // the mean of the distribution, in `unit`
};

// ---------------------------------------------------------------- places, departments
struct Place {
    std::string id;                 // "home" is the citizen's home/company and must exist
    std::string name, name_en;
    double travel_minutes = 0;      // one way from home (0 for home)
    friend bool operator==(const Place&, const Place&) = default;
};

// Background citizens arriving per hour; `by_hour` (24 entries) overrides `per_hour`
// for the hours it gives (a zero means none that hour).
struct ArrivalRate {
    double per_hour = 0;
    std::vector<double> by_hour;
    bool by_hour_given() const { return by_hour.size() == 24; }
    double at_hour(int hour) const {
        return by_hour_given() ? by_hour[static_cast<std::size_t>(hour)] : per_hour;
    }
    friend bool operator==(const ArrivalRate&, const ArrivalRate&) = default;
};

struct Department {
    std::string id, name, name_en;
    std::string place;                 // place id of its hall
    int windows = 1;                   // parallel clerks; 0 = no window (online only)
    bool online = false;               // has an online channel (一网通办 portal)
    bool helper_desk = false;          // 帮办/导办 desk in its hall
    ArrivalRate background;            // other citizens joining the same queue
    Duration background_service = Duration::minutes(10);
    std::optional<OfficeHours> hours;  // default: the scenario's office hours
    friend bool operator==(const Department&, const Department&) = default;
};

struct Material {
    std::string id, name, name_en;
    bool held_at_start = false;        // the citizen has it at home at the start
    bool essential = true;             // false: 容缺受理 may accept without it
    bool shared = false;               // 数据共享: once submitted, never asked again
    std::string obtain_hint;           // where it comes from ("向税务局申请")
    // The public guide (办事指南) lists it: citizens bring it unasked. false: they learn that
    // it is needed only when a clerk names it (one at a time, or all at once: 一次性告知).
    bool in_guide = true;
    friend bool operator==(const Material&, const Material&) = default;
};

// ---------------------------------------------------------------- steps and branches
enum class StepKind { window, online, review, inspection, payment, collect, mail };

// Where a drawing put a step's box (its top left, e.g. a BPMN diagram's bpmndi bounds).
struct DiagramAt {
    int x = 0, y = 0;
    friend bool operator==(const DiagramAt&, const DiagramAt&) = default;
};

struct Step {
    std::string id, name, name_en;
    StepKind kind = StepKind::window;
    std::string department;            // who does the work (and reviews)
    std::string reception;             // where the citizen is received; empty = department
    Duration service = Duration::minutes(15);   // at the window / handling online
    Duration review;                   // back-office time after acceptance (0 = none)
    std::vector<std::string> needs;    // material ids handed over
    std::vector<std::string> produces; // material ids issued when the step completes
    std::vector<std::string> after;    // step ids that must complete first (DAG)
    double rework_probability = 0;     // clerk rejects a complete submission: 补正
    std::string rework_reason;
    bool online_allowed = false;       // citizen may choose online for a window step
    int legal_limit_days = 0;          // 法定时限, working days after acceptance (0 = none)
    int promised_limit_days = 0;       // 承诺时限
    double fee_yuan = 0;
    bool blocks_successors = true;     // false after 边建设边办理
    bool agent = false;                // 帮办代办: an agent makes the trips
    // Presentation: pause here in autoplay, and the caption to show.
    bool presenter_pause = false;
    std::string caption;
    // 一次性告知: a rejection names every missing essential material at once. false: only
    // the first (the citizen learns of the next one at the next visit).
    bool tells_all_missing = false;
    // Presentation only, never simulated: the Editor's graph and `export --format bpmn`
    // follow these positions when every step of the variant has one.
    std::optional<DiagramAt> diagram;
    friend bool operator==(const Step&, const Step&) = default;
};

struct BranchOption {
    std::string id, label, label_en;
    double probability = 0;
    std::vector<std::string> steps;    // steps that run only when this option is taken
    friend bool operator==(const BranchOption&, const BranchOption&) = default;
};

enum class Chooser { citizen, chance };

// An exclusive choice, decided once all `after` steps have completed.
struct Branch {
    std::string id, question, question_en;
    Chooser chooser = Chooser::chance;
    std::vector<std::string> after;
    std::vector<BranchOption> options;
    friend bool operator==(const Branch&, const Branch&) = default;
};

// ---------------------------------------------------------------- levers and variants
enum class LeverKind {
    parallel,              // 串联改并联: steps; drop dependencies among them
    single_window,         // 一窗受理: departments received at `window_department`
    online,                // 一网通办: steps (empty = all window steps) become online
    share_materials,       // 只提交一次/数据共享: materials (empty = all)
    accept_missing,        // 容缺受理: materials become non-essential
    agent,                 // 帮办代办: steps (empty = all window steps) done by an agent
    no_application,        // 免申即享: application steps removed, checked from data
    commitment,            // 告知承诺制: materials replaced by a signed commitment
    compress_time,         // 压缩时限: review times and promised limits × factor (steps or all)
    build_while_approving, // 边建设边办理: steps no longer block their successors
    tell_all_at_once,      // 一次性告知: steps (empty = all) name every missing material at once
    pre_check,             // 材料预审: steps' rework probability × factor (papers checked before submission)
};

struct Lever {
    LeverKind kind = LeverKind::parallel;
    std::vector<std::string> steps;
    std::vector<std::string> materials;
    std::vector<std::string> departments;
    std::string window_department;     // single_window: id of the comprehensive window
    std::string window_name;           // single_window: its name when it is new
    int windows = 0;                   // single_window: window count (0 = sum of merged)
    double factor = 1;                 // compress_time; pre_check (share of rejections left)
    std::string note;                  // free text shown in the change list
    friend bool operator==(const Lever&, const Lever&) = default;
};

struct Variant {
    std::string id, title, title_en;
    std::string from;                  // derived from this variant by `levers`; empty = written out
    std::vector<Lever> levers;
    std::vector<Step> steps;           // for a derived variant: filled in by apply_levers
    std::vector<Branch> branches;
    std::vector<Department> extra_departments;  // created by levers (comprehensive window)
    // Material overrides set by levers (the scenario's materials stay as written);
    // variant_materials() in levers.hpp applies them.
    std::vector<std::string> shared_materials;       // 数据共享: treated as shared
    std::vector<std::string> nonessential_materials; // 容缺受理: treated as non-essential
    std::vector<std::string> granted_materials;      // 免申即享: held from the start
    std::vector<std::string> changes;  // change list recorded by levers (Chinese)
    std::vector<std::string> changes_en;
    friend bool operator==(const Variant&, const Variant&) = default;
};

struct Source {
    std::string seed;                  // file name under shared/seeds, or empty
    std::string citation;              // title / URL / notice of a public source
    std::string says;                  // what it says that this scenario uses
    friend bool operator==(const Source&, const Source&) = default;
};

struct Scenario {
    std::string id, title, title_en, summary, summary_en;
    bool illustrative = false;         // not described by a source; assumptions listed
    std::vector<std::string> assumptions;
    std::vector<Source> sources;
    Seconds start = 0;                 // local wall-clock seconds since 1970-01-01
    CalendarMode calendar_mode = CalendarMode::working_days;
    OfficeHours office_hours = standard_office_hours();
    double arrivals_per_working_day = 10;  // this process's citizens (Monte Carlo)
    int promised_trips = -1;           // 承诺到办事现场次数 (a guide's limit_scene_num); -1 = not stated
    std::vector<Place> places;
    std::vector<Department> departments;
    std::vector<Material> materials;
    std::vector<Variant> variants;     // "before" first, then the "after" variants
    friend bool operator==(const Scenario&, const Scenario&) = default;

    const Variant* variant(const std::string& id) const;
    const Department* department(const std::string& id) const;
    const Material* material(const std::string& id) const;
    const Place* place(const std::string& id) const;
};

const char* to_string(DistKind);
const char* to_string(TimeUnit);
const char* to_string(StepKind);
const char* to_string(LeverKind);
const char* to_string(Chooser);
const char* to_string(CalendarMode);
bool parse_enum(const std::string& s, DistKind& out);
bool parse_enum(const std::string& s, TimeUnit& out);
bool parse_enum(const std::string& s, StepKind& out);
bool parse_enum(const std::string& s, LeverKind& out);
bool parse_enum(const std::string& s, Chooser& out);
bool parse_enum(const std::string& s, CalendarMode& out);

}  // namespace peizou
