package dev.jpool.launcher.run;

import dev.jpool.host.HostName;
import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiCount;
import dev.jpool.pi.PiTask;
import java.util.List;

/** The whole run as one chunk on the calling thread. */
public final class SerialRunner implements PiRunner {
    @Override
    public Mode mode() {
        return Mode.SERIAL;
    }

    @Override
    public PiRun run(long samples, long seed, int workers) {
        PiChunk all = ChunkPlan.split(seed, samples, 1).get(0);
        long start = System.nanoTime();
        PiCount count = new PiTask().apply(all);
        long wall = System.nanoTime() - start;
        WorkerTiming only = new WorkerTiming(0, "main", null, HostName.node(), count.samples(), count.hits(),
                0, 0, wall, 0, 0, null);
        return new PiRun(Mode.SERIAL, samples, seed, count.hits(), wall, count.kernel(), List.of(only),
                ProcessHandle.current().pid(), LauncherMemory.peakRssKib(), List.of(), 1);
    }
}
