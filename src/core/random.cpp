#include "random.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace peizou {

std::uint64_t hash_base(std::uint64_t seed, Purpose purpose) {
    return mix64(mix64(seed ^ 0x6a09e667f3bcc909ull) ^ static_cast<std::uint64_t>(purpose));
}

std::uint64_t hash_key(std::uint64_t seed, Purpose purpose, std::uint64_t a, std::uint64_t b,
                       std::uint64_t c) {
    return hash_rest(hash_base(seed, purpose), a, b, c);
}

std::uint64_t stable_hash(const char* s, std::uint64_t n) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::uint64_t i = 0; i < n; ++i) {
        h ^= static_cast<unsigned char>(s[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

// ln(m) for m near 1 (|s| < 0.175): 2·atanh(s), s = (m−1)/(m+1), atanh(s) = s·(1 + s²/3 +
// s⁴/5 + …) by Horner's rule, 14 terms (error < 1e-17). Builds the table below.
static constexpr double log_series(double m) {
    constexpr double kOdd[] = {1.0, 1.0 / 3, 1.0 / 5, 1.0 / 7, 1.0 / 9, 1.0 / 11, 1.0 / 13,
                               1.0 / 15, 1.0 / 17, 1.0 / 19, 1.0 / 21, 1.0 / 23, 1.0 / 25, 1.0 / 27};
    const double s = (m - 1) / (m + 1);
    const double s2 = s * s;
    double p = kOdd[13];
    for (int k = 12; k >= 0; --k) p = p * s2 + kOdd[k];
    return 2 * s * p;
}

namespace {
// ln(i/64) for the grid points i = 45 … 91 that cover [√½, √2), by the series above.
// Computed by the compiler: each IEEE operation rounds the same at compile time as at
// run time, so it is the same table on every platform — and no guard on every call.
struct LogTable {
    double ln[92] = {};
    constexpr LogTable() {
        for (int i = 45; i <= 91; ++i) ln[i] = log_series(i / 64.0);
    }
};
constexpr LogTable kLogTable;
}  // namespace

// ln(x) = e·ln2 + ln(c) + ln(m/c): x = m·2^e with m in [√½, √2) (exponent from the bits, no
// libm call), c = i/64 the nearest grid point, ln(c) from the table, and ln(m/c) =
// 2·atanh(s) with s = (m−c)/(m+c), |s| < 1/180, so five terms of its series give full
// precision. Every step is exact or rounded the same way on every IEEE platform.
double portable_log(double x) {
    if (!(x > 0)) return -INFINITY;
    if (x > 1.7976931348623157e308) return x;  // +inf
    std::uint64_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    int e = static_cast<int>((bits >> 52) & 0x7ff);
    if (e == 0) {  // subnormal: scale into the normal range exactly
        x *= 18014398509481984.0;  // 2^54
        std::memcpy(&bits, &x, sizeof bits);
        e = static_cast<int>((bits >> 52) & 0x7ff) - 54;
    }
    e -= 1022;  // x = m · 2^e with m in [0.5, 1)
    // The fold (m < √½ → 2m) and the grid point are worked out on the bits, in integers:
    // whether a draw folds is a coin toss, and a wasm engine (V8) turns a floating-point
    // select into a branch that guesses wrong half the time, where integer selects become
    // conditional moves. Positive doubles order as their bits, 2m is m with the exponent
    // one up, and i = ⌊64m + ½⌋ is the top bits of the significand rounded — the same
    // values as the floating-point forms (checked on 2·10⁸ inputs and every rounding edge).
    const std::uint64_t fraction = bits & 0x000fffffffffffffull;
    std::uint64_t m_bits = fraction | 0x3fe0000000000000ull;  // m in [0.5, 1)
    const std::uint64_t low = m_bits < 0x3fe6a09e667f3bcdull;  // m < √½ (0.70710678118654752440)
    m_bits += low << 52;
    e -= static_cast<int>(low);
    double m;
    std::memcpy(&m, &m_bits, sizeof m);
    // 64m = (2^52 + fraction) / 2^shift, shift 47 for m in [√½, 1), 46 for m in [1, √2).
    const std::uint64_t shift = 47 - low;
    const int i = static_cast<int>(((std::uint64_t{1} << 52) + fraction + (std::uint64_t{1} << (shift - 1))) >> shift);  // 45 … 91
    const double c = i / 64.0;                    // exact
    const double s = (m - c) / (m + c);
    const double s2 = s * s;
    const double p = (((s2 * (1.0 / 9) + 1.0 / 7) * s2 + 1.0 / 5) * s2 + 1.0 / 3) * s2 + 1.0;
    return (2 * s * p + kLogTable.ln[i]) + e * 0.69314718055994530942;
}

// exp(x) = 2^k · exp(r), |r| ≤ ln2/2, exp(r) by its Taylor series.
double portable_exp(double x) {
    if (x != x) return x;  // NaN stays NaN (converting it to an int below is undefined)
    if (x > 709) return INFINITY;
    if (x < -745) return 0;
    double kf = std::floor(x / 0.69314718055994530942 + 0.5);
    int k = static_cast<int>(kf);
    double r = x - kf * 0.69314718055994530942;
    double term = 1, sum = 1;
    for (int n = 1; n <= 20; ++n) {
        term = term * r / n;
        sum += term;
    }
    return std::ldexp(sum, k);  // exact scaling
}

// Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
double standard_normal_from(double u) {
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                               -2.759285104469687e+02, 1.383577518672690e+02,
                               -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                               -1.556989798598866e+02, 6.680131188771972e+01,
                               -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                               -2.400758277161838e+00, -2.549732539343734e+00,
                               4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                               2.445134137142996e+00, 3.754408661907416e+00};
    const double low = 0.02425, high = 1 - low;
    if (u <= 0) u = 1e-300;
    if (u < low) {
        double q = std::sqrt(-2 * portable_log(u));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (u <= high) {
        double q = u - 0.5, r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
               (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double q = std::sqrt(-2 * portable_log(1 - u));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}

std::vector<double> empirical_cumulative(const Duration& d) {
    std::vector<double> sums;
    if (d.values.empty() || d.weights.size() != d.values.size()) return sums;
    double acc = 0;
    for (double w : d.weights) {
        if (!(w >= 0 && w <= 1.7976931348623157e308)) return {};
        acc += w;
        sums.push_back(acc);
    }
    return sums;
}

double sample_empirical(const Duration& d, double u, const std::vector<double>& cumulative) {
    if (cumulative.empty() || cumulative.size() != d.values.size()) {
        // No usable table (or weights sample() would not sum in order): the linear walk.
        double total = 0;
        for (double w : d.weights) total += w;
        if (d.values.empty()) return 0;
        if (total <= 0 || d.weights.size() != d.values.size()) return d.values.front();
        double target = u * total, acc = 0;
        for (std::size_t i = 0; i < d.values.size(); ++i) {
            acc += d.weights[i];
            if (target < acc) return d.values[i];
        }
        return d.values.back();
    }
    const double total = cumulative.back();
    if (total <= 0) return d.values.front();
    // The first i whose running sum exceeds the target: what the linear walk returns,
    // since the sums never decrease.
    const double target = u * total;
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    if (it == cumulative.end()) return d.values.back();
    return d.values[static_cast<std::size_t>(it - cumulative.begin())];
}

double sample(const Duration& d, std::uint64_t key) {
    const double u = unit_from(mix64(key));
    switch (d.dist) {
    case DistKind::fixed: return d.value;
    case DistKind::uniform: return d.low + (d.high - d.low) * u;
    case DistKind::triangular: {
        const double span = d.high - d.low;
        if (span <= 0) return d.low;
        const double f = (d.mode - d.low) / span;
        if (u < f) return d.low + std::sqrt(u * span * (d.mode - d.low));
        return d.high - std::sqrt((1 - u) * span * (d.high - d.mode));
    }
    case DistKind::exponential: return exponential_from(d.mean, u);
    case DistKind::normal: {
        // Truncated at 0 (a real truncation, not a clamp that piles mass at 0): draws
        // ≤ 0 are redrawn from sub-keys of the same key, so the result is still a pure
        // function of the key. 64 tries fail only when the mean is far below 0
        // (P(v>0)^64 ≈ 0 needs mean ≲ −2 sd): then the tail is ≈ exponential with
        // mean sd²/|mean|, drawn from the first uniform.
        double ui = u;
        for (std::uint64_t i = 1; i <= 64; ++i) {
            const double v = d.mean + d.sd * standard_normal_from(ui == 0 ? 0.5 : ui);
            if (v > 0) return v;
            ui = unit_from(mix64(key ^ (0xd1b54a32d192ed03ull * i)));
        }
        if (d.mean >= 0) return d.mean;  // sd = 0 (P ≤ 2^-64 otherwise)
        return -(d.sd * d.sd / -d.mean) * portable_log(1 - u);
    }
    case DistKind::lognormal: {
        if (d.mean <= 0) return 0;
        const double ratio = d.sd / d.mean;
        const double sigma2 = portable_log(1 + ratio * ratio);
        const double mu = portable_log(d.mean) - sigma2 / 2;
        return portable_exp(mu + std::sqrt(sigma2) * standard_normal_from(u == 0 ? 0.5 : u));
    }
    case DistKind::empirical: return sample_empirical(d, u, {});
    }
    return 0;
}

}  // namespace peizou
