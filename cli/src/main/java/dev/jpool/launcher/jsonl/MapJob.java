package dev.jpool.launcher.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.jpool.pool.Pool;
import dev.jpool.pool.PoolException;
import dev.jpool.pool.TaskException;
import dev.jpool.task.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * A user's task over JSON lines: chunks go to the pool; a chunk that fails is retried input by
 * input, so only the inputs that really fail are reported; results are written in input order,
 * or as they complete with their index.
 */
public final class MapJob {
    /**
     * @param succeeded inputs with a result line
     * @param failed    inputs reported as failed
     */
    public record Outcome(int succeeded, int failed) {
    }

    private record Result(int index, Object value, String failure) {
    }

    private final Pool pool;
    private final Task<Object, Object> task;
    private final List<JsonLines.Line> lines;
    private final boolean unordered;
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();

    public MapJob(Pool pool, Task<Object, Object> task, List<JsonLines.Line> lines, boolean unordered) {
        this.pool = pool;
        this.task = task;
        this.lines = lines;
        this.unordered = unordered;
    }

    /** Runs every input; writes result lines to {@code sink} and each failure to {@code failures}. */
    public Outcome run(int chunksize, OutputStream sink, Consumer<String> failures) throws InterruptedException {
        List<Integer> indices = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        JavaType inputType = TypeFactory.defaultInstance().findTypeParameters(task.getClass(), Task.class)[0];
        for (int i = 0; i < lines.size(); i++) {
            JsonLines.Line line = lines.get(i);
            if (line.error() != null) {
                results.add(new Result(i, null, line.error()));
                continue;
            }
            try {
                inputs.add(JsonLines.MAPPER.convertValue(line.value(), inputType));
                indices.add(i);
            } catch (IllegalArgumentException e) {
                String why = e.getCause() instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                results.add(new Result(i, null, "not a " + inputType.toCanonical() + ": " + why.lines().findFirst().orElse("")));
            }
        }
        for (int first = 0; first < inputs.size(); first += chunksize) {
            int end = Math.min(inputs.size(), first + chunksize);
            submit(indices.subList(first, end), inputs.subList(first, end));
        }
        return drain(sink, failures);
    }

    private void submit(List<Integer> indices, List<Object> chunk) {
        pool.mapAsync(task, chunk, chunk.size()).whenComplete((outputs, failure) -> {
            if (failure == null) {
                for (int k = 0; k < chunk.size(); k++) {
                    results.add(new Result(indices.get(k), outputs.get(k), null));
                }
            } else if (chunk.size() == 1) {
                results.add(new Result(indices.get(0), null, describe(failure)));
            } else {
                // A chunk fails as a whole: find out which of its inputs really fail.
                for (int k = 0; k < chunk.size(); k++) {
                    submit(indices.subList(k, k + 1), chunk.subList(k, k + 1));
                }
            }
        });
    }

    private Outcome drain(OutputStream sink, Consumer<String> failures) throws InterruptedException {
        Map<Integer, Result> waiting = new TreeMap<>();
        int next = 0;
        int failed = 0;
        for (int received = 0; received < lines.size(); received++) {
            Result result = results.take();
            if (unordered) {
                failed += emit(result, sink, failures);
                continue;
            }
            waiting.put(result.index(), result);
            while (waiting.containsKey(next)) {
                failed += emit(waiting.remove(next++), sink, failures);
            }
        }
        flush(sink);
        return new Outcome(lines.size() - failed, failed);
    }

    private int emit(Result result, OutputStream sink, Consumer<String> failures) {
        int line = lines.get(result.index()).number();
        if (result.failure() != null) {
            failures.accept("line " + line + ": " + result.failure());
            return 1;
        }
        Object written = result.value();
        if (unordered) {
            ObjectNode tagged = JsonLines.MAPPER.createObjectNode();
            tagged.put("index", result.index());
            tagged.put("line", line);
            tagged.set("result", JsonLines.MAPPER.valueToTree(result.value()));
            written = tagged;
        }
        try {
            sink.write(JsonLines.MAPPER.writeValueAsBytes(written));
            sink.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    private static void flush(OutputStream sink) {
        try {
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TaskException task) {
            return task.errorClass() + (task.errorMessage() == null ? "" : ": " + task.errorMessage())
                    + " (in " + task.worker() + ")";
        }
        return cause instanceof PoolException ? cause.getMessage() : String.valueOf(cause);
    }
}
