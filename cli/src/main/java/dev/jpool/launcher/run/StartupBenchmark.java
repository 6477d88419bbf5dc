package dev.jpool.launcher.run;

import dev.jpool.process.WorkerCommandLine;
import dev.jpool.process.WorkerProcess;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.worker.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * How long a JVM takes from spawn to its first line: a bare {@code java} hello world beside worker
 * JVMs started in different ways, {@code concurrent} at a time, the subjects interleaved round by
 * round so that a change in the machine's load touches each alike. A worker is also timed to its
 * first answer: as soon as it says hello it is sent one tiny task (an identity on one input), and
 * the clock stops when the result is back, which is what a worker costs before it does any work.
 */
public final class StartupBenchmark {
    private static final Duration FIRST_LINE_TIMEOUT = Duration.ofSeconds(60);
    private static final RawJson FIRST_INPUTS = new RawJson("[0]");

    /**
     * One way of starting a JVM.
     *
     * @param label       what the report calls it
     * @param commandLine how it is started
     * @param worker      true for a jpool worker (timed to its hello, then shut down), false for a
     *                    program that prints one line and exits
     */
    public record Subject(String label, WorkerCommandLine commandLine, boolean worker) {
    }

    /**
     * A subject's start times.
     *
     * @param subject     the subject
     * @param nanos       spawn to first line, every start of every round
     * @param answerNanos spawn to the first task's result back, every start (workers; empty for a program)
     */
    public record Line(Subject subject, List<Long> nanos, List<Long> answerNanos) {
        public long medianNanos() {
            return median(nanos);
        }

        public long minNanos() {
            return nanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        }

        /** Median spawn to first answer; null for a program that is not a worker. */
        public Long medianAnswerNanos() {
            return answerNanos.isEmpty() ? null : median(answerNanos);
        }

        private static long median(List<Long> values) {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            int mid = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /** One start: spawn to first line, and to the first answer (null for a program). */
    private record Start(long firstLineNanos, Long answerNanos) {
    }

    /**
     * @param concurrent JVMs started at once
     * @param rounds     rounds; each subject starts {@code concurrent} JVMs per round
     * @param lines      one per subject, in the order given
     */
    public record Result(int concurrent, int rounds, List<Line> lines) {
    }

    private final List<Subject> subjects;
    private final Protocol protocol;
    private final Consumer<String> stderrSink;

    public StartupBenchmark(List<Subject> subjects, Protocol protocol, Consumer<String> stderrSink) {
        this.subjects = List.copyOf(subjects);
        this.protocol = protocol;
        this.stderrSink = stderrSink;
    }

    public Result run(int concurrent, int rounds) throws InterruptedException {
        List<List<Start>> times = new ArrayList<>();
        subjects.forEach(subject -> times.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int s = 0; s < subjects.size(); s++) {
                Subject subject = subjects.get(s);
                times.get(s).addAll(subject.worker() ? workers(subject, concurrent) : programs(subject, concurrent));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (int s = 0; s < subjects.size(); s++) {
            List<Start> starts = times.get(s);
            lines.add(new Line(subjects.get(s), starts.stream().map(Start::firstLineNanos).toList(),
                    starts.stream().map(Start::answerNanos).filter(a -> a != null).toList()));
        }
        return new Result(concurrent, rounds, lines);
    }

    private List<Start> workers(Subject subject, int concurrent) throws InterruptedException {
        List<WorkerProcess> started = new ArrayList<>();
        try {
            List<CompletableFuture<Long>> answers = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                WorkerProcess worker = WorkerProcess.start(i, subject.commandLine(), protocol, stderrSink);
                started.add(worker);
                answers.add(worker.hello().thenCompose(hello -> worker.submit(Identity.class.getName(), FIRST_INPUTS))
                        .thenApply(answer -> {
                            answer.result(); // a task that threw is a failed start here
                            return System.nanoTime();
                        }));
            }
            List<Start> nanos = new ArrayList<>();
            for (int i = 0; i < started.size(); i++) {
                WorkerProcess worker = started.get(i);
                long hello = worker.hello().get(FIRST_LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).atNanos();
                long answer = answers.get(i).get(FIRST_LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                nanos.add(new Start(hello - worker.spawnNanos(), answer - worker.spawnNanos()));
            }
            for (WorkerProcess worker : started) {
                worker.shutdown().get(FIRST_LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                worker.awaitExit(FIRST_LINE_TIMEOUT);
            }
            return nanos;
        } catch (ExecutionException | TimeoutException e) {
            throw failed(subject, e);
        } finally {
            started.forEach(WorkerProcess::close);
        }
    }

    /** The run's failure, named after its subject: what went wrong in the reader, or the timeout. */
    private static RunFailedException failed(Subject subject, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new RunFailedException(subject.label() + ": " + cause.getMessage(), cause);
    }

    private List<Start> programs(Subject subject, int concurrent) throws InterruptedException {
        List<Process> started = new ArrayList<>();
        List<CompletableFuture<Long>> firstLines = new ArrayList<>();
        try {
            for (int i = 0; i < concurrent; i++) {
                long spawn = System.nanoTime();
                Process process;
                try {
                    process = new ProcessBuilder(subject.commandLine().command()).redirectErrorStream(true).start();
                } catch (IOException e) {
                    throw new RunFailedException(subject.label() + ": cannot start " + subject.commandLine().java()
                            + ": " + e.getMessage(), e);
                }
                started.add(process);
                firstLines.add(CompletableFuture.supplyAsync(() -> firstLine(subject, process) - spawn, runnable -> {
                    Thread reader = new Thread(runnable, "jpool-startup-reader");
                    reader.setDaemon(true);
                    reader.start();
                }));
            }
            List<Start> nanos = new ArrayList<>();
            for (CompletableFuture<Long> line : firstLines) {
                nanos.add(new Start(line.get(FIRST_LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS), null));
            }
            for (Process process : started) {
                process.waitFor(FIRST_LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            return nanos;
        } catch (ExecutionException | TimeoutException e) {
            throw failed(subject, e);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    /** The launcher's clock when the program's first line arrived; fails unless it is "hello". */
    private static long firstLine(Subject subject, Process process) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            long at = System.nanoTime();
            if (!"hello".equals(line)) {
                throw new IllegalStateException(subject.commandLine() + " printed "
                        + (line == null ? "nothing" : "'" + Protocol.cut(line) + "'") + " instead of hello");
            }
            return at;
        } catch (IOException e) {
            throw new IllegalStateException("reading the output of " + subject.commandLine() + ": " + e.getMessage(), e);
        }
    }
}
