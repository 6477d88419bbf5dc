package dev.jpool.launcher.report.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Mode;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.Span;
import dev.jpool.launcher.run.WorkerTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** What the Gantt chart's legend and lanes say, for a process run and a thread run of two workers. */
class GanttChartTest {
    private static final long MS = 1_000_000;

    private static WorkerTiming worker(int index, String label, List<Span> spans) {
        return new WorkerTiming(index, label, null, "node", 50, 40, 0, 0, 0, 0, 0, null, spans);
    }

    /** Worker 0 says hello at 40 ms and waits for worker 1's at 60 ms; sends and joins are a blink. */
    private static List<TimelineRun> runs() {
        PiRun process = new PiRun(Mode.PROCESS, 100, 1, 80, 400 * MS, "scalar", List.of(
                worker(0, "pid 10", List.of(new Span("JVM start", 0, 40 * MS), new Span("receive", 60 * MS, 90 * MS),
                        new Span("compute", 90 * MS, 380 * MS), new Span("send", 380 * MS, 380 * MS + 90_000),
                        new Span("exit", 381 * MS, 400 * MS))),
                worker(1, "pid 11", List.of(new Span("JVM start", 0, 60 * MS), new Span("receive", 60 * MS, 92 * MS),
                        new Span("compute", 92 * MS, 385 * MS), new Span("send", 385 * MS, 385 * MS + 80_000),
                        new Span("exit", 386 * MS, 399 * MS)))), 1, null, List.of(), 2);
        PiRun thread = new PiRun(Mode.THREAD, 100, 1, 80, 200 * MS, "scalar", List.of(
                worker(0, "jpool-thread-0", List.of(new Span("queue wait", 0, 100_000),
                        new Span("compute", 100_000, 190 * MS), new Span("join", 190 * MS, 190 * MS + 50_000))),
                worker(1, "jpool-thread-1", List.of(new Span("queue wait", 0, 120_000),
                        new Span("compute", 120_000, 195 * MS)))), 1, null, List.of(), 2);
        return List.of(new TimelineRun("process", process), new TimelineRun("thread", thread));
    }

    @Test
    void theLegendListsThePhasesDrawnWithTheWaitForTheOtherHelloAndTheTinyOnesAsOne() {
        XYChart chart = GanttChart.chart(runs());
        List<String> legend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getName).toList();
        assertEquals(List.of("JVM start", GanttChart.WAIT, "receive", "compute", GanttChart.TOO_SHORT, "exit"), legend);
        assertEquals(List.of("send", "queue wait", "join"), GanttChart.tiny(chart));
        XYSeries wait = chart.getSeriesMap().get(GanttChart.WAIT);
        assertEquals(40.0, wait.getXData()[0]);
        assertEquals(60.0, wait.getXData()[1], "worker 1 of 2 waited from its hello until the other's");
        assertTrue(chart.getSeriesMap().keySet().stream().noneMatch(name -> name.startsWith(GanttChart.WAIT + " #")),
                "the worker that said hello last did not wait");
    }

    @Test
    void lanesCountWorkersFromOneAndTheSubtitleSaysEachRunStartsAtItsOwnZero(@TempDir Path dir) throws Exception {
        List<TimelineRun> runs = runs();
        assertEquals("process worker 1 of 2 (pid 10)", runs.get(0).laneName(runs.get(0).run().workers().get(0)));
        assertEquals("thread worker 2 of 2 (jpool-thread-1)", runs.get(1).laneName(runs.get(1).run().workers().get(1)));
        String subtitle = GanttChart.subtitle(runs, GanttChart.tiny(GanttChart.chart(runs)));
        assertTrue(subtitle.startsWith("each run drawn from its own start at 0 ms"), subtitle);
        assertTrue(subtitle.endsWith("too short to see: send, queue wait, join"), subtitle);
        Path png = dir.resolve("g.png");
        GanttChart.writePng(png, runs);
        assertTrue(Files.size(png) > 1000);
    }
}
