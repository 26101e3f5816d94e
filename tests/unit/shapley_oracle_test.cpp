// Shapley attribution against independent oracles: games whose values are known in
// closed form, the axioms (efficiency, symmetry, null player, linearity), a brute-force
// average of marginal contributions over every order of the players (n ≤ 6), and one
// end-to-end check that runs every lever subset of a built-in reform as a variant of
// its own and recomputes the values with the textbook |S|!(k−|S|−1)!/k! formula.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <numeric>
#include <sstream>

#include "core/engine.hpp"
#include "core/levers.hpp"
#include "core/shapley.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

using Game = std::vector<double>;  // value by mask, 2^n entries

Game game_of(int n, const std::function<double(std::uint32_t)>& v) {
    Game g(std::size_t{1} << n);
    for (std::uint32_t s = 0; s < g.size(); ++s) g[s] = v(s);
    return g;
}

std::vector<char> all_feasible(const Game& g) { return std::vector<char>(g.size(), 1); }

// Brute force: the average over every order of the players whose every prefix is
// feasible of each player's marginal contribution when it joins.
std::vector<double> by_orders(const Game& g, const std::vector<char>& feasible) {
    int n = 0;
    while ((std::size_t{1} << n) < g.size()) ++n;
    std::vector<int> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::vector<double> sum(static_cast<std::size_t>(n), 0);
    double orders = 0;
    do {
        bool ok = true;
        std::uint32_t s = 0;
        for (int p : order) ok = ok && feasible[s |= 1u << p];
        if (!ok) continue;
        orders += 1;
        s = 0;
        for (int p : order) {
            const std::uint32_t t = s | (1u << p);
            sum[static_cast<std::size_t>(p)] += g[t] - g[s];
            s = t;
        }
    } while (std::next_permutation(order.begin(), order.end()));
    for (double& x : sum) x /= orders;
    return sum;
}

// A small portable generator for random games (not the engine's).
struct Lcg {
    std::uint64_t x;
    double next() {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        return static_cast<double>((x >> 11) % 2001) / 100.0 - 10.0;  // −10.00 … 10.00
    }
};

void check_close(const std::vector<double>& a, const std::vector<double>& b, double tol = 1e-12) {
    REQUIRE(a.size() == b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        INFO("player " << i << ": " << a[i] << " vs " << b[i]);
        CHECK(std::fabs(a[i] - b[i]) <= tol);
    }
}

Scenario load_builtin(const std::string& name) {
    std::ifstream in(std::string(PEIZOU_SOURCE_DIR) + "/scenarios/" + name, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    scenario::LoadResult r = scenario::load_scenario(ss.str(), name);
    REQUIRE(r.ok);
    return r.scenario;
}

}  // namespace

TEST_CASE("Shapley values of games known in closed form", "[compare][oracle]") {
    // Glove game: player 0 holds a left glove, players 1 and 2 a right one; a pair is
    // worth 1. Textbook values: 2/3, 1/6, 1/6.
    const Game glove = game_of(3, [](std::uint32_t s) { return (s & 1) && (s & 6) ? 1.0 : 0.0; });
    check_close(shapley_from_subsets(glove, all_feasible(glove)), {2.0 / 3, 1.0 / 6, 1.0 / 6});
    // Additive game: each player's value is its own worth.
    const double worth[] = {-3, 0.5, 7, 2};
    const Game additive = game_of(4, [&](std::uint32_t s) {
        double v = 0;
        for (int i = 0; i < 4; ++i) v += (s >> i & 1) ? worth[i] : 0;
        return v;
    });
    check_close(shapley_from_subsets(additive, all_feasible(additive)), {-3, 0.5, 7, 2});
    // Unanimity game on {1, 3, 4} of 5 players: 1/3 each to them, 0 to the others.
    const Game unanimity = game_of(5, [](std::uint32_t s) { return (s & 0x1A) == 0x1A ? 1.0 : 0.0; });
    check_close(shapley_from_subsets(unanimity, all_feasible(unanimity)), {0, 1.0 / 3, 0, 1.0 / 3, 1.0 / 3});
    // Two levers that only save together (−6 days together, nothing alone): −3 each,
    // whatever the declared order. Marginal gains "in declared order" would say 0 and −6.
    const Game pair = {0, 0, 0, -6};
    check_close(shapley_from_subsets(pair, all_feasible(pair)), {-3, -3});
    // Three players, v(S) = |S|²: symmetric, so each gets v(N)/3 = 3.
    const Game square = game_of(3, [](std::uint32_t s) { const double c = __builtin_popcount(s); return c * c; });
    check_close(shapley_from_subsets(square, all_feasible(square)), {3, 3, 3});
    // One player: its value is v({0}) − v(∅).
    check_close(shapley_from_subsets({2.5, -1}, {1, 1}), {-3.5});
}

