// One timeline: a case's event log read once, into segments on lanes and costs per
// step. The walkthrough's debrief and presentation, Compare's Gantt and the exports'
// critical path all read a case through this, so they cannot disagree.
//
// Citizen lanes (travel, queue, window, online, hall, inspection) add up exactly to the
// engine's CaseMeasures::citizen_seconds (with Timeline::later), the agent lane to
// agent_seconds; review and rework lanes are the departments' time and the waits for 补正
// (they overlap the rest).
#pragma once
#include <cstdint>
#include <vector>

#include "engine.hpp"

namespace peizou {

enum class Lane : std::uint8_t {
    travel,      // on the way (from home, between halls, home again)
    queue,       // waiting for a window (also until sent home at closing)
    window,      // at the window, from the call to the clerk's verdict
    online,      // filling in an online form
    hall,        // waiting in the hall for a result due soon (稍等，马上出证)
    inspection,  // receiving the inspectors on site
    agent,       // travel, queue and window of a visit an agent (帮办代办) makes
    review,      // the back office works on a step (not the citizen's time)
    rework,      // from a rejection to the step's acceptance: 补正 (not the citizen's time)
};
constexpr int kLaneCount = 9;
const char* to_string(Lane lane);
// Lanes whose time is the citizen's own. They do not overlap, but for inspections: the
// engine books the inspectors without regard to where the citizen is.
inline bool citizen_lane(Lane l) { return l <= Lane::inspection; }

// The rows the time charts draw (the debrief's, the presentation's, Compare's Gantt): an
// online form or an inspection is time with the office, waiting in the hall is waiting;
// an agent's time is not the citizen's and has no row (-1).
enum class ChartRow { travel, queue, window, review, rework };
constexpr int kChartRows = 5;
int chart_row(Lane lane);

struct TimelineSegment {
    Lane lane = Lane::travel;
    Seconds from = 0, to = 0;
    std::int32_t step = -1;        // variant step index, or -1
    std::int32_t department = -1;  // Engine::departments() index, or -1
};

struct TimelineStep {
    bool seen = false;             // the case touched the step (skipped ones are not)
    Seconds first = 0, done = 0;   // first event .. completion (or the timeline's end)
    Seconds ready = -1;            // first time it let its successors go, -1 never
    Seconds citizen = 0, agent = 0;  // citizen-lane and agent-lane seconds attributed
    int trips = 0, rejections = 0;
};

struct Timeline {
    Seconds start = 0, end = 0;
    bool finished = false;
    std::vector<TimelineSegment> segments;  // in the order they end
    std::vector<TimelineStep> steps;        // one per variant step
    int trips = 0, window_visits = 0, rejections = 0, submissions = 0;
    // The citizen's time still to come after the end: the visits of inspections of steps
    // the case did not wait for (边建设边办理). The engine counts them in citizen_seconds
    // when the inspection is booked; citizen_seconds() + later is that measure.
    Seconds later = 0;
    std::vector<Seconds> rejected_at;       // when the clerk sent the citizen back
    // Steps' first times they let successors go, -1 never (scenario::critical_steps).
    std::vector<Seconds> ready_times() const;
    Seconds citizen_seconds() const;        // sum of the citizen lanes
    Seconds agent_seconds() const;
    Seconds lane_seconds(Lane lane) const;
};

// The timeline of process citizen `citizen` in `log` (a run's log; other citizens'
// events are ignored), up to the case's end or `until` (an unfinished walk: open
// segments end there; -1: at the last event). `seed` is the run's: the log does not say
// how long an inspection visit took, so it is drawn again exactly as the engine drew it.
Timeline build_timeline(const Scenario& scenario, const Variant& variant, const std::vector<LogEvent>& log,
                        std::int32_t citizen, std::uint64_t seed, Seconds until = -1);

}  // namespace peizou
