// When the Editor's live preview starts and cancels its runs (pure, unit-tested): a run
// of the latest version starts once no new version came for `delay` seconds; a newer
// version cancels the run under way at once; a version already shown is not run again.
#pragma once

namespace peizou::scenario {

struct Debounce {
    int latest = -1;         // last version given
    double changed_at = 0;   // when it was first given (seconds)
    int running = -1;        // version of the run under way, -1 none
    int shown = -1;          // version whose figures are shown, -1 none
};

struct DebounceStep {
    bool cancel = false;     // drop the run under way (a newer version came)
    bool start = false;      // start a run of d.latest (now d.running)
};

// Call every frame with the current version and the time.
inline DebounceStep debounce_tick(Debounce& d, int version, double now, double delay) {
    DebounceStep out;
    if (version != d.latest) {
        d.latest = version;
        d.changed_at = now;
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
