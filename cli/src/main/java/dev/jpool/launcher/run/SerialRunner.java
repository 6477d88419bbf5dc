package dev.jpool.launcher.run;

import dev.jpool.host.HostName;
import dev.jpool.host.PeakRss;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import dev.jpool.task.TaskProgress;
import java.util.List;

/** The whole run as one chunk on the calling thread. */
public final class SerialRunner implements PiRunner {
    private final RunProgress progress;

    public SerialRunner() {
        this(RunProgress.NONE);
    }

    /** @param progress hears the task's progress, as worker 0 */
    public SerialRunner(RunProgress progress) {
        this.progress = progress;
    }

    @Override
    public Mode mode() {
        return Mode.SERIAL;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) {
        PiChunk all = ChunkPlan.split(seed, samples, 1).get(0);
        long start = System.nanoTime();
        PiCount count;
        try (var binding = TaskProgress.bind((done, total) -> progress.progress(0, done, total))) {
            count = new PiTask().apply(all);
        }
        long end = System.nanoTime();
        long wall = end - start;
        WorkerTiming only = new WorkerTiming(0, "main", null, HostName.node(), count.samples(), count.hits(),
                0, 0, wall, 0, 0, null, new Timeline(start).add(Timeline.COMPUTE, start, end).spans());
        return new PiRun(Mode.SERIAL, samples, seed, count.hits(), wall, count.kernel(), List.of(only),
                ProcessHandle.current().pid(), PeakRss.selfKibOrNull(), List.of(), 1);
    }
}
