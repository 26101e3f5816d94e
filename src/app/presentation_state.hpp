// State of the 演示 Presentation screen: two walks (before and after the reform) walked
// to the end by the default citizen policy, then played back on one clock.
#pragma once
#include <cstdint>
#include <set>
#include <string>

#include "walkthrough_state.hpp"

namespace peizou::app {

struct PresentationState {
    std::string scenario_file;      // library entry's key; empty: follow the library selection
    std::string after;              // after-variant id; empty: the first one
    std::int64_t seed = 1;
    bool presenting = false;        // full window, large type, no tabs
    bool paused = false;
    double speed = 1;               // × the default pace (the longer walk in ~40 s)
    WalkSession sides[2];           // before, after
    Seconds start = 0, end = 0;     // shared time axis
    double cursor = 0;              // simulated seconds since start
    std::set<std::size_t> paused_events;  // presenter pauses already made (log index, side 0/1)
    std::string pause_caption;      // the presenter's caption while paused at a marked step
    float scale_before = 1;         // the scale to restore on exit
};

}  // namespace peizou::app
