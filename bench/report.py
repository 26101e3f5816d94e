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
    W = (42, 7, 12, 16, 30)
    lines.append(row(("workload", "build", "median time", "rate", "events/s, notes"), W))
    lines.append(row(("-" * 42, "-" * 7, "-" * 12, "-" * 16, "-" * 30), W))
    ok = True

    # ---- 1. reference hall
    hall = {b: find(groups, "hall", b) for b in ("native", "wasm", "simpy")}
    for b in ("native", "wasm", "simpy"):
        g = hall[b]
        if not g:
            continue
        f = g["first"]
        med = statistics.median(g["seconds"])
        ev = statistics.median(g["events"])
        lines.append(row(("M/M/10 hall, rho 0.9, %d citizens" % f["citizens"], b, "%.4f s" % med,
                          fmt_rate(f["citizens"] / med) + " cit/s",
                          fmt_rate(ev / med) + " ev/s (%d runs)" % len(g["seconds"])), W))
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
            med = statistics.median(g["seconds"])
            ev = statistics.median(g["events"])
            name = label % f["cases"] if bench == "approval" else label % (f["scenario"], f["cases"])
            note = "%s ev/s, %d steps" % (fmt_rate(ev / med), f["steps"])
            if f.get("stuck"):
                note += ", %d stuck" % f["stuck"]
            lines.append(row((name, b, "%.1f ms" % (med * 1e3), fmt_rate(f["cases"] / med) + " cases/s", note), W))

    # ---- 3. memory
    mem = sorted((k, g) for k, g in groups.items() if k[0] == "memory")
    for (_, b, n), g in mem:
        f = g["first"]
        lines.append(row(("memory: hall, %d citizens" % n, b, "-", "%.1f MB peak" % (f["peak_after"] / 1e6),
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

    def line(name, value, target, good):
        mark = "meets" if good else "MISSES"
        print("  %-52s %-14s target %-10s %s" % (name, value, target, mark))

    def cpu_median_of(bench, build):
        g = find(groups, bench, build)
        return statistics.median(g["cpu"]) if g and g["cpu"] else None

    hn, hs, hw = median_of("hall", "native"), median_of("hall", "simpy"), median_of("hall", "wasm")
    if hn and hs:
        r = hs / hn
        line("hall: peizou native / SimPy citizens/s", "%.1f x" % r, ">= 50 x", r >= 50)
    cn, cs = cpu_median_of("hall", "native"), cpu_median_of("hall", "simpy")
    if cn and cs:
        print("  %-52s %.1f x (%.4f s vs %.4f s CPU)" % ("hall: the same by processor time", cs / cn, cn, cs))
    if hw and hs:
        print("  %-52s %.1f x" % ("hall: peizou wasm / SimPy citizens/s", hs / hw))
    if hn and hw:
        r = hw / hn
        line("hall: wasm time / native time", "%.2f x" % r, "<= 1.35 x", r <= 1.35)
    an, aw = median_of("approval", "native"), median_of("approval", "wasm")
    if aw:
        line("approval 10,000 cases in wasm", "%.1f ms" % (aw * 1e3), "<= 100 ms", aw <= 0.1)
        print("  %-52s %.0f x" % ("approval: Prosimos ~11 s / peizou wasm", 11.0 / aw))
    if an and aw:
        r = aw / an
        line("approval: wasm time / native time", "%.2f x" % r, "<= 1.35 x", r <= 1.35)
    ga = find(groups, "approval", "wasm")
    if ga and ga["cold"]:
        print("  %-52s %.1f ms (Node still compiling the wasm)" % ("approval in wasm, first run in a fresh Node",
                                                                 ga["cold"][0] * 1e3))
    can, caw = cpu_median_of("approval", "native"), cpu_median_of("approval", "wasm")
    if can and caw:
        print("  %-52s %.2f x" % ("approval: wasm / native by processor time", caw / can))
    chn, chw = cpu_median_of("hall", "native"), cpu_median_of("hall", "wasm")
    if chn and chw:
        print("  %-52s %.2f x" % ("hall: wasm / native by processor time", chw / chn))
    for (_, b, n), g in mem:
        if b == "native":
            f = g["first"]
            line("memory native, %d citizens: bytes per citizen" % n, "%.1f B" % f["bytes_per_citizen"],
                 "<= 100 B", f["bytes_per_citizen"] <= 100)
    natives = [(n, g) for (_, b, n), g in mem if b == "native"]
    if len(natives) >= 2:
        (n1, g1), (n2, g2) = natives[0], natives[-1]
        marginal = (g2["first"]["peak_after"] - g1["first"]["peak_after"]) / (n2 - n1)
        print("  %-52s %.1f B (sizeof CaseMeasures = %d B)" % ("memory native, marginal per citizen %d -> %d" % (n1, n2),
                                                             marginal, g1["first"]["sizeof_case"]))
    sn = median_of("scenario", "native")
    if sn:
        line("largest scenario, 10,000 citizens, native", "%.1f ms" % (sn * 1e3), "< 1000 ms", sn < 1.0)
    sw = median_of("scenario", "wasm")
    if sn and sw:
        print("  %-52s %.2f x" % ("largest scenario: wasm time / native time", sw / sn))
    if not ok:
        print("\nWARNING: peizou and SimPy do not agree statistically (see above)")


if __name__ == "__main__":
    main()
