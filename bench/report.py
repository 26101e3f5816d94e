#!/usr/bin/python3
"""Reads the JSON lines bench/run collected (peizou_bench native and wasm, SimPy) and
prints the table: figures, targets, ratios, and whether the engine and SimPy agree
with each other and with Erlang C. Runs of one kind are pooled: a line per run.

usage: report.py RESULTS.jsonl [--machine TEXT]
"""
import json
import math
import statistics
import sys


def load(path):
    groups = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line.startswith("{"):
            continue
        r = json.loads(line)
        key = (r["bench"], r["build"], r.get("citizens", r.get("cases")))
        g = groups.setdefault(key, {"first": r, "seconds": [], "cpu": [], "cold": [], "waits": [], "events": []})
        g["cold"] += r.get("warmup_seconds", [])
        g["cold_cpu"] = g.get("cold_cpu", []) + r.get("warmup_cpu_seconds", [])
        g["seconds"] += r.get("seconds", [])
        g["cpu"] += r.get("cpu_seconds", [])
        g["waits"] += r.get("waits", [])
        g["events"].append(r.get("events", 0))
    return groups


def find(groups, bench, build):
    for (b, bu, _), g in groups.items():
        if b == bench and bu == build:
            return g
    return None


def mean_se(xs):
    m = statistics.fmean(xs)
    se = statistics.stdev(xs) / math.sqrt(len(xs)) if len(xs) > 1 else float("nan")
    return m, se


def fmt_rate(x):
    if x >= 1e6:
        return "%.2f M" % (x / 1e6)
    if x >= 1e3:
        return "%.1f k" % (x / 1e3)
    return "%.0f" % x


