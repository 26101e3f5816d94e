// State of the 走流程 Walkthrough screen (issue 5): one plain struct held by AppState.
// The walk itself is a core Walk (src/core/walk.hpp); this only adds what the screen
// needs around it: the setup choices, the clock animation, the handover checklist,
// the pain-point dialog and the after-reform walk for the debrief.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/walk.hpp"

namespace peizou::app {

enum class WalkPhase { setup, walking, debrief };

// A jump of the clock over closed time (lunch, night, weekend, holiday), shown as a
// banner while the clock animates.
struct ClockJump {
    Seconds from = 0, to = 0;
    ClosedReason reason = ClosedReason::open;
    std::string holiday, holiday_en;
    double shown_at = -1;  // ImGui time the banner appeared (-1: none)
};

// One walk with its own copy of the scenario (the library may reload underneath).
struct WalkSession {
    std::unique_ptr<Scenario> scenario;
    std::unique_ptr<Calendar> calendar;
    std::unique_ptr<Walk> walk;
    std::vector<Decision> history;  // the decision each recorded choice answered
    std::string file;               // library file it came from
    std::string scenario_sha256;    // of that file's bytes, written into the walk record
};

struct PainDialog {
    bool open = false;
    int category = 0;               // index into the category list
    std::string note;
    bool editing_note = false;      // the note field has the keyboard (else 1–7, Enter, Esc are keys)
};

struct WalkState {
    WalkPhase phase = WalkPhase::setup;
    // setup
    std::string scenario_file;      // library entry's key; empty: follow the library selection
    std::string variant;            // empty: the scenario's first variant
    std::int64_t seed = 1;
    std::string start_date;         // "YYYY-MM-DD" typed by the trainer; empty: the scenario's start
    std::string trainee;            // 学员姓名 (optional), written into the walk record; editable until export
    bool editing_trainee = false;   // the name field has the keyboard (the text overlay on the web)
    // the walk
    WalkSession session;
    bool animating = false;         // the clock runs towards the next decision
    ClockJump jump;
    std::vector<std::uint8_t> checked;  // handover checklist, one per offered material
    std::size_t checked_for = SIZE_MAX; // history size the checklist belongs to
    std::string message_zh, message_en; // last refusal or notice
    bool message_is_error = true;       // refusal (red) or notice (grey)
    std::string helper_zh, helper_en;   // what the 帮办 desk advised (until the next choice)
    PainDialog pain;
    int rewind_pick = -1;           // the "back to which decision?" picker (B): selected row, -1 closed
    std::vector<std::int32_t> helper_told;  // steps whose papers the 帮办 desk listed (shows "needed")
    double real_time = 0;           // ImGui time of this frame (banners after a skip)
    bool compact = false;           // projector-scale layout this frame
    std::size_t materials_fronted_for = SIZE_MAX;  // narrow layout: the checklist tab came to the front
    // debrief: a model citizen (the default policy, same seed, same branch options)
    // walks the walked variant and another one, so the difference isolates the reform.
    WalkSession model;              // the model citizen on the variant I walked
    WalkSession after;              // the model citizen on the other variant
    std::string exported;           // last export: path natively, file name in the browser
    bool scroll_log = false;        // scroll the log to its end on the next frame
};

}  // namespace peizou::app
