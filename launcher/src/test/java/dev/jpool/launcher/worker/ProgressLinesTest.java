package dev.jpool.launcher.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.pi.ChunkPlan;
import dev.jpool.pi.PiChunk;
import dev.jpool.pi.PiTask;
import dev.jpool.protocol.Protocol;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real worker JVM reports a long task's progress as {@code progress} lines, routed to the task's listener. */
class ProgressLinesTest {
    @Test
    void aWorkersProgressReachesTheListenerRisingToTheTotalBeforeTheResult() throws Exception {
        Protocol protocol = new Protocol();
        PiChunk chunk = ChunkPlan.split(3, 250_000_000, 1).get(0); // three slices of blocks
        List<long[]> heard = new CopyOnWriteArrayList<>();
        try (WorkerProcess worker = WorkerProcess.start(0, WorkerCommandLine.ofThisJvm(), protocol, line -> { })) {
            worker.hello().get(30, TimeUnit.SECONDS);
            var reply = worker.submit(PiTask.class.getName(), protocol.json(List.of(chunk)),
                    (done, total) -> heard.add(new long[] {done, total}));
            reply.get(60, TimeUnit.SECONDS);
            int beforeTheResult = heard.size();
            assertTrue(beforeTheResult > 0, "the 100% report comes before the result, on the same channel");
            worker.shutdown().get(30, TimeUnit.SECONDS);
        }
        assertTrue(!heard.isEmpty(), "at least the 100% report");
        long previous = -1;
        for (long[] report : heard) {
            assertEquals(chunk.samples(), report[1]);
            assertTrue(report[0] > previous, "rising");
            previous = report[0];
        }
        assertEquals(chunk.samples(), previous, "ends at the total");
    }
}
