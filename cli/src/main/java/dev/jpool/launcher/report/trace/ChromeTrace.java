package dev.jpool.launcher.report.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Span;
import dev.jpool.launcher.run.WorkerTiming;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes runs as a Chrome trace-event file (the JSON object form, {@code {"traceEvents": [...]}}),
 * which Perfetto (ui.perfetto.dev) and chrome://tracing open. Each run is one trace "process",
 * each of its workers one "thread" lane, each phase of a worker one complete ("X") event with
 * its start {@code ts} and duration {@code dur} in microseconds since the run began. Metadata
 * ("M") events name the runs and lanes and keep them in the given order.
 */
public final class ChromeTrace {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private ChromeTrace() {
    }

    public static void write(Path file, List<TimelineRun> runs) throws IOException {
        MAPPER.writeValue(file.toFile(), trace(runs));
    }

    static Map<String, Object> trace(List<TimelineRun> runs) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            TimelineRun run = runs.get(r);
            int pid = r + 1;
            events.add(metadata("process_name", pid, 0, Map.of("name", run.title())));
            events.add(metadata("process_sort_index", pid, 0, Map.of("sort_index", r)));
            for (WorkerTiming worker : run.run().workers()) {
                int tid = worker.index() + 1;
                events.add(metadata("thread_name", pid, tid, Map.of("name", run.laneName(worker))));
                events.add(metadata("thread_sort_index", pid, tid, Map.of("sort_index", worker.index())));
                for (Span span : worker.spans()) {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("name", span.phase());
                    event.put("cat", run.run().mode().label());
                    event.put("ph", "X");
                    event.put("ts", span.startNanos() / 1e3);
                    event.put("dur", span.durationNanos() / 1e3);
                    event.put("pid", pid);
                    event.put("tid", tid);
                    Map<String, Object> args = new LinkedHashMap<>();
                    args.put("worker", worker.index());
                    if (worker.pid() != null) {
                        args.put("os_pid", worker.pid());
                    }
                    args.put("samples", worker.samples());
                    event.put("args", args);
                    events.add(event);
                }
            }
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("traceEvents", events);
        trace.put("displayTimeUnit", "ms");
        Map<String, Object> other = new LinkedHashMap<>();
        other.put("tool", "jpool");
        other.put("clock", "launcher System.nanoTime(), microseconds since each run's start");
        if (!runs.isEmpty()) {
            other.put("samples", runs.get(0).run().samples());
            other.put("seed", runs.get(0).run().seed());
        }
        trace.put("otherData", other);
        return trace;
    }

    private static Map<String, Object> metadata(String name, int pid, int tid, Map<String, Object> args) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("ph", "M");
        event.put("pid", pid);
        event.put("tid", tid);
        event.put("args", args);
        return event;
    }
}
