// When the Editor's live preview starts and cancels its runs (pure, unit-tested): a run
// of the latest version starts once no new version came for `delay` seconds; a newer
// version cancels the run under way at once; a version already shown is not run again.
//
// Each version comes with a key of what it simulates (simulation_key in scenario_edit.hpp:
// the scenario with its display text blanked). A version whose key is the key of the
// version before it (a step renamed, a caption typed) simulates the same: it takes over
// the run under way, or the figures shown, and does not restart the pause.
#pragma once
#include <cstdint>

namespace peizou::scenario {

struct Debounce {
    int latest = -1;             // last version given
    std::uint64_t latest_key = 0;  // what it simulates
    double changed_at = 0;       // when its key was first given (seconds)
    int running = -1;            // version of the run under way, -1 none
    int shown = -1;              // version whose figures are shown, -1 none
};

struct DebounceStep {
    bool cancel = false;     // drop the run under way (a version that simulates otherwise came)
    bool start = false;      // start a run of d.latest (now d.running)
};

// Call every frame with the current version, its simulation key and the time.
inline DebounceStep debounce_tick(Debounce& d, int version, std::uint64_t key, double now, double delay) {
    DebounceStep out;
    if (version != d.latest) {
        if (d.latest >= 0 && key == d.latest_key) {  // the same simulation: its run and figures hold
            if (d.running == d.latest) d.running = version;
            if (d.shown == d.latest) d.shown = version;
        } else {
            d.changed_at = now;
        }
        d.latest = version;
        d.latest_key = key;
    }
    if (d.running >= 0 && d.running != d.latest) {
        out.cancel = true;
        d.running = -1;
    }
    if (d.running < 0 && d.shown != d.latest && now - d.changed_at >= delay) {
        out.start = true;
        d.running = d.latest;
    }
    return out;
}

// Without a key, every version simulates something new (its key is its number).
inline DebounceStep debounce_tick(Debounce& d, int version, double now, double delay) {
    return debounce_tick(d, version, static_cast<std::uint64_t>(static_cast<unsigned>(version)), now, delay);
}

// The run under way finished: its figures are shown.
inline void debounce_done(Debounce& d) {
    d.shown = d.running;
    d.running = -1;
}

// The run under way is dropped without figures (an invalid version, a failed run): the
// version counts as handled, so it is not started again until the version changes.
inline void debounce_drop(Debounce& d) {
    d.running = -1;
    d.shown = d.latest;
}

}  // namespace peizou::scenario
