#!/usr/bin/env python3
"""The Pool API's own cost, jpool against Python's multiprocessing.Pool, on this machine.

  round trip   apply of a tiny task on a warm pool of 2 (jpool's ProcessPool and ThreadPool)
  map          map of 100,000 tiny tasks on 2 workers with the default chunksize,
               jpool's ProcessPool against Python's Pool(2).map(f, range(100000)):
               steady state (median after warm-up maps, once the JVMs' JIT has finished),
               and the first map on fresh workers, each side alike

Usage: python3 bench/pool_speed.py   (after `mvn -q -B -Pbench -DskipTests package`)
"""
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import time

# PoolBenchmark lives in the bench profile's module, not in the production jar.
JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jmh", "target", "benchmarks.jar")
TASKS = 100_000


def f(x):
    return x


def python_map_rates():
    """(first map on the fresh pool, median of 15 after 3 warm-up maps) in tasks/s."""
    with multiprocessing.Pool(2) as pool:
        start = time.perf_counter()
        assert pool.map(f, range(TASKS)) == list(range(TASKS))
        first = time.perf_counter() - start
        for _ in range(3):
            pool.map(f, range(TASKS))
        times = []
        for _ in range(15):
            start = time.perf_counter()
            result = pool.map(f, range(TASKS))
            times.append(time.perf_counter() - start)
            assert len(result) == TASKS
    return TASKS / first, TASKS / statistics.median(times)


def main():
    if not os.path.isfile(JAR):
        sys.exit("build first: mvn -q -B -Pbench -DskipTests package")
    out = subprocess.run(["java", "-cp", JAR, "dev.jpool.bench.PoolBenchmark"],
                         capture_output=True, text=True, check=True).stdout
    print(out, end="")
    jpool = float(re.search(r"ProcessPool map of [^\n]*: median [^\n]*?, (\d+) tasks/s", out).group(1))
    jpool_first = float(re.search(r"ProcessPool map of [^\n]*first \(cold JIT\)[^\n]*?, (\d+) tasks/s", out).group(1))
    python_first, python = python_map_rates()
    version = sys.version.split()[0]
    print(f"Python {version} Pool(2).map of {TASKS:,} tiny tasks, first on a fresh pool: {python_first:.0f} tasks/s")
    print(f"Python {version} Pool(2).map of {TASKS:,} tiny tasks: {python:.0f} tasks/s (median of 15 after 3 warm-up)")
    print(f"jpool ProcessPool / Python Pool map throughput: {jpool / python:.2f}x"
          f" (first map on fresh workers: {jpool_first / python_first:.2f}x)")


if __name__ == "__main__":
    main()
