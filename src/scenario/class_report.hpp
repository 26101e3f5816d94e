// The 培训班 class debrief (issue 18): many trainees' walk records of one scenario read
// together. Per step: how many trainees reached it, were sent back (补正) there and why,
// went back for it again, how long it took them (median and spread), and their pain
// flags by category; a strip per trainee beside the model citizen (the core's default
// policy, core/policy.hpp, same seed and start) on the same variant and on the reformed
// one; and the merged 问题清单 for the rectification meeting. Records of another scenario
// or of another version of its file, and records that do not read or replay, are set
// apart with the reason and their location — never mixed in. `peizou class` prints this
// report; the page's class view shows the same (its test-API state is class_json()).
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/model.hpp"
#include "report.hpp"

namespace peizou::scenario {

struct ClassFile {
    ClassFile(std::string name_ = {}, std::string text_ = {}, std::string error_zh_ = {}, std::string error_en_ = {})
        : name(std::move(name_)), text(std::move(text_)), error_zh(std::move(error_zh_)), error_en(std::move(error_en_)) {}
    std::string name;  // file name as given (shown, and the order of the trainees)
    std::string text;  // its bytes
    std::string error_zh, error_en;  // set: it could not be unpacked (set apart as "unreadable")
};

// The records in one opened file: the file itself, or — a .zip (by its bytes) — each
// entry, named "ARCHIVE.zip/ENTRY" (folders and __MACOSX/ metadata left out). An entry
// that is not a .json, or does not unpack, and an archive that does not read, come back
// with the reason in error_zh/en (then set apart, never dropped silently).
std::vector<ClassFile> class_files(const std::string& name, const std::string& bytes);

// The scenario a class is of: the id named by most records that read (ties: the first
// in name order); empty when no record reads.
std::string class_scenario(const std::vector<ClassFile>& files);

// The variant a record's comparison column walks: the debrief's rule — for the first
// (before) variant the first other one (the reform); else the first reform variant not
// walked, or, when there is none (a trainee who walked the only reform), the first
// variant: then the column is the before, and says so (TraineeStrip::reform_is_before).
// Empty when the scenario has one variant.
std::string reform_variant(const Scenario& scenario, const std::string& walked);

struct SetApart {
    std::string file;
    std::string reason;  // "malformed", "other_scenario", "other_version", "replay_failed", "unreadable"
    Issue issue;         // located in the record (path, line:column), zh + en
};

// One citizen's burden: what the trainee strip shows.
struct Burden {
    bool finished = false;
    int trips = 0, windows = 0, rejections = 0;
    double days = 0;  // calendar days, start to finish
};

struct TraineeStrip {
    std::string label;  // "学员 N", or the trainee's name when names are shown
    std::string file, variant, reform_variant;
    std::uint64_t seed = 0;
    Seconds start = 0;
    Burden walked, model, reform;  // reform: the model citizen on reform_variant
    bool reform_is_before = false;  // reform_variant is the first (before) variant: labelled 改革前, not 改革后
};

struct Spread {
    double median = 0, min = 0, max = 0;
};

struct StepRow {
    std::string variant, step, name, name_en, department;
    int reached = 0;              // trainees who reached the step
    int sent_back = 0;            // trainees sent back (补正) there at least once
    int rejections = 0;           // all the times
    std::map<std::string, int> reasons;  // the clerk's reason -> times
    int extra_trips = 0;          // trips beyond the first on which the step was handed over in person
    Spread days;                  // first contact to completion, calendar days, over those who reached it
    std::map<std::string, int> flags;  // pain category -> flags
    std::vector<std::string> notes;    // "学员 N：note"
    int hurt() const;  // rejections + extra trips + flags: the heat map's colour
};

struct ProblemRow {
    std::string variant, step, step_name, step_name_en, category;  // category: a pain category, or "rework" (补正)
    int trainees = 0;                  // who raised it (flag) or met it (sent back there)
    std::vector<std::string> notes;
};

struct ClassReport {
    std::string scenario, scenario_sha256;
    bool show_names = false;
    std::vector<TraineeStrip> trainees;  // by file name
    std::vector<StepRow> steps;          // variants in scenario order, steps in variant order, reached ones
    std::vector<ProblemRow> problems;    // most trainees first
    std::vector<SetApart> set_apart;     // by file name
};

// `scenario_text`: the bytes of the scenario's file (records of another version are set
// apart, trailing whitespace aside).
ClassReport class_report(const std::vector<ClassFile>& files, const Scenario& scenario,
                         const std::string& scenario_text, bool show_names);

// A file the scenario cannot be found for: every readable record is set apart.
ClassReport class_without_scenario(const std::vector<ClassFile>& files, const std::string& scenario_id);

nlohmann::ordered_json class_json(const ClassReport& report);
// The report for the meeting (zh or en): trainees, steps, merged 问题清单 with the columns
// the meeting fills (责任部门, 整改措施, 时限, 状态), records set apart.
std::string class_markdown(const ClassReport& report, bool zh);
// The merged 问题清单 as CSV, UTF-8 with a BOM so that Excel reads the Chinese.
std::string class_csv(const ClassReport& report, bool zh);
const char* problem_category_label(const std::string& category, bool zh);

}  // namespace peizou::scenario
