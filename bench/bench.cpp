// peizou_bench: figures for bench/README.md, printed as one JSON object per command on
// stdout (bench/report.py reads them) and a readable line per run on stderr.
// Not a test: nothing here passes or fails on time.
//
//   peizou_bench hall      [--citizens N] [--runs R] [--seed S]   reference M/M/10 hall
//   peizou_bench approval  [--cases N] [--runs R] [--seed S]      6-step approval process
//   peizou_bench memory    [--citizens N]                         peak memory of one hall run
//   peizou_bench scenario  [--citizens N] [--runs R] FILE...      the file with most steps
//   peizou_bench revalidate [--runs R] FILE...                     the Editor's re-validation
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

#include "core/engine.hpp"
#include "scenario/scenario_edit.hpp"
#include "scenario/scenario_io.hpp"

using namespace peizou;

namespace {

// ---------------------------------------------------------------- arguments
struct Args {
    std::string command;
    std::int64_t count = -1;  // --citizens / --cases
    int runs = 5;
    int warmup = 1;           // untimed runs first: Node compiles wasm in tiers as it runs
    std::uint64_t seed = 1;
    std::vector<std::string> files;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "peizou_bench: %s\n"
                 "usage: peizou_bench hall|approval|memory|scenario|revalidate [--citizens N|--cases N] "
                 "[--runs R] [--seed S] [--warmup W] [FILE...]\n",
                 why);
    std::exit(2);
}

Args parse_args(int argc, char** argv) {
    Args a;
    if (argc < 2) usage("missing command");
    a.command = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string s = argv[i];
        auto value = [&]() -> std::int64_t {
            if (i + 1 >= argc) usage(("missing value after " + s).c_str());
            char* end = nullptr;
            const long long v = std::strtoll(argv[++i], &end, 10);
            if (!end || *end || v < 0) usage(("bad value after " + s).c_str());
            return v;
        };
        if (s == "--citizens" || s == "--cases") a.count = value();
        else if (s == "--runs") a.runs = static_cast<int>(std::max<std::int64_t>(1, value()));
        else if (s == "--seed") a.seed = static_cast<std::uint64_t>(value());
        else if (s == "--warmup") a.warmup = static_cast<int>(value());
        else if (!s.empty() && s[0] == '-') usage(("unknown option " + s).c_str());
        else a.files.push_back(s);
    }
    return a;
}

