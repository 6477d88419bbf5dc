package dev.jpool.bench.peers;

import dev.jpool.bench.peers.Peer.Cell;
import dev.jpool.bench.peers.Peer.Measure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/** A pool in this JVM, behind its {@link PeerPool} adapter: every measure is taken here the same way for each. */
final class JvmPeer implements Peer {
    /** Starts an adapter's pool (its constructor). */
    interface Starter {
        PeerPool start() throws Exception;
    }

    /** Round trips: as many warm-up calls, then as many measured, each phase within its budget. */
    static final int APPLY_CALLS = 2_000;
    static final int WARM_UP_SECONDS = 3;
    static final int MEASURED_SECONDS = 5;
    private static final String NOT_DONE = "failed: not done in ";
    private static final Object NULL_RESULT = new Object();
    /** The note of a cell repeated from the round in which its measure ran out of time. */
    static final String NOT_TRIED_AGAIN = "not tried again: out of time in an earlier round";

    private final String name;
    private final Starter starter;
    /** A measure that ran out of time, with its cell: later rounds repeat the cell rather than wait as long again. */
    private final Map<Measure, Cell> outOfTime = new EnumMap<>(Measure.class);

    JvmPeer(String name, Starter starter) {
        this.name = name;
        this.starter = starter;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void warmUp(PeersBenchmark.Settings settings) {
        AtomicReference<PeerPool> started = new AtomicReference<>();
        try {
            bounded(settings.stepSeconds(), () -> {
                started.set(starter.start());
                return started.get().apply(1);
            });
        } catch (Exception e) {
            System.err.println("  warm-up of " + name + ": " + Peer.oneLine(e));
        }
        teardown(started.get(), new LinkedHashSet<>());
    }

    @Override
    public Map<Measure, Cell> round(PeersBenchmark.Settings settings, boolean fault) {
        Map<Measure, Cell> cells = new EnumMap<>(Measure.class);
        Set<Long> seen = new LinkedHashSet<>();
        List<String> teardowns = new ArrayList<>();
        AtomicReference<PeerPool> started = new AtomicReference<>();
        long start = System.nanoTime();
        try {
            bounded(settings.stepSeconds(), () -> {
                started.set(starter.start());
                expect(started.get().apply(1) == 1, "apply(1) returned another number");
                return null;
            });
            cells.put(Measure.COLD, Cell.of((System.nanoTime() - start) / 1e6));
        } catch (Exception e) {
            cells.put(Measure.COLD, Cell.failed(e));
        }
        PeerPool pool = started.get();
        String down = cells.get(Measure.COLD).numeric() ? null : "failed: the pool did not start";
        List<Measure> steps = new ArrayList<>(List.of(Measure.APPLY, Measure.MAP, Measure.CPU));
        if (fault) {
            steps.add(Measure.FAULT);
        }
        for (Measure m : steps) {
            if (down != null) {
                cells.put(m, Cell.text(down));
                continue;
            }
            if (outOfTime.containsKey(m)) {
                cells.put(m, outOfTime.get(m).withNote(NOT_TRIED_AGAIN));
                continue;
            }
            seen.addAll(descendants());
            PeerPool current = pool;
            Cell cell = switch (m) {
                case APPLY -> measure(settings.stepSeconds(), () -> roundTrip(current));
                case MAP -> map(current, settings);
                case CPU -> measure(settings.stepSeconds(), () -> {
                    current.hashSums(PeersBenchmark.SEEDS, 1); // unmeasured: the task's first use in the workers
                    long t = System.nanoTime();
                    List<Long> sums = current.hashSums(PeersBenchmark.SEEDS, settings.iterations());
                    double seconds = (System.nanoTime() - t) / 1e9;
                    expect(sums.equals(settings.expectedSums()), "wrong sums " + sums);
                    return Cell.of(seconds);
                });
                default -> pool.processes() ? fault(pool, settings, seen) : Cell.text("n/a: threads, no process");
            };
            cells.put(m, cell);
            if (cell.failed() && m != Measure.FAULT) {
                if (cell.text().startsWith(NOT_DONE)) {
                    outOfTime.put(m, cell); // not tried again in later rounds: the run would only wait as long again
                }
                // The pool may be stuck (queued work, a wedged worker): the next measures get a fresh one.
                teardowns.add(teardown(pool, seen));
                started.set(null);
                try {
                    bounded(settings.stepSeconds(), () -> {
                        started.set(starter.start());
                        return started.get().apply(1);
                    });
                } catch (Exception e) {
                    down = "failed: the pool did not restart: " + Peer.oneLine(e);
                }
                pool = started.get();
            }
        }
        teardowns.add(teardown(pool, seen));
        List<String> problems = teardowns.stream().filter(t -> !t.equals(PeersBenchmark.NONE_LEFT)).distinct().toList();
        cells.put(Measure.LEFT, Cell.text(problems.isEmpty() ? PeersBenchmark.NONE_LEFT : String.join("; ", problems)));
        return cells;
    }

    /** The tiny tasks' map, bounded by the map's time limit; a peer that submits each says how many it had back by then. */
    private static Cell map(PeerPool pool, PeersBenchmark.Settings settings) {
        List<Long> inputs = LongStream.range(0, settings.tasks()).boxed().toList();
        AtomicInteger answered = new AtomicInteger();
        Cell cell = measure(settings.mapSeconds(), () -> {
            long t = System.nanoTime();
            List<Long> out = pool.map(inputs, answered);
            double seconds = (System.nanoTime() - t) / 1e9;
            expect(out.equals(inputs), "map returned other results");
            return Cell.of(inputs.size() / seconds);
        });
        if (cell.failed() && cell.text().startsWith(NOT_DONE) && answered.get() > 0) {
            return Cell.text(String.format(Locale.ROOT, "%s (%,d of %,d answered)", cell.text(), answered.get(),
                    inputs.size()));
        }
        return cell;
    }

    /**
     * Median round trip in microseconds of up to {@link #APPLY_CALLS} calls after as many warm-up
     * calls, each phase cut short by its time budget (a pool slow to answer gets fewer, and a note).
     */
    private static Cell roundTrip(PeerPool pool) throws Exception {
        int warm = 0;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
             warm < APPLY_CALLS && System.nanoTime() < end; warm++) {
            expect(pool.apply(warm) == warm, "apply returned another number");
        }
        long[] trips = new long[APPLY_CALLS];
        int n = 0;
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(MEASURED_SECONDS);
             n < APPLY_CALLS && (n < 3 || System.nanoTime() < end); n++) {
            long t = System.nanoTime();
            long out = pool.apply(n);
            trips[n] = System.nanoTime() - t;
            expect(out == n, "apply returned another number");
        }
        long[] measured = Arrays.copyOf(trips, n);
        Arrays.sort(measured);
        Cell cell = Cell.of(measured[n / 2] / 1e3);
        return n == APPLY_CALLS ? cell : cell.withNote(String.format(Locale.ROOT,
                "%d calls after %d warm-up calls (the %d s and %d s budgets)", n, warm, WARM_UP_SECONDS, MEASURED_SECONDS));
    }

    /**
     * The fault batch: tasks each sleeping 20 ms, one worker SIGKILLed once the batch has run
     * {@code killAfterMillis}, then a wait (each future's plain {@code get()}, on a thread of its own)
     * until all have answered or the deadline, counted from the kill, has passed.
     */
    private static Cell fault(PeerPool pool, PeersBenchmark.Settings settings, Set<Long> seen) {
        List<Long> inputs = LongStream.range(0, settings.faultTasks()).boxed().toList();
        List<Future<?>> futures;
        long killed;
        try {
            futures = pool.startSleepers(inputs);
            Thread.sleep(settings.killAfterMillis());
            List<Long> pids = pool.workerPids();
            seen.addAll(pids);
            expect(!pids.isEmpty(), "no worker pid to kill");
            ProcessHandle victim = ProcessHandle.of(pids.get(0)).orElseThrow(() -> new IllegalStateException("worker gone"));
            expect(victim.destroyForcibly(), "SIGKILL not sent");
            killed = System.nanoTime();
        } catch (Exception e) {
            return Cell.failed(e);
        }
        Object[] outcomes = new Object[futures.size()]; // a value, or the Throwable a get() threw
        long[] last = new long[1];
        Thread waiter = new Thread(() -> {
            for (int i = 0; i < futures.size(); i++) {
                Object outcome;
                try {
                    outcome = orNull(futures.get(i).get());
                } catch (InterruptedException e) {
                    return;
                } catch (ExecutionException | CancellationException e) {
                    outcome = e;
                }
                synchronized (outcomes) {
                    outcomes[i] = outcome;
                    last[0] = System.nanoTime();
                }
            }
        }, "peers-fault-waiter");
        waiter.setDaemon(true);
        waiter.start();
        try {
            waiter.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(
                    killed + TimeUnit.SECONDS.toNanos(settings.deadlineSeconds()) - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        waiter.interrupt();
        seen.addAll(descendants());
        int ok = 0;
        int wrong = 0;
        int threw = 0;
        int pending = 0;
        String error = null;
        synchronized (outcomes) {
            for (int i = 0; i < futures.size(); i++) {
                Object outcome = outcomes[i];
                if (outcome == null) {
                    try {
                        outcome = orNull(futures.get(i).get(1, TimeUnit.MILLISECONDS)); // failed meanwhile, or done late
                    } catch (TimeoutException | InterruptedException e) {
                        pending++;
                        continue;
                    } catch (ExecutionException | CancellationException e) {
                        outcome = e;
                    }
                }
                if (outcome instanceof Throwable t) {
                    threw++;
                    error = error == null ? Peer.oneLine(t) : error;
                } else if (outcome.equals(futures.size() == 1 ? inputs : inputs.get(i))) {
                    ok++;
                } else {
                    wrong++;
                }
            }
        }
        double after = (last[0] - killed) / 1e9;
        int n = inputs.size();
        if (futures.size() == 1) { // a map: all or nothing
            if (ok == 1) {
                return Cell.text(String.format(Locale.ROOT, "returned all (%.1f s after the kill)", after));
            }
            if (threw == 1) {
                return Cell.text("threw " + error.replaceAll(":.*", "")).withNote("the map threw " + error);
            }
            if (pending == 1) {
                return Cell.text("hung (no answer " + settings.deadlineSeconds() + " s after the kill)");
            }
            return Cell.text("returned a wrong or null result");
        }
        if (ok == n) {
            return Cell.text(String.format(Locale.ROOT, "returned all (%.1f s after the kill)", after));
        }
        List<String> parts = new ArrayList<>();
        if (threw > 0) {
            parts.add("lost " + threw + " results (" + error.replaceAll(":.*", "") + ")");
        }
        if (wrong > 0) {
            parts.add(wrong + " wrong or null results");
        }
        if (pending > 0) {
            parts.add("hung (" + pending + " of " + n + " unanswered " + settings.deadlineSeconds() + " s after the kill)");
        }
        Cell cell = Cell.text(String.join("; ", parts));
        return error == null ? cell : cell.withNote("their futures threw " + error);
    }

    /** A future's value, with null as a value of its own (a future that says it is done may still answer null). */
    private static Object orNull(Object value) {
        return value == null ? NULL_RESULT : value;
    }

    /** Closes the pool, bounded; then every worker JVM seen must have exited within 5 s, else it is killed and counted. */
    private static String teardown(PeerPool pool, Set<Long> seen) {
        String problem = "";
        if (pool != null) {
            seen.addAll(descendants());
            try {
                bounded(60, () -> {
                    pool.close();
                    return null;
                });
            } catch (Exception e) {
                problem = "close failed: " + Peer.oneLine(e) + "; ";
            }
        }
        return problem + PeersBenchmark.leftOver(seen, true);
    }

    /** Runs one measure, bounded; what it throws, or running out of time, is its cell's "failed: why". */
    private static Cell measure(long seconds, Callable<Cell> body) {
        try {
            return bounded(seconds, body);
        } catch (TimeoutException e) {
            return Cell.text(NOT_DONE + seconds + " s");
        } catch (Exception e) {
            return Cell.failed(e);
        }
    }

    /** Runs {@code body} on a thread of its own, for at most {@code seconds}. */
    static <T> T bounded(long seconds, Callable<T> body) throws Exception {
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = new Thread(task, "peers-step");
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new TimeoutException("not done in " + seconds + " s");
        }
    }

    private static List<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).toList();
    }

    private static void expect(boolean condition, String otherwise) {
        if (!condition) {
            throw new IllegalStateException(otherwise);
        }
    }
}
