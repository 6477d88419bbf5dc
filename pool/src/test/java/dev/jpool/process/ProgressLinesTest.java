package dev.jpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.protocol.Protocol;
import dev.jpool.testing.Steps;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real worker JVM reports a long task's progress as {@code progress} lines, routed to the task's listener. */
class ProgressLinesTest {
    @Test
    void aWorkersProgressReachesTheListenerRisingToTheTotalBeforeTheResult() throws Exception {
        Protocol protocol = new Protocol();
        int steps = 3; // 250 ms apart: more than the worker's least interval between progress lines
        List<long[]> heard = new CopyOnWriteArrayList<>();
        try (WorkerProcess worker = WorkerProcess.start(0, WorkerCommandLine.ofThisJvm(), protocol, line -> { })) {
            worker.hello().get(30, TimeUnit.SECONDS);
            var reply = worker.submit(Steps.class.getName(), protocol.json(List.of(steps)),
                    (done, total) -> heard.add(new long[] {done, total}), null, at -> { });
            reply.get(60, TimeUnit.SECONDS);
            int beforeTheResult = heard.size();
            assertTrue(beforeTheResult > 0, "the 100% report comes before the result, on the same channel");
            worker.shutdown().get(30, TimeUnit.SECONDS);
        }
        assertTrue(!heard.isEmpty(), "at least the 100% report");
        long previous = -1;
        for (long[] report : heard) {
            assertEquals(steps, report[1]);
            assertTrue(report[0] > previous, "rising");
            previous = report[0];
        }
        assertEquals(steps, previous, "ends at the total");
    }
}