TEST_CASE("Shapley values equal the brute-force average over all orderings (n ≤ 6)", "[compare][oracle]") {
    Lcg rng{12345};
    for (int n = 1; n <= 6; ++n) {
        for (int trial = 0; trial < 5; ++trial) {
            INFO("n = " << n << ", trial " << trial);
            Game g = game_of(n, [&](std::uint32_t s) { return s == 0 ? 0.0 : rng.next(); });
            g[0] = rng.next();  // v(∅) need not be 0
            check_close(shapley_from_subsets(g, all_feasible(g)), by_orders(g, all_feasible(g)), 1e-9);
        }
    }
}

TEST_CASE("with infeasible subsets: the average over the orders whose every prefix applies", "[compare][oracle]") {
    Lcg rng{777};
    for (int n = 2; n <= 5; ++n) {
        for (int trial = 0; trial < 5; ++trial) {
            INFO("n = " << n << ", trial " << trial);
            Game g = game_of(n, [&](std::uint32_t) { return rng.next(); });
            // Player n−1 needs player 0 (a lever that refers to a step another creates).
            std::vector<char> feasible(g.size());
            for (std::uint32_t s = 0; s < g.size(); ++s) feasible[s] = !((s >> (n - 1) & 1) && !(s & 1));
            const std::vector<double> phi = shapley_from_subsets(g, feasible);
            check_close(phi, by_orders(g, feasible), 1e-9);
            CHECK(std::fabs(std::accumulate(phi.begin(), phi.end(), 0.0) - (g.back() - g[0])) <= 1e-9);
        }
    }
    // Hand-computed: 2 players, {1} alone cannot apply, so the only order is 0 then 1.
    check_close(shapley_from_subsets({0, 4, 100, 10}, {1, 1, 0, 1}), {4, 6});
}

TEST_CASE("Shapley axioms: efficiency, symmetry, null player, linearity", "[compare][oracle]") {
    Lcg rng{99};
    for (int n = 2; n <= 6; ++n) {
        INFO("n = " << n);
        const Game v = game_of(n, [&](std::uint32_t) { return rng.next(); });
        const Game w = game_of(n, [&](std::uint32_t) { return rng.next(); });
        const std::vector<double> pv = shapley_from_subsets(v, all_feasible(v));
        // Efficiency.
        CHECK(std::fabs(std::accumulate(pv.begin(), pv.end(), 0.0) - (v.back() - v[0])) <= 1e-9);
        // Linearity: φ(2.5·v + w) = 2.5·φ(v) + φ(w).
        Game lin(v.size());
        for (std::size_t s = 0; s < v.size(); ++s) lin[s] = 2.5 * v[s] + w[s];
        const std::vector<double> pw = shapley_from_subsets(w, all_feasible(w));
        std::vector<double> expect(pv.size());
        for (std::size_t i = 0; i < pv.size(); ++i) expect[i] = 2.5 * pv[i] + pw[i];
        check_close(shapley_from_subsets(lin, all_feasible(lin)), expect, 1e-9);
        // Null player: make the last player change nothing: v(S ∪ last) = v(S).
        Game null = v;
        const std::uint32_t last = 1u << (n - 1);
        for (std::uint32_t s = 0; s < null.size(); ++s)
            if (s & last) null[s] = null[s ^ last];
        const std::vector<double> pn = shapley_from_subsets(null, all_feasible(null));
        CHECK(pn.back() == 0.0);
        // Symmetry: a game where players 0 and 1 are interchangeable.
        Game sym = v;
        for (std::uint32_t s = 0; s < sym.size(); ++s)
            if ((s & 1) && !(s & 2)) sym[s] = sym[(s ^ 1) | 2];  // v(S∪0) := v(S∪1)
        const std::vector<double> ps = shapley_from_subsets(sym, all_feasible(sym));
        CHECK(std::fabs(ps[0] - ps[1]) <= 1e-9);
        // Relabelling the players relabels the values (swap 0 and the last).
        Game swapped(v.size());
        for (std::uint32_t s = 0; s < v.size(); ++s) {
            std::uint32_t t = s & ~(1u | last);
            if (s & 1) t |= last;
            if (s & last) t |= 1;
            swapped[t] = v[s];
        }
        std::vector<double> ex = pv;
        std::swap(ex.front(), ex.back());
        check_close(shapley_from_subsets(swapped, all_feasible(swapped)), ex, 1e-9);
    }
}

