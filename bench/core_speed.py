#!/usr/bin/env python3
"""Core speed figures for jpool, printed side by side from one run on this machine.

  kernel       serial compute time per sample (one core, the kernel alone)
  end to end   wall time of `pi --mode process --workers 2 --samples 1e9`, launcher start included
  efficiency   thread and process efficiency on 2 workers at 1e10 samples (jpool compare, medians)

Usage: python3 bench/core_speed.py [--quick]   (after `mvn -q -B -DskipTests package`)
"""
import csv
import io
import json
import os
import platform
import statistics
import subprocess
import sys
import time

JAR = os.path.join(os.path.dirname(__file__), "..", "launcher", "target", "jpool.jar")


def jpool(*args):
    done = subprocess.run(["java", "-jar", JAR, *args], capture_output=True, text=True, check=True)
    return done.stdout


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main():
    quick = "--quick" in sys.argv
    if not os.path.isfile(JAR):
        sys.exit("build first: mvn -q -B -DskipTests package")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    print(f"machine: {cpu_model()}, {os.cpu_count()} cores; {java}")

    kernel_samples = "1e8" if quick else "2e9"
    runs = [json.loads(jpool("pi", "--mode", "serial", "--samples", kernel_samples, "--format", "json", "-q"))
            for _ in range(3)]
    ns = statistics.median(r["workerDetails"][0]["computeNanos"] / r["samples"] for r in runs)
    print(f"kernel ({runs[0]['kernel']}): {ns:.2f} ns/sample/core (serial, {kernel_samples} samples, median of 3)")

    walls = []
    for _ in range(5):
        start = time.perf_counter()
        jpool("pi", "--mode", "process", "--workers", "2", "--samples", "1e9", "-q")
        walls.append(time.perf_counter() - start)
    print(f"end to end: pi --mode process --workers 2 --samples 1e9: {statistics.median(walls):.3f} s wall "
          f"(median of 5, launcher start included; min {min(walls):.3f}, max {max(walls):.3f})")

    big = "1e9" if quick else "1e10"
    rows = list(csv.DictReader(io.StringIO(jpool("compare", "--samples", big, "--workers", "2", "--repeat", "3",
                                                 "--format", "csv", "-q"))))
    for row in rows:
        print(f"efficiency at {big} samples, {row['mode']:7s} {row['workers']} workers: "
              f"{float(row['efficiency']) * 100:5.1f}%  (wall {int(row['wallNanos']) / 1e9:.3f} s, "
              f"speedup {float(row['speedup']):.2f}x)")


if __name__ == "__main__":
    main()
