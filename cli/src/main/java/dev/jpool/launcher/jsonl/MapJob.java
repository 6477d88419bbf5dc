package dev.jpool.launcher.jsonl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jpool.pool.NamedInputs;
import dev.jpool.pool.Pool;
import dev.jpool.pool.PoolException;
import dev.jpool.pool.TaskException;
import dev.jpool.task.Task;
import dev.jpool.task.TaskTypes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
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
    private final int maxChunkBytes;
    private final String limitAdvice;
    private final BlockingQueue<Result> results = new LinkedBlockingQueue<>();

    /** A map whose chunks are cut by count alone (a pool of threads, which sends nothing). */
    public MapJob(Pool pool, Task<Object, Object> task, List<JsonLines.Line> lines, boolean unordered) {
        this(pool, task, lines, unordered, Integer.MAX_VALUE, "");
    }

    /**
     * A map whose chunks are cut by bytes as well as by count: no chunk's inputs, as a JSON array,
     * are longer than {@code maxChunkBytes} (what one message to a worker JVM may carry), and an
     * input that alone is longer fails at once, its message naming the limit and then {@code limitAdvice}.
     */
    public MapJob(Pool pool, Task<Object, Object> task, List<JsonLines.Line> lines, boolean unordered,
                  int maxChunkBytes, String limitAdvice) {
        this.pool = pool;
        this.task = task;
        this.lines = lines;
        this.unordered = unordered;
        this.maxChunkBytes = maxChunkBytes;
        this.limitAdvice = limitAdvice;
    }

    /** Runs every input; writes result lines to {@code sink} and each failure to {@code failures}. */
    public Outcome run(int chunksize, OutputStream sink, Consumer<String> failures) throws InterruptedException {
        List<Integer> indices = new ArrayList<>();
        List<Object> inputs = new ArrayList<>();
        JavaType inputType = TaskTypes.input(task);
        List<Integer> sizes = new ArrayList<>();
        boolean bySize = maxChunkBytes < Integer.MAX_VALUE;
        for (int i = 0; i < lines.size(); i++) {
            JsonLines.Line line = lines.get(i);
            if (line.error() != null) {
                results.add(new Result(i, null, line.error()));
                continue;
            }
            Object input;
            try {
                input = JsonLines.STRICT.convertValue(line.value(), inputType);
            } catch (IllegalArgumentException e) {
                String why = e.getCause() instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                results.add(new Result(i, null, "not a " + inputType.toCanonical() + ": " + why.lines().findFirst().orElse("")));
                continue;
            }
            int bytes = bySize ? jsonBytes(input) : 0;
            if (bytes > maxChunkBytes - 2) { // an array of it alone: [input]
                results.add(new Result(i, null, "an input of " + bytes + " bytes as JSON, more than one message to a"
                        + " worker JVM may carry (" + (maxChunkBytes - 2) + " bytes): " + limitAdvice));
                continue;
            }
            inputs.add(input);
            indices.add(i);
            sizes.add(bytes);
        }
        // Chunks of chunksize inputs, cut sooner where their JSON array would be longer than a message may carry.
        int first = 0;
        while (first < inputs.size()) {
            int end = first;
            long bytes = 2;
            while (end < inputs.size() && end - first < chunksize && (end == first || bytes + 1 + sizes.get(end) <= maxChunkBytes)) {
                bytes += sizes.get(end) + (end == first ? 0 : 1);
                end++;
            }
            submit(indices.subList(first, end), inputs.subList(first, end), true);
            first = end;
        }
        return drain(sink, failures);
    }

    private static int jsonBytes(Object input) {
        try {
            return JsonLines.MAPPER.writeValueAsBytes(input).length;
        } catch (JsonProcessingException e) {
            return 0; // the pool names an input it cannot send
        }
    }

    /** Submits a chunk; if the pool refuses it at once, throws ({@code first}: the run fails) or fails its inputs. */
    private void submit(List<Integer> indices, List<Object> chunk, boolean first) {
        CompletableFuture<List<Object>> outputsOf;
        try {
            // named by their lines, so that a retry or a failure says where in the input to look
            outputsOf = pool.mapAsync(task, NamedInputs.of(chunk, k -> "line " + lines.get(indices.get(k)).number()),
                    chunk.size());
        } catch (RuntimeException e) {
            if (first) {
                throw e; // e.g. workers that could not start: the run fails as a whole
            }
            // Refused on a retry, input by input (the pool broke meanwhile): the inputs fail, nothing waits for them.
            for (int k = 0; k < chunk.size(); k++) {
                results.add(new Result(indices.get(k), null, describe(e)));
            }
            return;
        }
        outputsOf.whenComplete((outputs, failure) -> {
            if (failure == null) {
                for (int k = 0; k < chunk.size(); k++) {
                    results.add(new Result(indices.get(k), outputs.get(k), null));
                }
            } else if (chunk.size() == 1) {
                results.add(new Result(indices.get(0), null, describe(failure)));
            } else {
                // A chunk fails as a whole: find out which of its inputs really fail.
                for (int k = 0; k < chunk.size(); k++) {
                    submit(indices.subList(k, k + 1), chunk.subList(k, k + 1), false);
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
                if (results.isEmpty()) {
                    flush(sink);
                }
                continue;
            }
            waiting.put(result.index(), result);
            while (waiting.containsKey(next)) {
                failed += emit(waiting.remove(next++), sink, failures);
            }
            if (results.isEmpty()) {
                flush(sink); // what is written goes out while the rest computes (and a closed pipe is seen)
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
