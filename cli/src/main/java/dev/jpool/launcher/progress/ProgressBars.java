package dev.jpool.launcher.progress;

import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.PiRunner;
import dev.jpool.launcher.run.RunProgress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLongArray;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A progress bar on stderr for each long run: the samples done by all workers together, from
 * the workers' progress reports. A bar appears only once some worker reports a chunk partly
 * done (chunks of more than ~1e8 samples: runs that take a while), and is cleared when the run
 * ends, so short runs and the reports printed after them stay as they were.
 */
public final class ProgressBars implements RunProgress {
    private static final ProgressBars OFF = new ProgressBars(null);

    private final PrintStream out;
    private volatile Bar current;

    private ProgressBars(PrintStream out) {
        this.out = out;
    }

    /** Bars on {@code out}. */
    public static ProgressBars on(PrintStream out) {
        return new ProgressBars(out);
    }

    /** No bars: what pipes, CI logs and {@code --quiet} get. */
    public static ProgressBars off() {
        return OFF;
    }

    public boolean enabled() {
        return out != null;
    }

    /** The runner, showing a bar for each of its runs that lasts. */
    public PiRunner around(PiRunner runner) {
        if (!enabled()) {
            return runner;
        }
        return new PiRunner() {
            @Override
            public Mode mode() {
                return runner.mode();
            }

            @Override
            public PiRun run(long samples, long seed, int workers) throws InterruptedException {
                Bar bar = new Bar(mode() + " x" + workers, samples, workers);
                current = bar;
                try {
                    return runner.run(samples, seed, workers);
                } finally {
                    current = null;
                    bar.close();
                }
            }
        };
    }

    @Override
    public void progress(int worker, long done, long total) {
        Bar bar = current;
        if (bar != null) {
            bar.progress(worker, done, total);
        }
    }

    private final class Bar {
        private final String name;
        private final long samples;
        private final AtomicLongArray done;
        private ProgressBar bar;
        private boolean closed;

        Bar(String name, long samples, int workers) {
            this.name = name;
            this.samples = samples;
            this.done = new AtomicLongArray(workers);
        }

        synchronized void progress(int worker, long workerDone, long workerTotal) {
            if (closed || worker < 0 || worker >= done.length()) {
                return;
            }
            done.accumulateAndGet(worker, workerDone, Math::max);
            long sum = 0;
            for (int i = 0; i < done.length(); i++) {
                sum += done.get(i);
            }
            if (bar == null && workerDone < workerTotal) {
                bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(samples).setUnit(" M samples", 1_000_000)
                        .setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(out))
                        .clearDisplayOnFinish().showSpeed().build();
            }
            if (bar != null) {
                bar.stepTo(sum);
            }
        }

        synchronized void close() {
            closed = true;
            if (bar != null) {
                bar.close();
            }
        }
    }
}
