package dev.jpool.launcher.report.plot;

import dev.jpool.launcher.report.TimelineRun;
import dev.jpool.launcher.run.Span;
import dev.jpool.launcher.run.WorkerTiming;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The runs' timelines as a Gantt chart: one horizontal lane per worker ("process worker 1 of 2"),
 * the first run's lanes at the top, one bar per phase, one colour per phase (the same in every
 * mode, so compute is compute). A worker JVM that said hello before the others waits for them
 * (the run hands out its chunks when every worker is up): that wait is drawn as a phase of its
 * own. The legend lists the phases drawn; phases too short to see at the chart's scale share
 * one entry and one colour. Every run is drawn from its own start at 0 ms, which the subtitle
 * says: the modes ran one after another. Drawn with XChart: each bar is a thick line segment,
 * one series per bar.
 */
public final class GanttChart {
    /** The gap between a worker JVM's hello and its first task, drawn as a phase. */
    static final String WAIT = "waiting for the other JVMs";
    /** A phase whose longest bar is shorter than this share of the time axis is too short to see. */
    static final double TINY = 0.004;
    /** The legend's entry for the phases too short to see. */
    static final String TOO_SHORT = "too short to see";
    private static final Color WAIT_COLOUR = new Color(0xF2, 0xB8, 0xB8);
    private static final Color TINY_COLOUR = new Color(0x33, 0x33, 0x33);
    /** Phase colours; a phase not listed gets XChart's next series colour. */
    private static final Map<String, Color> COLOURS = Map.of(
            "JVM start", new Color(0xD6, 0x27, 0x28),
            "receive", new Color(0xFF, 0x7F, 0x0E),
            "prepare", new Color(0x8C, 0x56, 0x4B),
            "compute", new Color(0x2C, 0xA0, 0x2C),
            "send", new Color(0x1F, 0x77, 0xB4),
            "exit", new Color(0x7F, 0x7F, 0x7F),
            "pool start", new Color(0xE3, 0x77, 0xC2),
            "queue wait", new Color(0xBC, 0xBD, 0x22),
            "join", new Color(0x94, 0x67, 0xBD),
            "shutdown", new Color(0x17, 0xBE, 0xCF));
    private static final int LANE_PIXELS = 26;
    private static final float BAR_PIXELS = 16f;

    private GanttChart() {
    }

    public static void writePng(Path file, List<TimelineRun> runs) throws IOException {
        XYChart chart = chart(runs);
        ChartFiles.png(chart, subtitle(runs, tiny(chart)), file);
    }

    /** What the time axis means (each run from its own start), and which phases are too short to see. */
    static String subtitle(List<TimelineRun> runs, List<String> tiny) {
        String axis = runs.size() == 1 ? "the run drawn from its start at 0 ms"
                : "each run drawn from its own start at 0 ms: the runs were made one after another, not side by side";
        return tiny.isEmpty() ? axis : axis + "\n" + TOO_SHORT + ": " + String.join(", ", tiny);
    }

    /** The phases the chart drew in the colour of those too short to see. */
    static List<String> tiny(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(s -> s.getLineColor() == TINY_COLOUR)
                .map(s -> s.getName().replaceAll(" #\\d+$", "")).filter(name -> !name.equals(TOO_SHORT))
                .distinct().toList();
    }

