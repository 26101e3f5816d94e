// Random numbers: our own log/exp against the platform's, and every distribution's
// sample mean and sd (of the value itself) against its parameters, within a few
// standard errors over 200,000 keyed draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "core/random.hpp"

using namespace peizou;

namespace {

struct Moments {
    double mean = 0, var = 0, m4 = 0;  // central moments of the sample
    double min = INFINITY;
    std::vector<double> values;
};

constexpr int kDraws = 200000;

Moments draws(const Duration& d, std::uint64_t seed = 3) {
    Moments m;
    m.values.reserve(kDraws);
    for (int i = 0; i < kDraws; ++i)
        m.values.push_back(sample(d, hash_key(seed, Purpose::service, static_cast<std::uint64_t>(i))));
    for (double v : m.values) {
        m.mean += v;
        m.min = std::min(m.min, v);
    }
    m.mean /= kDraws;
    for (double v : m.values) {
        const double x = (v - m.mean) * (v - m.mean);
        m.var += x;
        m.m4 += x * x;
    }
    m.var /= kDraws - 1;
    m.m4 /= kDraws;
    return m;
}

// Mean within 5 standard errors; variance within 5 of its own (from the 4th moment).
void check_moments(const Duration& d, double mean, double sd) {
    const Moments m = draws(d);
    const double se_mean = sd / std::sqrt(double(kDraws));
    const double se_var = std::sqrt(std::max(m.m4 - m.var * m.var, 0.0) / kDraws);
    INFO("dist " << to_string(d.dist) << ": mean " << m.mean << " vs " << mean << ", sd " << std::sqrt(m.var)
                 << " vs " << sd);
    CHECK(std::fabs(m.mean - mean) < 5 * se_mean + 1e-12);
    CHECK(std::fabs(m.var - sd * sd) < 5 * se_var + 1e-12);
}

Duration of(DistKind k) {
    Duration d;
    d.dist = k;
    return d;
}

}  // namespace

TEST_CASE("portable log and exp agree with the platform's to 1e-12", "[random]") {
    double worst_log = 0, worst_exp = 0;
    for (double e = -300; e <= 300; e += 0.37) {  // log over 600 decades
        const double x = std::pow(10.0, e);
        worst_log = std::max(worst_log, std::fabs(portable_log(x) - std::log(x)) / std::max(1e-300, std::fabs(std::log(x))));
    }
    for (double x = 0.5; x < 2; x += 0.001)  // near 1, where log is small
        if (x != 1) worst_log = std::max(worst_log, std::fabs(portable_log(x) - std::log(x)) / std::fabs(std::log(x)));
    for (double x = -700; x <= 700; x += 0.173)
        worst_exp = std::max(worst_exp, std::fabs(portable_exp(x) - std::exp(x)) / std::exp(x));
    CHECK(worst_log < 1e-12);
    CHECK(worst_exp < 1e-12);
    CHECK(portable_log(1) == 0);
    CHECK(portable_exp(0) == 1);
    CHECK(std::isinf(portable_log(0)));
}

// portable_log folds a significand m < √½ to 2m and picks the grid point i/64 nearest m
// from the bits: right at those edges a slip would show as a jump. The rounding edges
// (k − ½)/64 cover [0.695, 1.414): below 1 as they are, above 1 as the folded significands
// of x/2; 129 neighbouring doubles around each edge and around √½, in five binades: within
// ~2 ulp of the long-double log (in wasm, long double's log is the double one) and never
// decreasing from one double to the next.
TEST_CASE("portable log is exact to ~2 ulp and monotone at its fold and grid edges", "[random]") {
    auto bits_of = [](double x) { std::uint64_t b; std::memcpy(&b, &x, 8); return b; };
    auto of_bits = [](std::uint64_t b) { double x; std::memcpy(&x, &b, 8); return x; };
    std::vector<double> edges = {0.70710678118654752440};
    for (int k = 45; k <= 91; ++k) edges.push_back((k - 0.5) / 64.0);
    double worst = 0;
    int decreases = 0;
    for (double scale : {1.0, 2.0, 0.5, 0x1p-600, 0x1p600}) {
        for (double edge : edges) {
            double previous = -INFINITY;
            for (int d = -64; d <= 64; ++d) {
                const double x = of_bits(bits_of(edge) + static_cast<std::uint64_t>(d)) * scale;
                const double got = portable_log(x);
                const long double want = std::log(static_cast<long double>(x));
                worst = std::max(worst, static_cast<double>(std::fabs(got - want) / std::max(1.0L, std::fabs(want))));
                decreases += got < previous;
                previous = got;
            }
        }
    }
    CHECK(worst < 5e-16);
    CHECK(decreases == 0);
}

TEST_CASE("each distribution's draws have the mean and sd of its parameters", "[random]") {
    Duration fixed = of(DistKind::fixed);
    fixed.value = 7;
    const Moments f = draws(fixed);
    CHECK(f.mean == 7);
    CHECK(f.var == 0);

    Duration uni = of(DistKind::uniform);
    uni.low = 2;
    uni.high = 8;
    check_moments(uni, 5, 6 / std::sqrt(12.0));

    Duration tri = of(DistKind::triangular);
    tri.low = 1;
    tri.mode = 2;
    tri.high = 6;
    check_moments(tri, 3, std::sqrt((1 + 4 + 36 - 2 - 6 - 12) / 18.0));

    Duration ex = of(DistKind::exponential);
    ex.mean = 12;
    check_moments(ex, 12, 12);

    Duration normal = of(DistKind::normal);  // far from 0: truncation negligible
    normal.mean = 10;
    normal.sd = 2;
    check_moments(normal, 10, 2);

    Duration logn = of(DistKind::lognormal);  // mean and sd of the value itself
    logn.mean = 10;
    logn.sd = 5;
    check_moments(logn, 10, 5);

    Duration emp = of(DistKind::empirical);
    emp.values = {1, 2, 5};
    emp.weights = {1, 2, 1};
    check_moments(emp, 2.5, 1.5);
}

TEST_CASE("normal is truncated at 0, not clamped", "[random]") {
    Duration d = of(DistKind::normal);
    d.mean = 1;
    d.sd = 1;
    const Moments m = draws(d);
    CHECK(m.min > 0);  // a clamp would put ~16% of the draws at exactly 0
    // Mean and sd of N(1, 1) truncated to (0, ∞): 1 + φ(1)/Φ(1), and the matching variance.
    const double mean = 1.2875999709391783, var = 0.6296862857766055;
    CHECK(std::fabs(m.mean - mean) < 5 * std::sqrt(var / kDraws));
    CHECK(std::fabs(m.var - var) < 5 * std::sqrt((m.m4 - m.var * m.var) / kDraws));
    // The shape of the positive values: P(X < x | X > 0) at a few points.
    const double at[] = {0.5, 1, 2}, p[] = {0.17814609943771986, 0.40571329132746986, 0.8114265826549397};
    for (int k = 0; k < 3; ++k) {
        double below = 0;
        for (double v : m.values) below += v < at[k];
        below /= kDraws;
        INFO("P(X < " << at[k] << ") = " << below << " vs " << p[k]);
        CHECK(std::fabs(below - p[k]) < 5 * std::sqrt(p[k] * (1 - p[k]) / kDraws));
    }
    // Deterministic: a pure function of the key, resampling included.
    CHECK(draws(d).values == m.values);
    // Far below 0 the resampling gives up for the exponential tail: still positive, finite.
    d.mean = -20;
    const Moments tail = draws(d);
    CHECK(tail.min > 0);
    CHECK(tail.mean == Approx(1.0 / 20).epsilon(0.05));
}
