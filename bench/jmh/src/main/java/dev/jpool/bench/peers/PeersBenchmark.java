package dev.jpool.bench.peers;

import dev.jpool.bench.peers.Peer.Cell;
import dev.jpool.bench.peers.Peer.Measure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * jpool against its peers, pools of 2 workers each, rounds interleaved in one run: jpool's
 * {@code ProcessPool(2)} with a task class and with a {@code SerializableTask} lambda, PP4J 2.2,
 * out-process 1.2.7, Python's {@code multiprocessing.Pool(2)} (bench/peers_python.py, one run per
 * round), and jpool's {@code ThreadPool(2)} as the floor; each with its library's default JVM
 * options. After one unmeasured start of each Java pool (a first pool's one-time costs: jpool's
 * class-data archive, the library's classes in this JVM), each round starts every pool afresh, in an
 * order that turns each round, and takes on it:
 *
 * <ol>
 *   <li>cold start: from the pool's constructor to the first result of a tiny task;
 *   <li>the round trip of one tiny task ({@code apply}): median of 2,000 calls after 2,000 warm-up
 *       calls, or of as many as 3 s and 5 s allow;
 *   <li>100,000 tiny tasks: the library's map (jpool, Python), else one submission each and a wait for
 *       each (PP4J, out-process), within 40 s;
 *   <li>the CPU job: 2 tasks at once, each summing a 64-bit hash over the same iterations everywhere
 *       (after one unmeasured run of 1 iteration, so that the task's first use is not in it);
 *   <li>in the last round(s): a batch of 200 tasks of 20 ms, one worker SIGKILLed 0.5 s in, and what
 *       the caller had by a deadline counted from the kill;
 * </ol>
 *
 * then tears the pool down (each library's terminate) and checks that every worker process it saw
 * has exited. A measure that fails gets "failed: why" in its cell, and the next measures a fresh
 * pool; one that ran out of time is not tried again. Prints one table of medians over the rounds,
 * with the machine and its load average; progress goes to stderr.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.peers.PeersBenchmark
 * [--rounds N] [--fault-rounds N] [--deadline SECONDS] [--tasks N] [--map-seconds N] [--iterations N]}
 * (after {@code mvn -B -Pbench -DskipTests package}).
 */
public final class PeersBenchmark {
    static final List<Long> SEEDS = List.of(1L, 2L);

    /** What one run measures. */
    record Settings(int rounds, int faultRounds, int tasks, int iterations, int faultTasks, int killAfterMillis,
                    int deadlineSeconds, int stepSeconds, int mapSeconds, List<Long> expectedSums) {
    }

    /** What {@link #leftOver} says when every process has exited. */
    static final String NONE_LEFT = "none left";

    private PeersBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long began = System.nanoTime();
        Settings settings = parse(args);
        List<Peer> peers = List.of(
                new JvmPeer("jpool ProcessPool(2), task class", () -> new JpoolProcessPeer(false)),
                new JvmPeer("jpool ProcessPool(2), lambda", () -> new JpoolProcessPeer(true)),
                new JvmPeer("PP4J 2.2 (submits)", Pp4jPeer::new),
                new JvmPeer("out-process 1.2.7 x2 (submits)", OutProcessPeer::new),
                new PythonPeer(PythonPeer.locateScript()),
                new JvmPeer("jpool ThreadPool(2) (floor)", JpoolThreadPeer::new));
        String loadBefore = loadAverage();
        System.err.printf(Locale.ROOT, "peers: %d rounds (fault batch in the last %d), load average %s%n",
                settings.rounds(), settings.faultRounds(), loadBefore);
        for (Peer peer : peers) {
            System.err.println("  warm-up (unmeasured): " + peer.name());
            peer.warmUp(settings);
        }
        Map<Peer, List<Map<Measure, Cell>>> results = new LinkedHashMap<>();
        peers.forEach(peer -> results.put(peer, new ArrayList<>()));
        for (int round = 0; round < settings.rounds(); round++) {
            boolean fault = round >= settings.rounds() - settings.faultRounds();
            List<Peer> order = new ArrayList<>(peers);
            Collections.rotate(order, -round);
            for (Peer peer : order) {
                System.err.printf(Locale.ROOT, "  round %d/%d%s: %s%n", round + 1, settings.rounds(),
                        fault ? " (with fault)" : "", peer.name());
                results.get(peer).add(safeRound(peer, settings, fault));
            }
        }
        printTable(settings, results, loadBefore, loadAverage(), (System.nanoTime() - began) / 1e9);
    }

    /** A round that throws (a bug here, not the peer's failure) fails the round's cells rather than the run. */
    private static Map<Measure, Cell> safeRound(Peer peer, Settings settings, boolean fault) {
        try {
            return peer.round(settings, fault);
        } catch (RuntimeException | Error e) {
            Map<Measure, Cell> cells = new java.util.EnumMap<>(Measure.class);
            for (Measure m : Measure.values()) {
                if (fault || m != Measure.FAULT) {
                    cells.put(m, Cell.failed("the benchmark's round threw " + Peer.oneLine(e)));
                }
            }
            cells.put(Measure.LEFT, Cell.text(leftOver(Set.of(), true)));
            return cells;
        }
    }

    private static Settings parse(String[] args) {
        int rounds = 3;
        int faultRounds = 1;
        int tasks = 100_000;
        int iterations = 3_000_000;
        int deadline = 30;
        int mapSeconds = 40;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("-h") || flag.equals("--help")) {
                System.out.println("usage: PeersBenchmark [--rounds N (3)] [--fault-rounds N (1)] [--deadline SECONDS (30)]"
                        + " [--tasks N (100000)] [--map-seconds N (40)] [--iterations N (3000000)]");
                System.exit(0);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            int value = Integer.parseInt(args[++i]);
            switch (flag) {
                case "--rounds" -> rounds = value;
                case "--fault-rounds" -> faultRounds = value;
                case "--deadline" -> deadline = value;
                case "--tasks" -> tasks = value;
                case "--iterations" -> iterations = value;
                case "--map-seconds" -> mapSeconds = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (rounds < 1 || faultRounds < 0 || faultRounds > rounds || tasks < 1 || iterations < 1 || mapSeconds < 1
                || deadline < 1) {
            throw new IllegalArgumentException("rounds >= 1, 0 <= fault rounds <= rounds, the rest >= 1");
        }
        int steps = iterations;
        List<Long> sums = SEEDS.stream().map(seed -> PeerTasks.hashSum(seed, steps)).toList();
        return new Settings(rounds, faultRounds, tasks, iterations, 200, 500, deadline, 60, mapSeconds, sums);
    }

    /**
     * Waits up to 5 s for every pid in {@code pids} (and, with {@code descendants}, every live
     * process under this JVM) to exit, then kills what is left: "none", or how many were left.
     */
    static String leftOver(Set<Long> pids, boolean descendants) {
        Set<Long> all = new LinkedHashSet<>(pids);
        if (descendants) {
            ProcessHandle.current().descendants().forEach(h -> all.add(h.pid()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<ProcessHandle> alive;
        do {
            alive = all.stream().map(ProcessHandle::of).flatMap(Optional::stream).filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                return NONE_LEFT;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        alive.forEach(ProcessHandle::destroyForcibly);
        return alive.size() + " process" + (alive.size() == 1 ? "" : "es") + " left running (killed)";
    }

    private static void printTable(Settings settings, Map<Peer, List<Map<Measure, Cell>>> results, String loadBefore,
                                   String loadAfter, double wallSeconds) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[Measure.values().length + 1];
        header[0] = "pool (2 workers)";
        for (Measure m : Measure.values()) {
            header[m.ordinal() + 1] = m.header;
        }
        rows.add(header);
        List<String> spreads = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Peer, List<Map<Measure, Cell>>> entry : results.entrySet()) {
            String[] row = new String[header.length];
            row[0] = entry.getKey().name();
            List<String> spread = new ArrayList<>();
            for (Measure m : Measure.values()) {
                List<Cell> cells = entry.getValue().stream().map(r -> r.get(m)).filter(c -> c != null).toList();
                row[m.ordinal() + 1] = summary(m, cells, spread);
                for (int r = 0; r < entry.getValue().size(); r++) {
                    Cell c = entry.getValue().get(r).get(m);
                    if (c != null && c.failed() && !JvmPeer.NOT_TRIED_AGAIN.equals(c.note())) {
                        failures.add(String.format(Locale.ROOT, "  %s, round %d, %s: %s", row[0], r + 1, m.header, c.text()));
                    }
                    if (c != null && c.note() != null && !JvmPeer.NOT_TRIED_AGAIN.equals(c.note())) {
                        notes.add(String.format(Locale.ROOT, "  %s, round %d, %s: %s", row[0], r + 1, m.header, c.note()));
                    }
                }
            }
            rows.add(row);
            spreads.add("  " + row[0] + ": " + String.join(", ", spread));
        }
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        System.out.println(machine());
        System.out.printf(Locale.ROOT, "load average before: %s; after: %s%n", loadBefore, loadAfter);
        System.out.printf(Locale.ROOT, "%d round%s, interleaved; medians over the rounds (min-max below)%n",
                settings.rounds(), settings.rounds() == 1 ? "" : "s");
        System.out.printf(Locale.ROOT, "map: %,d tiny tasks; CPU job: 2 tasks of %,d hash steps at once; fault: %d tasks"
                        + " of 20 ms, a worker SIGKILLed %d ms in, waited for until %d s after the kill (last %s)%n",
                settings.tasks(), settings.iterations(), settings.faultTasks(), settings.killAfterMillis(),
                settings.deadlineSeconds(), settings.faultRounds() == 1 ? "round" : settings.faultRounds() + " rounds");
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                String cell = rows.get(r)[i];
                boolean right = r > 0 && i >= 1 && i <= Measure.CPU.ordinal() + 1 && !cell.startsWith("failed");
                String padded = right ? " ".repeat(widths[i] - cell.length()) + cell
                        : cell + " ".repeat(widths[i] - cell.length());
                line.append(i == 0 ? "" : "  ").append(padded);
            }
            System.out.println(line.toString().stripTrailing());
        }
        System.out.println("min-max over the rounds:");
        spreads.forEach(System.out::println);
        if (!notes.isEmpty()) {
            System.out.println("notes:");
            notes.forEach(System.out::println);
        }
        if (!failures.isEmpty()) {
            System.out.println("failures (a measure that ran out of time is not tried again in later rounds):");
            failures.forEach(System.out::println);
        }
        System.out.printf(Locale.ROOT, "wall time %.0f s%n", wallSeconds);
    }

    /** The median of a measure's figures over the rounds, or its outcome(s); the range goes to {@code spread}. */
    private static String summary(Measure m, List<Cell> cells, List<String> spread) {
        if (cells.isEmpty()) {
            return "-";
        }
        double[] values = cells.stream().filter(Cell::numeric).mapToDouble(Cell::value).sorted().toArray();
        if (values.length == 0) {
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            cells.forEach(c -> outcomes.merge(c.text(), 1, Integer::sum));
            if (outcomes.size() == 1) {
                return outcomes.keySet().iterator().next();
            }
            List<String> parts = new ArrayList<>();
            outcomes.forEach((text, n) -> parts.add(text + " (" + n + " of " + cells.size() + " rounds)"));
            return String.join("; ", parts);
        }
        double median = values[values.length / 2];
        spread.add(m.header.replaceAll(",.*", "") + " " + format(m, values[0]) + "-" + format(m, values[values.length - 1]));
        String text = format(m, median);
        return values.length == cells.size() ? text : text + " (" + values.length + " of " + cells.size() + " rounds)";
    }

    private static String format(Measure m, double value) {
        return switch (m) {
            case COLD -> String.format(Locale.ROOT, "%.0f", value);
            case APPLY -> String.format(Locale.ROOT, value < 100 ? "%.1f" : "%.0f", value);
            case MAP -> String.format(Locale.ROOT, "%,.0f", value);
            case CPU -> String.format(Locale.ROOT, "%.3f", value);
            default -> String.valueOf(value);
        };
    }

    static String machine() {
        String cpu = "unknown CPU";
        String vectors = "";
        try {
            List<String> info = Files.readAllLines(Path.of("/proc/cpuinfo"));
            cpu = info.stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
            Set<String> flags = info.stream().filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Set.of(l.substring(l.indexOf(':') + 1).strip().split("\\s+"))).orElse(Set.of());
            vectors = flags.contains("avx512f") ? ", AVX-512" : flags.contains("avx2") ? ", AVX2 (no AVX-512)" : "";
        } catch (IOException e) {
            // not Linux: the CPU stays unnamed
        }
        return String.format(Locale.ROOT, "machine: %s, %d cores%s; %s %s (java %s)", cpu,
                Runtime.getRuntime().availableProcessors(), vectors, System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.version"));
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return String.join(" ", Arrays.copyOf(fields, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
