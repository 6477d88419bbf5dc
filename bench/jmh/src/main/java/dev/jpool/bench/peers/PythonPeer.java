package dev.jpool.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.bench.peers.Peer.Cell;
import dev.jpool.bench.peers.Peer.Measure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code multiprocessing.Pool(2)} (the platform's default start method): each round is one
 * run of bench/peers_python.py, which takes the same measures on a fresh pool and prints them as one
 * JSON line, with the pids of the workers it saw; their exit is checked here, after its own.
 */
final class PythonPeer implements Peer {
    private final Path script;
    private final String name;

    PythonPeer(Path script) {
        this.script = script;
        this.name = "Python " + version() + " multiprocessing.Pool(2)";
    }

    /** bench/peers_python.py beside the jar's module (bench/jmh/target/benchmarks.jar), else under the working directory. */
    static Path locateScript() {
        try {
            Path jar = Path.of(PythonPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = jar.getParent().getParent().getParent().resolve("peers_python.py");
            if (Files.isRegularFile(beside)) {
                return beside;
            }
        } catch (Exception e) {
            // the fallback below
        }
        return Path.of("bench", "peers_python.py");
    }

    private static String version() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.version.split()[0])")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : "(python3 failed)";
        } catch (IOException | InterruptedException e) {
            return "(no python3)";
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<Measure, Cell> round(PeersBenchmark.Settings settings, boolean fault) {
        Map<Measure, Cell> cells = new EnumMap<>(Measure.class);
        Set<Long> seen = new LinkedHashSet<>();
        try {
            cells.putAll(run(settings, fault, seen));
        } catch (Exception e) {
            for (Measure m : Measure.values()) {
                if (m != Measure.LEFT && (fault || m != Measure.FAULT)) {
                    cells.put(m, Cell.failed(e));
                }
            }
        }
        cells.put(Measure.LEFT, Cell.text(PeersBenchmark.leftOver(seen, true)));
        return cells;
    }

    private Map<Measure, Cell> run(PeersBenchmark.Settings settings, boolean fault, Set<Long> seen) throws Exception {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found");
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString(),
                "--apply-calls", String.valueOf(JvmPeer.APPLY_CALLS),
                "--warm-up-seconds", String.valueOf(JvmPeer.WARM_UP_SECONDS),
                "--measured-seconds", String.valueOf(JvmPeer.MEASURED_SECONDS),
                "--tasks", String.valueOf(settings.tasks()),
                "--iterations", String.valueOf(settings.iterations()),
                "--fault-tasks", String.valueOf(settings.faultTasks()),
                "--kill-after-ms", String.valueOf(settings.killAfterMillis()),
                "--deadline", String.valueOf(settings.deadlineSeconds())));
        if (fault) {
            command.add("--fault");
        }
        Path stderr = Files.createTempFile("peers-python", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            }, "peers-python-stdout");
            reader.start();
            long limit = 4 * settings.stepSeconds() + settings.deadlineSeconds();
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.descendants().forEach(h -> seen.add(h.pid()));
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException("peers_python.py gave no answer in " + limit + " s");
            }
            reader.join();
            String text = new String(out[0], StandardCharsets.UTF_8).strip();
            String last = text.isEmpty() ? "" : text.lines().reduce((a, b) -> b).orElse("");
            if (p.exitValue() != 0 || !last.startsWith("{")) {
                List<String> err = Files.readAllLines(stderr);
                throw new IllegalStateException("peers_python.py exit " + p.exitValue() + ": "
                        + (err.isEmpty() ? last : err.get(err.size() - 1)));
            }
            JsonNode json = new ObjectMapper().readTree(last);
            json.path("pids").forEach(pid -> seen.add(pid.asLong()));
            Map<Measure, Cell> cells = new EnumMap<>(Measure.class);
            cells.put(Measure.COLD, cell(json.path("cold_ms")));
            Cell apply = cell(json.path("apply_us"));
            cells.put(Measure.APPLY, json.has("apply_note") ? apply.withNote(json.path("apply_note").asText()) : apply);
            cells.put(Measure.MAP, cell(json.path("map_rate")));
            Cell cpu = cell(json.path("cpu_s"));
            if (cpu.numeric()) {
                List<Long> sums = new ArrayList<>();
                json.path("cpu_sums").forEach(s -> sums.add(s.asLong()));
                if (!sums.equals(settings.expectedSums())) {
                    cpu = Cell.failed("wrong sums " + sums);
                }
            }
            cells.put(Measure.CPU, cpu);
            if (fault) {
                cells.put(Measure.FAULT, cell(json.path("fault")));
            }
            return cells;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static Cell cell(JsonNode value) {
        if (value.isNumber()) {
            return Cell.of(value.asDouble());
        }
        return value.isMissingNode() ? Cell.failed("no figure") : Cell.text(value.asText());
    }
}
