// Counter-based random numbers and distribution sampling, identical on every platform.
//
// Each draw is a pure function of (seed, key…): no shared stream, so removing a step
// from a variant does not shift any other draw, and two variants of one scenario meet
// the same luck wherever they agree (common random numbers). log/exp are our own so
// glibc's and Emscripten's libm can never differ in the last bit.
#pragma once
#include <cstdint>
#include <vector>

#include "model.hpp"

namespace peizou {

// What a draw is for; part of the key so draws for different purposes are independent.
enum class Purpose : std::uint64_t {
    arrival = 1, service, review, rework, branch, background_arrival, background_service,
    background_thin,
};

// splitmix64's finaliser. Inline with hash_rest: every draw runs four of them.
inline std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}
std::uint64_t hash_key(std::uint64_t seed, Purpose purpose, std::uint64_t a,
                       std::uint64_t b = 0, std::uint64_t c = 0);
// hash_key in two halves, so a run can hash (seed, purpose) once:
// hash_key(s, p, a, b, c) == hash_rest(hash_base(s, p), a, b, c).
std::uint64_t hash_base(std::uint64_t seed, Purpose purpose);
inline std::uint64_t hash_rest(std::uint64_t base, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
    return mix64(mix64(mix64(base ^ a) ^ b) ^ c);
}
// FNV-1a of a string: a stable key for a step or department id.
std::uint64_t stable_hash(const char* s, std::uint64_t n);
// Uniform in [0, 1) with 53 random bits. Converted as a signed integer (the value is below
// 2^53 either way, so exactly the same double): x86 has no unsigned 64-bit conversion, and
// wasm engines emit a test and a second path for one.
inline double unit_from(std::uint64_t bits) {
    return static_cast<double>(static_cast<std::int64_t>(bits >> 11)) * (1.0 / 9007199254740992.0);
}

double portable_log(double x);  // x > 0
double portable_exp(double x);
double standard_normal_from(double u);  // inverse CDF, u in (0, 1)

// Samples `d` in its own unit from the draw `key`.
double sample(const Duration& d, std::uint64_t key);
// An empirical distribution's running sums of weights, for sample_empirical: the same
// sums, in the same order, as sample() adds them, so the same value is drawn. Empty when
// the weights are not usable that way (sizes differ, a weight negative or not finite).
std::vector<double> empirical_cumulative(const Duration& d);
// sample() of an empirical distribution from u in [0, 1), in O(log n) with the sums of
// empirical_cumulative(d) (falls back to sample()'s linear walk without them).
double sample_empirical(const Duration& d, double u, const std::vector<double>& cumulative);
// An exponential with this mean from a uniform u in [0, 1).
inline double exponential_from(double mean, double u) { return -mean * portable_log(1 - u); }
// sample() of an exponential, inline for the engine's busiest draws.
inline double sample_exponential(double mean, std::uint64_t key) {
    return exponential_from(mean, unit_from(mix64(key)));
}

}  // namespace peizou
