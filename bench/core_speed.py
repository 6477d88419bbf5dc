#!/usr/bin/env python3
"""Core speed figures for jpool, printed side by side from one run on this machine.

  machine      CPU model, cores, vector width, JDK
  kernel       time per dart on one core, scalar and vector kernel: the serial rows of the compare
               runs below (median of 3 runs in one JVM, so JIT warm-up is spread over 1e10 darts)
  worker start spawn until hello, with and without the class-data archive, beside a bare `java`
               (jpool startup), one JVM at a time and two at once
  end to end   wall time of `pi --mode process --workers 2 --samples 1e9`, launcher start included,
               through ./jpool and through `java -jar`
  efficiency   serial, thread and process efficiency on 2 workers at 1e10 darts (jpool compare,
               medians), every mode on the vector kernel (./jpool), then every mode on the scalar one

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

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
JAR = os.path.join(ROOT, "cli", "target", "jpool.jar")
SCRIPT = os.path.join(ROOT, "jpool")


def run(command):
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def java_jar(*args):
    return run(["java", "-jar", JAR, *args])


def script(*args):
    return run([SCRIPT, *args])


def cpu():
    model, flags = platform.processor() or "unknown CPU", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                elif line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    simd = ("AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else
            "SSE" if "sse2" in flags else "no x86 SIMD flags")
    return model, simd


def startup(workers, repeat):
    data = json.loads(java_jar("startup", "--workers", str(workers), "--repeat", str(repeat), "--format", "json",
                               "-q"))
    print(f"worker start, {workers} JVM{'s' if workers > 1 else ''} at a time (jpool startup --workers {workers}"
          f" --repeat {repeat}; median spawn-to-first-line, and spawn-to-first-answer of a tiny task):")
    for line in data["lines"]:
        answer = line.get("medianFirstAnswerNanos")
        answer = f"   first answer {answer / 1e6:6.1f} ms" if answer is not None else ""
        print(f"  {line['label']:50s} {line['medianNanos'] / 1e6:7.1f} ms  {line['ratioToBareJava']:5.2f}x bare java"
              f"{answer}")


def end_to_end(label, launch, repeat):
    walls = []
    for _ in range(repeat):
        start = time.perf_counter()
        launch("pi", "--mode", "process", "--workers", "2", "--samples", "1e9", "-q")
        walls.append(time.perf_counter() - start)
    print(f"end to end, {label} pi --mode process --workers 2 --samples 1e9: {statistics.median(walls):.3f} s wall"
          f" (median of {repeat}, launcher start included; min {min(walls):.3f}, max {max(walls):.3f})")


def efficiency(label, output, samples):
    rows = list(csv.DictReader(io.StringIO(output)))
    for row in rows:
        print(f"efficiency at {samples} darts, {label}, {row['mode']:7s} {row['workers']} workers: "
              f"{float(row['efficiency']) * 100:5.1f}%  (wall {int(row['wallNanos']) / 1e9:.3f} s, speedup"
              f" {float(row['speedup']):.2f}x, {row['kernel']} kernel)")
    serial = rows[0]
    return int(serial["computeNanos"]) / float(samples), serial["kernel"]


def main():
    quick = "--quick" in sys.argv
    if not os.path.isfile(JAR):
        sys.exit("build first: mvn -q -B -DskipTests package")
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    model, simd = cpu()
    script("pi", "--samples", "1e6", "--workers", "2", "-q")  # builds the class-data archives if missing
    print(f"machine: {model}, {os.cpu_count()} cores, {simd}; {java}")

    startup(1, 5 if quick else 11)
    startup(2, 3 if quick else 7)

    end_to_end("./jpool", script, 3 if quick else 7)
    end_to_end("java -jar jpool.jar", java_jar, 3 if quick else 7)

    big = "1e9" if quick else "1e10"
    vector_ns, vector_name = efficiency("all vector (./jpool)", script(
        "compare", "--samples", big, "--workers", "2", "--repeat", "3", "--format", "csv", "-q"), big)
    scalar_ns, _ = efficiency("all scalar", java_jar(
        "compare", "--samples", big, "--workers", "2", "--repeat", "3", "--format", "csv", "-q",
        "--worker-jvm-opt=-Djpool.kernel=scalar"), big)
    print(f"kernel, scalar: {scalar_ns:.3f} ns/dart/core (serial rows above: median of 3 runs of {big} darts)")
    print(f"kernel, vector: {vector_ns:.3f} ns/dart/core ({vector_name}: {vector_name.split('-')[-1]}-bit vectors"
          f" of 64-bit lanes; {scalar_ns / vector_ns:.1f}x the scalar kernel)")


if __name__ == "__main__":
    main()
