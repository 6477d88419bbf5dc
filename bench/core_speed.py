#!/usr/bin/env python3
"""Core speed figures for jpool, printed side by side from one run on this machine, per JDK found
(the default java, and a JDK 25 from JAVA25_HOME or /usr/lib/jvm, as .ci/run looks for it).

  machine      CPU model, cores, SIMD flags; per JDK its version and vector width
  kernels      each kernel against the plain hand-written Vector API loop (bench/jmh KernelRatios:
               interleaved bursts, so a busy machine changes the ratios little)
  start-up     spawn to hello, without a start cache, with the class-data archive, with the AOT cache
               (JDK 25), beside a bare `java` (jpool startup, 2 JVMs at a time)
  processes    ./jpool pi --mode process against --mode thread, whole command, 1e9 darts, 2 workers,
               interleaved with a bare `java` hello world: what processes cost, in bare-JVM starts,
               wall and CPU seconds
  Python       jpool's whole-command darts per second against the tutorial's program on 2 processes
  --efficiency also the older figures: end to end, and efficiency at 1e10 darts (minutes more)

Usage: python3 bench/core_speed.py [--quick] [--efficiency]
       (after `mvn -q -B -DskipTests package`, and `mvn -q -B -Pbench -DskipTests package` for the kernels)
"""
import csv
import glob
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


BENCH_JAR = os.path.join(ROOT, "bench", "jmh", "target", "benchmarks.jar")
TUTORIAL = os.path.join(ROOT, "bench", "tutorial_pi.py")


def jdks():
    """The default java, and a JDK 25 where one is found (JAVA25_HOME, else under /usr/lib/jvm), as .ci/run does."""
    found = [("default", os.environ.get("JAVA_HOME"))]
    home = os.environ.get("JAVA25_HOME")
    if not home:
        for d in sorted(glob.glob("/usr/lib/jvm/*25*")):
            if os.access(os.path.join(d, "bin", "java"), os.X_OK):
                home = d
    if home and version(home).startswith("25"):
        found.append(("JDK 25", home))
    return found


def java_of(home):
    return os.path.join(home, "bin", "java") if home else "java"


def version(home):
    out = subprocess.run([java_of(home), "-version"], capture_output=True, text=True).stderr
    first = out.splitlines()[0] if out else ""
    return first.split('"')[1] if '"' in first else first


def timed(command, env=None):
    """Wall seconds and CPU seconds (user + sys of the whole process tree) of one command."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, usage.ru_utime + usage.ru_stime


def kernels(home):
    if not os.path.isfile(BENCH_JAR):
        print("  kernels: bench/jmh/target/benchmarks.jar is not built (mvn -q -B -Pbench -DskipTests package); skipped")
        return
    out = run([java_of(home), "--add-modules=jdk.incubator.vector", "-cp", BENCH_JAR, "dev.jpool.bench.KernelRatios",
               "5", "2"])
    print("  kernels against the plain Vector API loop (KernelRatios: interleaved one-block bursts, fastest burst"
          " per repetition, median of 5 and range):")
    for line in out.splitlines():
        print("    " + line.strip())


def startups(home, env, workers, repeat):
    data = json.loads(run([java_of(home), "-jar", JAR, "startup", "--workers", str(workers), "--repeat", str(repeat),
                           "--format", "json", "-q"]))
    print(f"  start-up, {workers} JVMs at a time (jpool startup --workers {workers} --repeat {repeat}; median spawn to"
          f" hello, and to the first answer of a tiny task):")
    for line in data["lines"]:
        answer = line.get("medianFirstAnswerNanos")
        answer = f"   first answer {answer / 1e6:6.1f} ms" if answer is not None else ""
        print(f"    {line['label']:50s} {line['medianNanos'] / 1e6:7.1f} ms  {line['ratioToBareJava']:5.2f}x bare java"
              f"{answer}")


def process_over_thread(home, env, repeat):
    """./jpool pi in both modes and a bare java hello world, interleaved: medians, and the cost in bare-JVM starts."""
    bare = [java_of(home), "-cp", JAR, "dev.jpool.worker.HelloWorld"]
    modes = {m: [SCRIPT, "pi", "--mode", m, "--workers", "2", "--samples", "1e9", "-q"] for m in ("process", "thread")}
    times = {"bare": [], "process": [], "thread": []}
    timed(modes["process"], env)  # caches built, files in the page cache
    for _ in range(repeat):
        times["bare"].append(timed(bare, env))
        for m, command in modes.items():
            times[m].append(timed(command, env))
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()}
    extra = med["process"][0] - med["thread"][0]
    print(f"  whole command, ./jpool pi --workers 2 --samples 1e9, interleaved, median of {repeat}:"
          f" process {med['process'][0]:.3f} s wall ({med['process'][1]:.2f} s CPU),"
          f" thread {med['thread'][0]:.3f} s ({med['thread'][1]:.2f} s CPU), bare java hello world"
          f" {med['bare'][0] * 1e3:.1f} ms")
    print(f"  processes cost {extra:.3f} s more than threads: {extra / med['bare'][0]:.1f}x a bare java start"
          f" (target 3x); {med['process'][1] - med['thread'][1]:.2f} s more CPU")
    return med["process"][0]


def python_rate(samples=4_000_000):
    env = dict(os.environ, NUM_PROCS="2")
    out = subprocess.run([sys.executable, TUTORIAL, str(samples)], env=env, capture_output=True, text=True,
                         check=True).stdout
    for line in out.splitlines():
        if "arallel" in line:
            return samples / float(line.rsplit(":", 1)[1])
    return None


def main():
    quick = "--quick" in sys.argv
    if not os.path.isfile(JAR):
        sys.exit("build first: mvn -q -B -DskipTests package")
    model, simd = cpu()
    print(f"machine: {model}, {os.cpu_count()} cores, {simd}")
    py_samples = 4_000_000 if quick else 20_000_000
    py = python_rate(py_samples)
    if py:
        print(f"Python {platform.python_version()}, the tutorial's program, Pool.map on 2 processes:"
              f" {py:.3g} darts/s (its parallel time, {py_samples:.0e} darts)")
    for name, home in jdks():
        env = dict(os.environ)
        if home:
            env["JAVA_HOME"] = home
            env["PATH"] = os.path.join(home, "bin") + os.pathsep + env.get("PATH", "")
        print(f"{name}: Java {version(home)}")
        subprocess.run([SCRIPT, "pi", "--samples", "1e6", "--workers", "2", "-q"], env=env, capture_output=True)
        kernels(home)
        startups(home, env, 2, 3 if quick else 7)
        wall = process_over_thread(home, env, 3 if quick else 5)
        if py:
            print(f"  jpool / Python: {1e9 / wall / py:,.0f}x darts per second (./jpool pi --mode process, whole"
                  f" command, 1e9 darts, against the tutorial's parallel time; target 100x)")
    if "--efficiency" in sys.argv:
        legacy(quick)


def legacy(quick):
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