// ---------------------------------------------------------------- measuring
double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Processor time of this process: unlike wall time it hardly moves when other work
// shares the machine. In wasm clock() is wall time, so ask Node for its own.
double cpu_seconds() {
#ifdef __EMSCRIPTEN__
    return EM_ASM_DOUBLE({
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
    });
#else
    return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct MeanSe { double mean = 0, se = 0; };
MeanSe mean_se(const std::vector<double>& v) {
    MeanSe r;
    if (v.empty()) return r;
    for (double x : v) r.mean += x;
    r.mean /= static_cast<double>(v.size());
    if (v.size() < 2) return r;
    double var = 0;
    for (double x : v) var += (x - r.mean) * (x - r.mean);
    r.se = std::sqrt(var / static_cast<double>(v.size() - 1) / static_cast<double>(v.size()));
    return r;
}

// Peak memory so far. Natively the kernel's high-water mark of resident memory;
// in wasm the linear memory, which only grows, so its size is the peak.
std::int64_t peak_memory_bytes() {
#ifdef __EMSCRIPTEN__
    return static_cast<std::int64_t>(__builtin_wasm_memory_size(0)) * 65536;
#else
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atoll(line.c_str() + 6) * 1024;
    return -1;
#endif
}

const char* build_flavour() {
#ifdef __EMSCRIPTEN__
    return "wasm";
#else
    return "native";
#endif
}

std::string json_list(const std::vector<double>& v) {
    std::ostringstream o;
    o.precision(9);
    o << "[";
    for (std::size_t i = 0; i < v.size(); ++i) o << (i ? "," : "") << v[i];
    o << "]";
    return o.str();
}

// ---------------------------------------------------------------- reference hall
// M/M/c: one department, c windows, always open, exponential service, no background.
// bench/peer_simpy.py builds the same hall in SimPy.
constexpr int kWindows = 10;
constexpr double kRho = 0.9;
constexpr double kServiceMinutes = 10;

Scenario reference_hall() {
    const double mu = 60.0 / kServiceMinutes;        // per hour per window
    const double lambda = kRho * kWindows * mu;      // per hour
    Scenario s;
    s.id = "reference-hall";
    s.start = make_time({2025, 3, 3}, 0, 0);
    s.calendar_mode = CalendarMode::always_open;
    s.arrivals_per_working_day = lambda * 24;        // always open: a working day is 24 h
    s.places = {Place{"home", "家", "", 0}, Place{"hall", "大厅", "", 0}};
    Department d;
    d.id = "desk";
    d.place = "hall";
    d.windows = kWindows;
    s.departments = {d};
    Variant v;
    v.id = "before";
    Step st;
    st.id = "serve";
    st.department = "desk";
    st.service.dist = DistKind::exponential;
    st.service.mean = kServiceMinutes;
    v.steps = {st};
    s.variants = {v};
    return s;
}

// Erlang C mean queue wait (minutes) for the reference hall.
double erlang_c_wait_minutes() {
    const double mu = 1.0 / kServiceMinutes, lambda = kRho * kWindows * mu;
    const double a = lambda / mu;
    double term = 1, sum = 1;
    for (int k = 1; k < kWindows; ++k) {
        term *= a / k;
        sum += term;
    }
    const double last = term * a / kWindows / (1 - kRho);
    const double p_wait = last / (sum + last);
    return p_wait / (kWindows * mu - lambda);
}

int bench_hall(const Args& a) {
    const std::int32_t n = static_cast<std::int32_t>(a.count > 0 ? a.count : 200000);
    const Scenario s = reference_hall();
    std::vector<double> secs, cpus, waits, cold, cold_cpu;
    std::int64_t events = 0;
    // Every run, warm-up or timed, takes its own seed (seed, seed + 1, …) and gives a mean
    // wait: all are independent samples for the agreement check; only timed runs are timed.
    for (int r = -a.warmup; r < a.runs; ++r) {
        EngineOptions o;
        o.seed = a.seed + static_cast<std::uint64_t>(r + a.warmup);
        o.citizens = n;
        o.background = false;
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        const RunResult res = run_monte_carlo(s, s.variants[0], Calendar(), o);
        const double t = seconds_since(t0);
        const double cpu = cpu_seconds() - c0;
        if (static_cast<std::int32_t>(res.cases.size()) != n) {
            std::fprintf(stderr, "hall: only %zu of %d citizens finished\n", res.cases.size(), n);
            return 1;
        }
        waits.push_back(res.departments[0].mean_wait_minutes());
        if (r < 0) {
            cold.push_back(t);
            cold_cpu.push_back(cpu);
            continue;
        }
        cpus.push_back(cpu);
        secs.push_back(t);
        events = res.events;  // the same for every seed up to a few; the last is reported
        std::fprintf(stderr, "hall %s run %d: %d citizens, %lld events, %.4f s, mean wait %.3f min\n",
                     build_flavour(), r + 1, n, static_cast<long long>(res.events), t, waits.back());
    }
    const double med = median(secs);
    const MeanSe w = mean_se(waits);
    std::printf("{\"bench\":\"hall\",\"build\":\"%s\",\"citizens\":%d,\"runs\":%d,\"windows\":%d,\"rho\":%g,"
                "\"events\":%lld,\"median_seconds\":%.6f,\"citizens_per_second\":%.1f,"
                "\"events_per_second\":%.1f,\"mean_wait_minutes\":%.6f,\"wait_se\":%.6f,"
                "\"erlang_c_minutes\":%.6f,\"seconds\":%s,\"cpu_seconds\":%s,\"warmup_seconds\":%s,"
                "\"warmup_cpu_seconds\":%s,\"waits\":%s}\n",
                build_flavour(), n, a.runs, kWindows, kRho, static_cast<long long>(events), med,
                n / med, static_cast<double>(events) / med, w.mean, w.se, erlang_c_wait_minutes(),
                json_list(secs).c_str(), json_list(cpus).c_str(), json_list(cold).c_str(), json_list(cold_cpu).c_str(), json_list(waits).c_str());
    return 0;
}

// ---------------------------------------------------------------- 6-step approval
// A licence approval as a county service centre runs it: accept at the comprehensive
// window, material review, site inspection, fee at the cashier, decision, collect the
// licence. Windows are shared with background citizens; the office keeps the real
// working-day calendar (weekends, holidays, 调休) with a lunch break.
Scenario approval_process() {
    Scenario s;
    s.id = "bench-approval";
    s.title = "基准：六环节许可审批";
    s.start = make_time({2025, 1, 2}, 9, 0);
    s.calendar_mode = CalendarMode::working_days;
    s.arrivals_per_working_day = 40;
    s.places = {Place{"home", "家", "", 0}, Place{"centre", "政务服务中心", "", 30}};
    auto exponential = [](double mean) {
        Duration d;
        d.dist = DistKind::exponential;
        d.mean = mean;
        return d;
    };
    auto triangular = [](double low, double mode, double high, TimeUnit unit) {
        Duration d;
        d.dist = DistKind::triangular;
        d.unit = unit;
        d.low = low;
        d.mode = mode;
        d.high = high;
        return d;
    };
    auto department = [&](const char* id, int windows, double background_per_hour, double background_minutes) {
        Department d;
        d.id = id;
        d.place = "centre";
        d.windows = windows;
        d.background.per_hour = background_per_hour;
        d.background_service = exponential(background_minutes);
        return d;
    };
    s.departments = {department("window", 5, 18, 8), department("review_office", 0, 0, 10),
                     department("inspection", 0, 0, 10), department("cashier", 2, 12, 5),
                     department("issue", 2, 10, 6)};
    s.materials = {Material{"id_card", "身份证", "", true, true, false, ""},
                   Material{"form", "申请表", "", true, true, false, ""},
                   Material{"receipt", "缴费凭证", "", false, true, false, ""},
                   Material{"decision", "准予许可决定书", "", false, true, false, ""},
                   Material{"licence", "许可证", "", false, true, false, ""}};
    Variant v;
    v.id = "before";
    auto step = [](const char* id, StepKind kind, const char* dept, std::vector<std::string> after) {
        Step st;
        st.id = id;
        st.kind = kind;
        st.department = dept;
        st.after = std::move(after);
        return st;
    };
    Step apply = step("apply", StepKind::window, "window", {});
    apply.service = triangular(10, 15, 30, TimeUnit::minutes);
    apply.needs = {"id_card", "form"};
    apply.rework_probability = 0.15;
    apply.rework_reason = "申请表填写不规范，请补正";
    Step review = step("review", StepKind::review, "review_office", {"apply"});
    review.review = triangular(1, 2, 4, TimeUnit::working_days);
    review.legal_limit_days = 5;
    Step inspect = step("inspect", StepKind::inspection, "inspection", {"review"});
    inspect.review = triangular(1, 3, 6, TimeUnit::working_days);
    inspect.service = triangular(30, 60, 120, TimeUnit::minutes);
    inspect.legal_limit_days = 10;
    Step pay = step("pay", StepKind::payment, "cashier", {"inspect"});
    pay.service = exponential(5);
    pay.fee_yuan = 200;
    pay.produces = {"receipt"};
    Step decide = step("decide", StepKind::review, "review_office", {"pay"});
    decide.review = triangular(1, 3, 8, TimeUnit::working_days);
    decide.legal_limit_days = 10;
    decide.produces = {"decision"};
    Step collect = step("collect", StepKind::collect, "issue", {"decide"});
    collect.service = exponential(5);
    collect.needs = {"id_card", "decision"};
    collect.produces = {"licence"};
    v.steps = {apply, review, inspect, pay, decide, collect};
    s.variants = {v};
    return s;
}

// Runs `s` R times and prints the summary object for `name`.
int bench_runs(const char* name, const Scenario& s, const Variant& v, std::int32_t n, const Args& a,
               bool background, const std::string& extra_json) {
    const Calendar cal = scenario::scenario_calendar(s);
    std::vector<double> secs, cpus, cold, cold_cpu;
    std::int64_t events = 0;
    std::size_t finished = 0, stuck = 0;
    double mean_days = 0;
    for (int r = -a.warmup; r < a.runs; ++r) {
        EngineOptions o;
        o.seed = a.seed + static_cast<std::uint64_t>(std::max(r, 0));
        o.citizens = n;
        o.background = background;
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        const RunResult res = run_monte_carlo(s, v, cal, o);
        const double t = seconds_since(t0);
        if (r < 0) {
            cold.push_back(t);
            cold_cpu.push_back(cpu_seconds() - c0);
            continue;
        }
        cpus.push_back(cpu_seconds() - c0);
        secs.push_back(t);
        events = res.events;
        finished = res.cases.size();
        stuck = res.stuck.size();
        mean_days = summarise(res.cases, Measure::calendar_days).mean;
        std::fprintf(stderr, "%s %s run %d: %d cases, %zu finished, %zu stuck, %lld events, %.4f s, "
                             "mean %.1f calendar days\n",
                     name, build_flavour(), r + 1, n, finished, stuck, static_cast<long long>(events), t,
                     mean_days);
    }
    const double med = median(secs);
    std::printf("{\"bench\":\"%s\",\"build\":\"%s\",\"cases\":%d,\"runs\":%d,\"steps\":%zu,"
                "\"finished\":%zu,\"stuck\":%zu,\"events\":%lld,\"median_seconds\":%.6f,"
                "\"cases_per_second\":%.1f,\"events_per_second\":%.1f,\"mean_calendar_days\":%.3f,"
                "\"seconds\":%s,\"cpu_seconds\":%s,\"warmup_seconds\":%s,\"warmup_cpu_seconds\":%s%s}\n",
                name, build_flavour(), n, a.runs, v.steps.size(), finished, stuck,
                static_cast<long long>(events), med, n / med, static_cast<double>(events) / med, mean_days,
                json_list(secs).c_str(), json_list(cpus).c_str(), json_list(cold).c_str(), json_list(cold_cpu).c_str(), extra_json.c_str());
    return 0;
}

int bench_approval(const Args& a) {
    const Scenario s = approval_process();
    return bench_runs("approval", s, s.variants[0], static_cast<std::int32_t>(a.count > 0 ? a.count : 10000),
                      a, true, "");
}

// ---------------------------------------------------------------- memory
// One hall run in a fresh process: peak memory before and after. The engine keeps one
// CaseMeasures per finished citizen; everything else is bounded by citizens in flight.
int bench_memory(const Args& a) {
    const std::int32_t n = static_cast<std::int32_t>(a.count > 0 ? a.count : 100000);
    const Scenario s = reference_hall();
    const std::int64_t before = peak_memory_bytes();
    EngineOptions o;
    o.seed = a.seed;
    o.citizens = n;
    o.background = false;
    const RunResult res = run_monte_carlo(s, s.variants[0], Calendar(), o);
    const std::int64_t after = peak_memory_bytes();
    std::fprintf(stderr, "memory %s: %d citizens, peak %.1f MB before, %.1f MB after, %.1f bytes/citizen\n",
                 build_flavour(), n, before / 1e6, after / 1e6, static_cast<double>(after - before) / n);
    std::printf("{\"bench\":\"memory\",\"build\":\"%s\",\"citizens\":%d,\"finished\":%zu,"
                "\"peak_before\":%lld,\"peak_after\":%lld,\"bytes_per_citizen\":%.1f,"
                "\"sizeof_case\":%zu}\n",
                build_flavour(), n, res.cases.size(), static_cast<long long>(before),
                static_cast<long long>(after), static_cast<double>(after - before) / n,
                sizeof(CaseMeasures));
    return 0;
}

// ---------------------------------------------------------------- largest scenario
int bench_scenario(const Args& a) {
    if (a.files.empty()) usage("scenario needs FILE...");
    Scenario best;
    std::string best_file;
    std::size_t best_steps = 0;
    for (const auto& f : a.files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        scenario::LoadResult r = scenario::load_scenario(text.str(), f);
        if (!r.ok || r.scenario.variants.empty()) {
            std::fprintf(stderr, "scenario: %s does not load, skipped\n", f.c_str());
            continue;
        }
        const std::size_t n = r.scenario.variants[0].steps.size();
        if (n > best_steps) {
            best_steps = n;
            best = std::move(r.scenario);
            best_file = f;
        }
    }
    if (best_steps == 0) {
        std::fprintf(stderr, "scenario: no file loads\n");
        return 1;
    }
    std::string background = "0";
    for (const auto& d : best.departments) {
        double peak = d.background.per_hour;
        for (double x : d.background.by_hour) peak = std::max(peak, x);
        if (peak > 0) background = "1";
    }
    std::string base = best_file.substr(best_file.find_last_of('/') + 1);
    const std::string extra = ",\"file\":\"" + base + "\",\"scenario\":\"" + best.id +
                              "\",\"variant\":\"" + best.variants[0].id + "\",\"departments\":" +
                              std::to_string(best.departments.size()) + ",\"has_background\":" + background;
    return bench_runs("scenario", best, best.variants[0],
                      static_cast<std::int32_t>(a.count > 0 ? a.count : 10000), a, true, extra);
}

// The 编辑 Editor's re-validation after an edit (issue 15): the canonical writer then the
// reader (scenario::validate_draft, what editor_screen.cpp runs every changed frame), timed
// on each file; the figure is the largest file's median. Target: ≤ 16 ms (the next frame).
int bench_revalidate(const Args& a) {
    if (a.files.empty()) usage("revalidate needs FILE...");
    std::string largest_file;
    std::size_t largest_bytes = 0;
    double largest_ms = 0, worst_ms = 0;
    for (const auto& f : a.files) {
        std::ifstream in(f, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        const scenario::LoadResult r = scenario::load_scenario(text.str(), f);
        if (!r.ok) {
            std::fprintf(stderr, "revalidate: %s does not load, skipped\n", f.c_str());
            continue;
        }
        for (int w = 0; w < a.warmup; ++w) (void)scenario::validate_draft(r.scenario);
        std::vector<double> ms;
        for (int run = 0; run < a.runs; ++run) {
            const auto t0 = std::chrono::steady_clock::now();
            const scenario::LoadResult again = scenario::validate_draft(r.scenario);
            ms.push_back(seconds_since(t0) * 1000);
            if (!again.ok) return 1;
        }
        const double m = median(ms);
        std::fprintf(stderr, "revalidate: %s (%zu bytes) %.2f ms\n", f.c_str(), text.str().size(), m);
        worst_ms = std::max(worst_ms, m);
        if (text.str().size() > largest_bytes) {
            largest_bytes = text.str().size();
            largest_file = f.substr(f.find_last_of('/') + 1);
            largest_ms = m;
        }
    }
    if (largest_file.empty()) return 1;
    std::printf("{\"bench\":\"revalidate\",\"flavour\":\"%s\",\"file\":\"%s\",\"bytes\":%zu,\"runs\":%d,"
                "\"median_ms\":%.3f,\"worst_file_median_ms\":%.3f}\n",
                build_flavour(), largest_file.c_str(), largest_bytes, a.runs, largest_ms, worst_ms);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse_args(argc, argv);
    if (a.command == "hall") return bench_hall(a);
    if (a.command == "approval") return bench_approval(a);
    if (a.command == "memory") return bench_memory(a);
    if (a.command == "scenario") return bench_scenario(a);
    if (a.command == "revalidate") return bench_revalidate(a);
    usage(("unknown command " + a.command).c_str());
}