    static XYChart chart(List<TimelineRun> runs) {
        List<String> lanes = new ArrayList<>();
        Map<String, List<double[]>> bars = new LinkedHashMap<>();
        List<Integer> groupEnds = new ArrayList<>();
        for (TimelineRun run : runs) {
            for (WorkerTiming worker : run.run().workers()) {
                String name = run.laneName(worker);
                // XChart wants distinct tick labels; the same lane name twice would lose every other label
                lanes.add(lanes.contains(name) ? name + " #" + (lanes.size() + 1) : name);
                Span previous = null;
                for (Span span : worker.spans()) {
                    if (previous != null && previous.phase().equals("JVM start")
                            && span.startNanos() > previous.endNanos()) {
                        bars.computeIfAbsent(WAIT, p -> new ArrayList<>()).add(new double[] {lanes.size() - 1,
                                previous.endNanos() / 1e6, span.startNanos() / 1e6});
                    }
                    bars.computeIfAbsent(span.phase(), p -> new ArrayList<>())
                            .add(new double[] {lanes.size() - 1, span.startNanos() / 1e6, span.endNanos() / 1e6});
                    previous = span;
                }
            }
            groupEnds.add(lanes.size());
        }
        int count = lanes.size();
        XYChart chart = new XYChartBuilder().width(1000).height(Math.max(300, 150 + count * LANE_PIXELS))
                .title("Where the time goes, one lane per worker: " + (runs.size() <= 4
                        ? String.join("; ", runs.stream().map(r -> r.run().mode().label() + " x"
                        + r.run().workers().size()).toList()) : runs.size() + " runs")
                        + (runs.isEmpty() ? "" : String.format(java.util.Locale.ROOT, " (%,d samples)",
                        runs.get(0).run().samples())))
                .xAxisTitle("milliseconds since its run started").yAxisTitle("").build();
        double end = bars.values().stream().flatMap(List::stream).mapToDouble(bar -> bar[2]).max().orElse(1);
        List<String> tiny = bars.entrySet().stream()
                .filter(phase -> phase.getValue().stream().mapToDouble(bar -> bar[2] - bar[1]).max().orElse(0)
                        < TINY * end)
                .map(Map.Entry::getKey).toList();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridHorizontalLinesVisible(false);
        styler.setAxisTicksMarksVisible(false);
        styler.setYAxisMin(-1.0);
        styler.setYAxisMax((double) count);
        styler.setXAxisMin(0.0);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(12f));
        // Lane i is drawn at y = count - 1 - i, so the first run is on top. An invisible series holds
        // y = -1 .. count, equally spaced, so XChart puts a tick on every lane and on the two margins,
        // which get distinct blank labels (XChart wants every tick label to differ). Its x values are
        // 0 but one, at an odd place, so that XChart never mistakes a single bar's two ends for
        // equally spaced data and puts the time ticks there only.
        double[] ticks = new double[count + 2];
        double[] tickX = new double[count + 2];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i - 1;
        }
        tickX[tickX.length - 1] = end / Math.PI;
        XYSeries laneTicks = chart.addSeries(" lanes", tickX, ticks);
        laneTicks.setLineStyle(SeriesLines.NONE);
        laneTicks.setMarker(SeriesMarkers.NONE);
        laneTicks.setShowInLegend(false);
        chart.setCustomYAxisTickLabelsFormatter(y -> {
            long lane = Math.round(y);
            if (lane < 0) {
                return " ";
            }
            if (lane >= count) {
                return "  ";
            }
            return lanes.get((int) (count - 1 - lane));
        });
        int palette = 0;
        boolean tinyInLegend = false;
        for (Map.Entry<String, List<double[]>> phase : bars.entrySet()) {
            boolean small = tiny.contains(phase.getKey());
            Color colour = small ? TINY_COLOUR : phase.getKey().equals(WAIT) ? WAIT_COLOUR : COLOURS.get(phase.getKey());
            if (colour == null) {
                colour = styler.getSeriesColors()[palette++ % styler.getSeriesColors().length];
            }
            List<double[]> list = phase.getValue();
            for (int i = 0; i < list.size(); i++) {
                double[] bar = list.get(i);
                double lane = count - 1 - bar[0];
                if (small && !tinyInLegend) {
                    // the tiny phases' one legend entry: a segment of no length, so nothing to see but the legend
                    bar(chart, TOO_SHORT, bar[1], bar[1], lane, colour, true);
                    tinyInLegend = true;
                }
                // one series per bar: a thick segment; only the first of a phase is in the legend
                bar(chart, i == 0 ? phase.getKey() : phase.getKey() + " #" + (i + 1), bar[1], bar[2], lane, colour,
                        i == 0 && !small);
            }
        }
        for (int i = 0; i < groupEnds.size() - 1; i++) {
            chart.addAnnotation(new AnnotationLine(count - groupEnds.get(i) - 0.5, false, false));
        }
        return chart;
    }

    private static void bar(XYChart chart, String name, double from, double to, double lane, Color colour,
                            boolean legend) {
        XYSeries series = chart.addSeries(name, new double[] {from, to}, new double[] {lane, lane});
        series.setMarker(SeriesMarkers.NONE);
        series.setLineStyle(new BasicStroke(BAR_PIXELS, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        series.setLineColor(colour);
        series.setShowInLegend(legend);
    }
}
