package dev.jpool.launcher.demo;

import dev.jpool.pool.Pool;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/** The tutorial's examples, one per constant, each run on a given pool and printed. */
public enum Demo {
    /** Each worker says hello; the order is whatever order they finish in. */
    HELLO("hello") {
        @Override
        public void run(Pool pool, PrintWriter out) {
            List<Integer> names = java.util.stream.IntStream.range(0, pool.workers()).boxed().toList();
            pool.imapUnordered(new HelloTask(), names).forEach(greeting -> out.printf(Locale.ROOT, "%s   (%s)%n",
                    greeting.text(), where(greeting.pid(), greeting.thread())));
            out.println("The order is not guaranteed: each worker answers when it is done.");
        }
    },
    /** {@code pool.map(f, range(1, 11))} with {@code f(x) = x*x}. */
    MAP("map") {
        @Override
        public void run(Pool pool, PrintWriter out) {
            List<Long> inputs = LongStream.rangeClosed(1, 10).boxed().toList();
            List<Computed> results = pool.map(new SquareTask(), inputs);
            out.println(list(results));
            for (int i = 0; i < inputs.size(); i++) {
                out.printf(Locale.ROOT, "  %2d -> %3d   computed by %s%n", inputs.get(i), results.get(i).value(),
                        where(results.get(i)));
            }
        }
    },
    /** {@code pool.starmap(f, zip(range(1, 11), repeat(3)))} with {@code f(x, y) = x**y}. */
    STARMAP("starmap") {
        @Override
        public void run(Pool pool, PrintWriter out) {
            List<List<Long>> arguments = LongStream.rangeClosed(1, 10).mapToObj(x -> List.of(x, 3L)).toList();
            out.println(list(pool.starmap(new PowerTask(), arguments)));
            out.println("each call got two arguments, (x, 3), spread over PowerTask.Args(x, y)");
        }
    },
    /** {@code [pool.apply_async(f, (x, 3)) for x in range(1, 11)]}, then each result's {@code get()}. */
    APPLY_ASYNC("apply-async") {
        @Override
        public void run(Pool pool, PrintWriter out) {
            List<CompletableFuture<Computed>> futures = new ArrayList<>();
            for (long x = 1; x <= 10; x++) {
                futures.add(pool.applyAsync(new PowerTask(), new PowerTask.Args(x, 3)));
            }
            out.println(list(futures.stream().map(CompletableFuture::join).toList()));
            out.println("collected from " + futures.size() + " futures, in the order they were submitted");
        }
    },
    /** Results put on a queue as they complete and drained by the caller, like a multiprocessing Queue. */
    QUEUE("queue") {
        @Override
        public void run(Pool pool, PrintWriter out) throws InterruptedException {
            BlockingQueue<Computed> queue = new LinkedBlockingQueue<>();
            int count = 10;
            for (long x = 1; x <= count; x++) {
                pool.applyAsync(new BusyTask(), x).thenAccept(queue::add);
            }
            List<Long> drained = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Computed next = queue.take();
                drained.add(next.value());
                out.printf(Locale.ROOT, "got %3d from %s%n", next.value(), where(next));
            }
            out.println("drained in arrival order: " + drained);
        }
    };

    private final String label;

    Demo(String label) {
        this.label = label;
    }

    /** The name on the command line. */
    public String label() {
        return label;
    }

    /** Runs the demo on the pool, printing to {@code out}. */
    public abstract void run(Pool pool, PrintWriter out) throws InterruptedException;

    /** The demo with this name, or an exception listing the names. */
    public static Demo named(String name) {
        return Arrays.stream(values()).filter(d -> d.label.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no demo '" + name + "'; the demos are " + labels()));
    }

    public static String labels() {
        return Arrays.stream(values()).map(Demo::label).collect(Collectors.joining(", "));
    }

    private static String list(List<Computed> results) {
        return results.stream().map(r -> Long.toString(r.value())).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String where(Computed result) {
        return where(result.pid(), result.thread());
    }

    /** A worker JVM by its pid; a thread of this JVM by its name. */
    private static String where(long pid, String thread) {
        return pid == ProcessHandle.current().pid() ? "thread " + thread + " of pid " + pid : "pid " + pid;
    }
}