def row(cols, widths):
    return "  ".join(str(c).ljust(w) for c, w in zip(cols, widths))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    groups = load(sys.argv[1])
    lines = []
    W = (40, 7, 11, 11, 16, 26)
    lines.append(row(("workload", "build", "wall", "CPU", "rate (by CPU)", "events/s (by CPU), notes"), W))
    lines.append(row(tuple("-" * w for w in W), W))
    ok = True

    def cpu_or_wall(g):
        return statistics.median(g["cpu"]) if g["cpu"] else statistics.median(g["seconds"])

    # ---- 1. reference hall
    hall = {b: find(groups, "hall", b) for b in ("native", "wasm", "simpy")}
    for b in ("native", "wasm", "simpy"):
        g = hall[b]
        if not g:
            continue
        f = g["first"]
        med, cpu = statistics.median(g["seconds"]), cpu_or_wall(g)
        ev = statistics.median(g["events"])
        lines.append(row(("M/M/10 hall, rho 0.9, %d citizens" % f["citizens"], b, "%.3f s" % med, "%.3f s" % cpu,
                          fmt_rate(f["citizens"] / cpu) + " cit/s",
                          fmt_rate(ev / cpu) + " ev/s, %d runs" % len(g["seconds"])), W))
    agree = []
    if hall["native"] and hall["simpy"]:
        theory = hall["native"]["first"]["erlang_c_minutes"]
        me, see = mean_se(hall["native"]["waits"])
        ms, ses = mean_se(hall["simpy"]["waits"])
        z_e = (me - theory) / see
        z_s = (ms - theory) / ses
        z_es = (me - ms) / math.hypot(see, ses)
        ok_stats = abs(z_e) < 4 and abs(z_s) < 4 and abs(z_es) < 4
        ok = ok and ok_stats
        agree.append("mean queue wait: peizou %.3f ± %.3f min, SimPy %.3f ± %.3f min, Erlang C %.3f min"
                     % (me, see, ms, ses, theory))
        agree.append("  z(peizou - Erlang C) = %+.2f, z(SimPy - Erlang C) = %+.2f, z(peizou - SimPy) = %+.2f"
                     " -> %s (|z| < 4)" % (z_e, z_s, z_es, "AGREE" if ok_stats else "DISAGREE"))

    # ---- 2. approval process, 4. largest scenario
    for bench, label in (("approval", "6-step approval, %d cases"), ("scenario", "%s, %d citizens")):
        for b in ("native", "wasm"):
            g = find(groups, bench, b)
            if not g:
                continue
            f = g["first"]
            med, cpu = statistics.median(g["seconds"]), cpu_or_wall(g)
            ev = statistics.median(g["events"])
            name = label % f["cases"] if bench == "approval" else label % (f["scenario"], f["cases"])
            note = "%s ev/s, %d steps" % (fmt_rate(ev / cpu), f["steps"])
            if f.get("stuck"):
                note += ", %d stuck" % f["stuck"]
            lines.append(row((name, b, "%.1f ms" % (med * 1e3), "%.1f ms" % (cpu * 1e3),
                              fmt_rate(f["cases"] / cpu) + " cases/s", note), W))

    # ---- 3. memory
    mem = sorted((k, g) for k, g in groups.items() if k[0] == "memory")
    for (_, b, n), g in mem:
        f = g["first"]
        lines.append(row(("memory: hall, %d citizens" % n, b, "-", "-", "%.1f MB peak" % (f["peak_after"] / 1e6),
                          "%.1f B/citizen (+%.1f MB)" % (f["bytes_per_citizen"],
                                                        (f["peak_after"] - f["peak_before"]) / 1e6)), W))
    print("\n".join(lines))
    print()
    for a in agree:
        print(a)

    # ---- ratios and targets
    print()
    print("ratios and targets (targets from issue 3; informative, not pass/fail)")

    def median_of(bench, build):
        g = find(groups, bench, build)
        return statistics.median(g["seconds"]) if g else None

    def cpu_median_of(bench, build):
        g = find(groups, bench, build)
        return statistics.median(g["cpu"]) if g and g["cpu"] else None

    def line(name, wall, cpu, unit, target, good):
        """One ratio or figure, by wall time and by processor time."""
        text = (unit % wall) + ("   CPU " + unit % cpu if cpu is not None else "")
        if target == "-":
            print("  %-50s %s" % (name, text))
            return
        mark = "meets" if good(cpu if cpu is not None else wall) else "MISSES"
        print("  %-50s %-26s target %-9s %s (by CPU)" % (name, text, target, mark))

    def ratio(a, b):
        return a / b if a is not None and b else None

    hn, hs, hw = median_of("hall", "native"), median_of("hall", "simpy"), median_of("hall", "wasm")
    cn, cs, cw = cpu_median_of("hall", "native"), cpu_median_of("hall", "simpy"), cpu_median_of("hall", "wasm")
    if hn and hs:
        line("hall: SimPy time / peizou native time", hs / hn, ratio(cs, cn), "%.1f x", ">= 50 x", lambda r: r >= 50)
    if hw and hs:
        line("hall: SimPy time / peizou wasm time", hs / hw, ratio(cs, cw), "%.1f x", "-", lambda r: True)
    if hn and hw:
        line("hall: wasm time / native time", hw / hn, ratio(cw, cn), "%.2f x", "<= 1.35 x", lambda r: r <= 1.35)
    an, aw = median_of("approval", "native"), median_of("approval", "wasm")
    can, caw = cpu_median_of("approval", "native"), cpu_median_of("approval", "wasm")
    if aw:
        line("approval, 10,000 cases, wasm", aw * 1e3, caw * 1e3 if caw else None, "%.0f ms", "<= 100 ms",
             lambda t: t <= 100)
        print("  %-50s %.0f x" % ("approval: Prosimos ~11 s / peizou wasm (CPU)", 11.0 / (caw or aw)))
    if an and aw:
        line("approval: wasm time / native time", aw / an, ratio(caw, can), "%.2f x", "<= 1.35 x",
             lambda r: r <= 1.35)
    # Not in the ratios above: the first run in a fresh process (Node compiling, both builds
    # touching new memory), as a page's first Monte Carlo meets it.
    for bench in ("hall", "approval"):
        for b in ("native", "wasm"):
            ga = find(groups, bench, b)
            if ga and ga["cold"]:
                cold_cpu = ga.get("cold_cpu") or [float("nan")]
                print("  %-50s %.0f ms   CPU %.0f ms" % ("%s, %s, first run in a fresh process" % (bench, b),
                                                       ga["cold"][0] * 1e3, cold_cpu[0] * 1e3))
    for (_, b, n), g in mem:
        if b == "native":
            f = g["first"]
            print("  %-50s %-26s target %-9s %s" % ("memory native, %d citizens, per citizen" % n,
                                                   "%.1f B" % f["bytes_per_citizen"], "<= 100 B",
                                                   "meets" if f["bytes_per_citizen"] <= 100 else "MISSES"))
    for build in ("native", "wasm"):
        sized = [(n, g) for (_, b, n), g in mem if b == build]
        if len(sized) >= 2:
            (n1, g1), (n2, g2) = sized[0], sized[-1]
            marginal = (g2["first"]["peak_after"] - g1["first"]["peak_after"]) / (n2 - n1)
            print("  %-50s %.1f B (one CaseMeasures is %d B)" % ("memory %s, marginal per citizen %d..%d" % (build, n1, n2),
                                                                marginal, g1["first"]["sizeof_case"]))
    sn, sw = median_of("scenario", "native"), median_of("scenario", "wasm")
    csn, csw = cpu_median_of("scenario", "native"), cpu_median_of("scenario", "wasm")
    if sn:
        line("largest scenario, 10,000 citizens, native", sn * 1e3, csn * 1e3 if csn else None, "%.0f ms",
             "< 1000 ms", lambda t: t < 1000)
    if sn and sw:
        line("largest scenario: wasm time / native time", sw / sn, ratio(csw, csn), "%.2f x", "-", lambda r: True)
    if not ok:
        print("\nWARNING: peizou and SimPy do not agree statistically (see above)")


if __name__ == "__main__":
    main()