TEST_CASE("end to end: every lever subset run as its own variant gives the job's Shapley values",
          "[compare][oracle]") {
    const Scenario s = load_builtin("company-deregistration.json");
    const Calendar cal = scenario::scenario_calendar(s);
    const Variant* target = nullptr;
    for (const auto& v : s.variants)
        if (!v.from.empty() && !v.levers.empty()) target = &v;
    REQUIRE(target);
    const ShapleySetup setup = shapley_setup(s, target->id);
    REQUIRE(setup.ok);
    const std::size_t k = setup.levers.size();
    REQUIRE(k >= 3);
    const std::uint64_t seed = 5;
    const std::int32_t citizens = 60;
    const ShapleyResult r = shapley_values(s, cal, setup, seed, citizens);
    REQUIRE(r.complete);
    REQUIRE(r.failed_subsets == 0);
    // v(S) for every subset: its levers applied in declared order, run like any variant.
    std::vector<ShapleyValues> value(std::size_t{1} << k);
    for (std::uint32_t mask = 0; mask < value.size(); ++mask) {
        Variant v = setup.base;
        for (std::size_t i = 0; i < k; ++i) {
            if (!(mask & (1u << i))) continue;
            LeverResult lr = apply_lever(s, v, setup.levers[i]);
            REQUIRE(lr.ok);
            v = lr.variant;
        }
        v.id = "subset-" + std::to_string(mask);
        EngineOptions o;
        o.seed = seed;
        o.citizens = citizens;
        const RunResult run = run_monte_carlo(s, v, cal, o);
        REQUIRE(static_cast<std::int32_t>(run.cases.size()) == citizens);
        ShapleyValues mean{};
        for (const auto& c : run.cases) {
            mean[0] += static_cast<double>(c.finish - c.start) / kDay;
            mean[1] += c.working_days;
            mean[2] += c.trips;
        }
        for (double& x : mean) x /= citizens;
        value[mask] = mean;
    }
    // φ_i = Σ_{S ∌ i} |S|!(k−|S|−1)!/k! · (v(S∪i) − v(S)).
    auto fact = [](std::size_t n) { double f = 1; for (std::size_t j = 2; j <= n; ++j) f *= static_cast<double>(j); return f; };
    double moved = 0;
    for (std::size_t i = 0; i < k; ++i) {
        for (int m = 0; m < kShapleyMeasureCount; ++m) {
            double phi = 0;
            for (std::uint32_t S = 0; S < value.size(); ++S) {
                if (S & (1u << i)) continue;
                const std::size_t size = static_cast<std::size_t>(__builtin_popcount(S));
                phi += fact(size) * fact(k - size - 1) / fact(k) * (value[S | (1u << i)][m] - value[S][m]);
            }
            INFO("lever " << i << " (" << r.levers[i].kind << "), measure " << m << ": " << r.levers[i].value[m] << " vs " << phi);
            CHECK(std::fabs(r.levers[i].value[m] - phi) <= 1e-9);
            moved += std::fabs(phi);
        }
    }
    CHECK(moved > 0.5);  // the reform really moves the measures: the comparison means something
    // And the ends: v(∅) is the base, v(all) the variant.
    for (int m = 0; m < kShapleyMeasureCount; ++m) {
        CHECK(std::fabs(r.none[m] - value.front()[m]) <= 1e-9);
        CHECK(std::fabs(r.all[m] - value.back()[m]) <= 1e-9);
    }
}
