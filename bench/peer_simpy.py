#!/usr/bin/python3
"""The reference hall in SimPy (Debian's python3-simpy3): the peer peizou_bench is
measured against. Same model as reference_hall() in bench/bench.cpp: one hall, c = 10
windows, Poisson arrivals at rho = 0.9, exponential service with a mean of 10 minutes,
always open, N citizens, nothing else.

Written the way the SimPy documentation writes it: a source process and one process per
citizen that requests a Resource. Prints one JSON object like `peizou_bench hall`.

Run with /usr/bin/python3 (the pyenv python3 first on PATH has no simpy).
"""
import argparse
import json
import random
import statistics
import sys
import time

import simpy

WINDOWS = 10
RHO = 0.9
SERVICE_MINUTES = 10.0


def erlang_c_wait_minutes():
    mu = 1.0 / SERVICE_MINUTES
    lam = RHO * WINDOWS * mu
    a = lam / mu
    term, total = 1.0, 1.0
    for k in range(1, WINDOWS):
        term *= a / k
        total += term
    last = term * a / WINDOWS / (1 - RHO)
    return last / (total + last) / (WINDOWS * mu - lam)


def run_hall(citizens, seed):
    """One run; returns (mean queue wait in minutes, events scheduled)."""
    rng = random.Random(seed)
    env = simpy.Environment()
    desk = simpy.Resource(env, capacity=WINDOWS)
    arrival_rate = RHO * WINDOWS / SERVICE_MINUTES  # per minute
    service_rate = 1.0 / SERVICE_MINUTES
    stats = [0.0, 0]  # total wait, served

    def citizen(env):
        joined = env.now
        with desk.request() as ticket:
            yield ticket
            stats[0] += env.now - joined
            stats[1] += 1
            yield env.timeout(rng.expovariate(service_rate))

    def arrivals(env):
        for _ in range(citizens):
            env.process(citizen(env))
            yield env.timeout(rng.expovariate(arrival_rate))

    env.process(arrivals(env))
    env.run()
    if stats[1] != citizens:
        sys.exit("simpy: only %d of %d citizens served" % (stats[1], citizens))
    # SimPy numbers every scheduled event from one counter: its next value is the count.
    events = next(env._eid)
    return stats[0] / stats[1], events


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--citizens", type=int, default=200000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    secs, cpus, waits, events = [], [], [], 0
    for r in range(a.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        wait, events = run_hall(a.citizens, a.seed + r)
        t = time.perf_counter() - t0
        cpus.append(time.process_time() - c0)
        secs.append(t)
        waits.append(wait)
        print("hall simpy run %d: %d citizens, %d events, %.4f s, mean wait %.3f min"
              % (r + 1, a.citizens, events, t, wait), file=sys.stderr)
    med = statistics.median(secs)
    se = statistics.stdev(waits) / len(waits) ** 0.5 if len(waits) > 1 else 0.0
    print(json.dumps({
        "bench": "hall", "build": "simpy", "simpy": simpy.__version__,
        "python": sys.version.split()[0], "citizens": a.citizens, "runs": a.runs,
        "windows": WINDOWS, "rho": RHO, "events": events, "median_seconds": med,
        "citizens_per_second": a.citizens / med, "events_per_second": events / med,
        "mean_wait_minutes": statistics.fmean(waits), "wait_se": se,
        "erlang_c_minutes": erlang_c_wait_minutes(), "seconds": secs, "cpu_seconds": cpus, "waits": waits,
    }))


if __name__ == "__main__":
    main()
