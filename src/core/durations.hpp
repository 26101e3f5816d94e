// A drawn duration in whole seconds, as the engine counts it: rounded half away from zero,
// saturated at 2^50 s (35 M years: no overflow, even summed over a visit's steps), NaN as 0.
// Shared by the engine and the timeline (which draws again what the log does not say).
#pragma once
#include "calendar.hpp"
#include "model.hpp"

namespace peizou {

constexpr Seconds kMaxDuration = Seconds{1} << 50;
constexpr double kMaxDurationDouble = 1125899906842624.0;  // 2^50

// Rounds half away from zero, as std::llround, without the libm call (hot: every draw).
// Saturates at ±kMaxDuration; NaN gives 0 (no NaN or overflow reaches an integer).
inline Seconds round_seconds(double v) {
    if (!(v > -kMaxDurationDouble && v < kMaxDurationDouble))
        return v > 0 ? kMaxDuration : v < 0 ? -kMaxDuration : 0;
    Seconds r = static_cast<Seconds>(v);               // truncates
    const double frac = v - static_cast<double>(r);  // exact below 2^52
    // Branch-free: whether a draw rounds up is a coin toss no predictor can learn.
    return r + static_cast<Seconds>(frac >= 0.5) - static_cast<Seconds>(frac <= -0.5);
}

// A draw `v` of `d`, in its unit, as wall-clock seconds (working and calendar days as 24 h).
inline Seconds wall_seconds(const Duration& d, double v) {
    switch (d.unit) {
    case TimeUnit::minutes: return round_seconds(v * 60);
    case TimeUnit::hours: return round_seconds(v * 3600);
    case TimeUnit::working_days:
    case TimeUnit::calendar_days: return round_seconds(v * 86400);
    }
    return 0;
}

}  // namespace peizou
