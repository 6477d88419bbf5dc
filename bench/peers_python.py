#!/usr/bin/env python3
"""One round of PeersBenchmark for Python's multiprocessing.Pool(2), run by the benchmark's driver.

On a fresh Pool(2) (the platform's default start method), the same measures as the Java pools:
cold start (Pool(2) to the first result of apply), the apply round trip of a tiny task (median),
map of TASKS tiny tasks (Pool.map, default chunksize), the CPU job (hash_sum of seeds 1 and 2 over
ITERATIONS steps, one task each), and with --fault a batch of FAULT_TASKS tasks of 20 ms with one
worker SIGKILLed after KILL_AFTER_MS, waited for until DEADLINE seconds after the kill; then
Pool.terminate() and join(). Prints one JSON line: each figure, or "failed: why" in its place, and
the pids of every worker seen, whose exit the driver checks.

Run by: java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.peers.PeersBenchmark
"""
import argparse
import json
import multiprocessing
import os
import signal
import statistics
import sys
import time

MASK = (1 << 64) - 1
# The same generator as PeerTasks.hashSum: a 64-bit LCG (Knuth's MMIX constants).
MULTIPLIER = 6364136223846793005
INCREMENT = 1442695040888963407
SEED_MIX = 0x9E3779B97F4A7C15
SLEEP_SECONDS = 0.020
SEEDS = (1, 2)


def echo(x):
    return x


def hash_sum(seed, iterations):
    x = (seed ^ SEED_MIX) & MASK
    total = 0
    for _ in range(iterations):
        x = (x * MULTIPLIER + INCREMENT) & MASK
        total += x >> 33
    total &= MASK
    return total - (1 << 64) if total >= 1 << 63 else total  # as Java's long


def sleep(x):
    time.sleep(SLEEP_SECONDS)
    return x


def failed(e):
    line = (str(e).strip().splitlines() or [""])[0]
    return f"failed: {type(e).__name__}" + (f": {line}" if line else "")


def worker_pids(pool):
    return [p.pid for p in pool._pool]  # private, but the only way to name a worker to kill


def round_trip(pool, args):
    """Median of up to APPLY_CALLS calls after as many warm-up calls, each phase within its budget, as JvmPeer does."""
    warm = 0
    end = time.perf_counter() + args.warm_up_seconds
    while warm < args.apply_calls and time.perf_counter() < end:
        assert pool.apply(echo, (warm,)) == warm
        warm += 1
    times = []
    end = time.perf_counter() + args.measured_seconds
    while len(times) < args.apply_calls and (len(times) < 3 or time.perf_counter() < end):
        i = len(times)
        start = time.perf_counter()
        out = pool.apply(echo, (i,))
        times.append(time.perf_counter() - start)
        assert out == i
    return statistics.median(times) * 1e6, len(times), warm


def fault(pool, args, pids):
    inputs = list(range(args.fault_tasks))
    result = pool.map_async(sleep, inputs)
    time.sleep(args.kill_after_ms / 1000)
    victims = worker_pids(pool)
    pids.update(victims)
    os.kill(victims[0], signal.SIGKILL)
    killed = time.perf_counter()
    try:
        out = result.get(timeout=args.deadline)
    except multiprocessing.TimeoutError:
        return f"hung (no answer {args.deadline} s after the kill)"
    except Exception as e:
        return "threw " + type(e).__name__
    finally:
        time.sleep(0.2)  # the pool's handler replaces the dead worker: see the replacement too
        pids.update(worker_pids(pool))
    if out != inputs:
        return "returned wrong results"
    return f"returned all ({time.perf_counter() - killed:.1f} s after the kill)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--apply-calls", type=int, default=2000)
    parser.add_argument("--warm-up-seconds", type=float, default=3)
    parser.add_argument("--measured-seconds", type=float, default=5)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--iterations", type=int, default=3_000_000)
    parser.add_argument("--fault-tasks", type=int, default=200)
    parser.add_argument("--kill-after-ms", type=int, default=500)
    parser.add_argument("--deadline", type=int, default=30)
    parser.add_argument("--fault", action="store_true")
    args = parser.parse_args()

    report = {"python": sys.version.split()[0]}
    pids = set()
    start = time.perf_counter()
    pool = None
    try:
        pool = multiprocessing.Pool(2)
        assert pool.apply(echo, (1,)) == 1
        report["cold_ms"] = (time.perf_counter() - start) * 1e3
        pids.update(worker_pids(pool))
    except Exception as e:
        report["cold_ms"] = failed(e)
    if pool is not None and not isinstance(report["cold_ms"], str):
        try:
            report["apply_us"], calls, warm = round_trip(pool, args)
            if calls < args.apply_calls:
                report["apply_note"] = (f"{calls} calls after {warm} warm-up calls"
                                        f" (the {args.warm_up_seconds:g} s and {args.measured_seconds:g} s budgets)")
        except Exception as e:
            report["apply_us"] = failed(e)
        try:
            inputs = range(args.tasks)
            start = time.perf_counter()
            out = pool.map(echo, inputs)
            seconds = time.perf_counter() - start
            assert out == list(inputs), "map returned other results"
            report["map_rate"] = args.tasks / seconds
        except Exception as e:
            report["map_rate"] = failed(e)
        try:
            pool.starmap(hash_sum, [(seed, 1) for seed in SEEDS])  # unmeasured, as for the Java pools
            start = time.perf_counter()
            sums = pool.starmap(hash_sum, [(seed, args.iterations) for seed in SEEDS])
            report["cpu_s"] = time.perf_counter() - start
            report["cpu_sums"] = sums
        except Exception as e:
            report["cpu_s"] = failed(e)
        if args.fault:
            try:
                report["fault"] = fault(pool, args, pids)
            except Exception as e:
                report["fault"] = failed(e)
    else:
        for key in ("apply_us", "map_rate", "cpu_s") + (("fault",) if args.fault else ()):
            report[key] = "failed: the pool did not start"
    if pool is not None:
        pids.update(worker_pids(pool))
        pool.terminate()
        pool.join()
    report["pids"] = sorted(pids)
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
