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
 * The runs' timelines as a Gantt chart: one horizontal lane per worker, the first run's lanes at
 * the top, one bar per phase, one colour per phase (the same in every mode, so compute is
 * compute). Drawn with XChart: each bar is a thick line segment, one series per bar.
 */
public final class GanttChart {
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
        ChartFiles.png(chart(runs), file);
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
                for (Span span : worker.spans()) {
                    bars.computeIfAbsent(span.phase(), p -> new ArrayList<>())
                            .add(new double[] {lanes.size() - 1, span.startNanos() / 1e6, span.endNanos() / 1e6});
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
                .xAxisTitle("milliseconds since the run started").yAxisTitle("").build();
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
        tickX[tickX.length - 1] = bars.values().stream().flatMap(List::stream).mapToDouble(bar -> bar[2]).max()
                .orElse(1) / Math.PI;
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
        for (Map.Entry<String, List<double[]>> phase : bars.entrySet()) {
            Color colour = COLOURS.get(phase.getKey());
            if (colour == null) {
                colour = styler.getSeriesColors()[palette++ % styler.getSeriesColors().length];
            }
            List<double[]> list = phase.getValue();
            for (int i = 0; i < list.size(); i++) {
                double[] bar = list.get(i);
                double lane = count - 1 - bar[0];
                // one series per bar: a thick segment; only the first of a phase is in the legend
                XYSeries series = chart.addSeries(i == 0 ? phase.getKey() : phase.getKey() + " #" + (i + 1),
                        new double[] {bar[1], bar[2]}, new double[] {lane, lane});
                series.setMarker(SeriesMarkers.NONE);
                series.setLineStyle(new BasicStroke(BAR_PIXELS, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
                series.setLineColor(colour);
                series.setShowInLegend(i == 0);
            }
        }
        for (int i = 0; i < groupEnds.size() - 1; i++) {
            chart.addAnnotation(new AnnotationLine(count - groupEnds.get(i) - 0.5, false, false));
        }
        return chart;
    }
}
