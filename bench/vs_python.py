#!/usr/bin/env python3
"""jpool against the tutorial's Python program, on this machine, 2 processes each.

Runs bench/tutorial_pi.py (the tutorial's MonteCarloPiMC.py: random.random() darts, Pool.map over
NUM_PROCS chunks) and `jpool pi --mode process`, each at a size it finishes in a few seconds, and
prints darts per second for both and their ratio. Python's figure is the program's own "Parallel
time" (pool start, map, sum); jpool's is its wall time (first worker spawn until every worker JVM
has exited), and, beside it, the whole command with the launcher's start.

Usage: python3 bench/vs_python.py [--repeat R] [--python-samples N] [--jpool-samples N]
       (after `mvn -q -B -DskipTests package`)
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "..", "cli", "target", "jpool.jar")
TUTORIAL = os.path.join(HERE, "tutorial_pi.py")
PROCS = 2


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def python_run(samples):
    env = dict(os.environ, NUM_PROCS=str(PROCS))
    out = subprocess.run([sys.executable, TUTORIAL, str(samples)], env=env, capture_output=True, text=True,
                         check=True).stdout
    parallel = float(re.search(r"Parallel time on \d+ cores:([0-9.]+)", out).group(1))
    serial = float(re.search(r"Serial time:([0-9.]+)", out).group(1))
    return parallel, serial


def jpool_run(samples):
    start = time.perf_counter()
    out = subprocess.run(["java", "-jar", JAR, "pi", "--mode", "process", "--workers", str(PROCS), "--samples",
                          str(samples), "--format", "json", "-q"], capture_output=True, text=True, check=True).stdout
    command = time.perf_counter() - start
    result = json.loads(out)
    return result["wallNanos"] / 1e9, command, result["kernel"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--python-samples", type=float, default=4e7)
    parser.add_argument("--jpool-samples", type=float, default=2e10)
    args = parser.parse_args()
    if not os.path.isfile(JAR):
        sys.exit("build first: mvn -q -B -DskipTests package")
    py_n, j_n = int(args.python_samples), int(args.jpool_samples)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; Python {platform.python_version()}; {java}")

    jpool_run(10 ** 6)  # builds the worker class-data archive if this jar has none yet
    py, jp = [], []
    for _ in range(args.repeat):  # interleaved, so a change in load touches both
        py.append(python_run(py_n))
        jp.append(jpool_run(j_n))
    parallel = statistics.median(p for p, _ in py)
    serial = statistics.median(s for _, s in py)
    wall = statistics.median(w for w, _, _ in jp)
    command = statistics.median(c for _, c, _ in jp)
    py_rate, j_rate, j_cmd_rate = py_n / parallel, j_n / wall, j_n / command
    print(f"Python, tutorial program, Pool.map on {PROCS} processes: {py_n:.3g} darts, parallel time {parallel:.3f} s"
          f" -> {py_rate:.3g} darts/s  (its serial run: {py_n / serial:.3g} darts/s; median of {args.repeat})")
    print(f"jpool pi --mode process --workers {PROCS} ({jp[0][2]} kernel): {j_n:.3g} darts, wall {wall:.3f} s"
          f" -> {j_rate:.3g} darts/s  (whole command, launcher start included: {command:.3f} s ->"
          f" {j_cmd_rate:.3g} darts/s; median of {args.repeat})")
    print(f"jpool / Python: {j_rate / py_rate:,.0f}x darts per second ({j_cmd_rate / py_rate:,.0f}x counting"
          f" jpool's launcher start)")


if __name__ == "__main__":
    main()
