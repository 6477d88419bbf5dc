package dev.jpool.launcher.report.plot;

import dev.jpool.launcher.run.ScalingTable.Row;
import dev.jpool.launcher.run.ScalingTable;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The tutorial's figure: run time against workers beside ideal scaling (serial time / workers),
 * one series per mode, each point the median of its runs with a bar from the fastest to the
 * slowest; and speedup against workers beside the ideal (speedup = workers). A second line under
 * the title says where the runs were made (machine, cores, kernel, JDK) and what the points and
 * bars are. Where worker counts pass the cores detected, a vertical line marks the last core and
 * the region past it is labelled oversubscribed.
 */
public final class ScalingPlots {
    static final String IDEAL_TIME = "ideal: serial time / workers";
    static final String IDEAL_SPEEDUP = "ideal: speedup = workers";
    private static final Map<String, String> NAMES = Map.of("process", "worker JVMs (process)",
            "thread", "threads (thread)");
    private static final Map<String, Color> COLOURS = Map.of("process", new Color(0xE6, 0x7E, 0x00),
            "thread", new Color(0x6A, 0x3D, 0xBA));
    private static final Color IDEAL = new Color(0x55, 0x55, 0x55);

    private final ScalingTable table;
    private final String subtitle;
    private final double[] counts;

    /** @param subtitle the second line under the title, null for none */
    public ScalingPlots(ScalingTable table, String subtitle) {
        this.table = table;
        this.subtitle = subtitle;
        this.counts = table.rows().stream().filter(r -> !r.serial()).mapToInt(Row::workers).distinct().sorted()
                .asDoubleStream().toArray();
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public void writeTime(Path base) throws IOException {
        ChartFiles.both(time(), subtitle, base);
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public void writeSpeedup(Path base) throws IOException {
        ChartFiles.both(speedup(), subtitle, base);
    }

    XYChart time() {
        XYChart chart = chart("Run time against workers", "run time (s)");
        double serial = table.serial().medianNanos() / 1e9;
        ideal(chart, IDEAL_TIME, n -> serial / n);
        series(chart, row -> row.medianNanos() / 1e9, row -> row.minNanos() / 1e9, row -> row.maxNanos() / 1e9);
        oversubscription(chart, Math.max(serial, table.rows().stream().mapToDouble(r -> r.maxNanos() / 1e9).max()
                .orElse(serial)));
        return chart;
    }

    XYChart speedup() {
        XYChart chart = chart("Speedup over serial against workers", "speedup (serial time / run time)");
        ideal(chart, IDEAL_SPEEDUP, n -> n);
        double serial = table.serial().medianNanos();
        // the fastest run has the highest speedup: the bar runs from the slowest run's to the fastest's
        series(chart, Row::speedup, row -> serial / row.maxNanos(), row -> serial / row.minNanos());
        oversubscription(chart, Math.max(counts.length == 0 ? 1 : counts[counts.length - 1],
                table.rows().stream().mapToDouble(row -> serial / row.minNanos()).max().orElse(1)));
        return chart;
    }

    private XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(title + " (" + String.format(java.util.Locale.ROOT, "%,d", table.samples()) + " samples)")
                .xAxisTitle("workers").yAxisTitle(yTitle).build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setAnnotationTextFont(styler.getLegendFont());
        styler.setMarkerSize(8);
        styler.setXAxisDecimalPattern("0");
        styler.setYAxisMin(0.0);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    private void ideal(XYChart chart, String name, java.util.function.DoubleUnaryOperator value) {
        if (counts.length == 0) {
            return;
        }
        double[] y = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            y[i] = value.applyAsDouble(counts[i]);
        }
        XYSeries ideal = chart.addSeries(name, counts, y);
        ideal.setLineStyle(SeriesLines.DASH_DASH);
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineColor(IDEAL);
    }

    /**
     * One series per mode through the medians, and for each point with more than one run a bar
     * from {@code low} to {@code high} with short caps, in the series' colour and out of the legend
     * (XChart's own error bars are symmetric; a min-max range is not).
     */
    private void series(XYChart chart, ToDoubleFunction<Row> value, ToDoubleFunction<Row> low,
                        ToDoubleFunction<Row> high) {
        double cap = counts.length < 2 ? 0.05 : (counts[counts.length - 1] - counts[0]) * 0.008;
        int mark = 0;
        for (String mode : table.parallelModes()) {
            List<Row> rows = table.rows(mode);
            Color colour = COLOURS.get(mode);
            XYSeries series = chart.addSeries(NAMES.getOrDefault(mode, mode), rows.stream().mapToDouble(Row::workers)
                    .toArray(), rows.stream().mapToDouble(value).toArray());
            series.setMarker(mark++ % 2 == 0 ? SeriesMarkers.DIAMOND : SeriesMarkers.SQUARE);
            series.setLineStyle(SeriesLines.SOLID);
            if (colour != null) {
                series.setLineColor(colour);
                series.setMarkerColor(colour);
            }
            for (Row row : rows) {
                if (row.wallNanos().size() < 2) {
                    continue;
                }
                double x = row.workers();
                double from = low.applyAsDouble(row);
                double to = high.applyAsDouble(row);
                String name = " " + mode + " " + row.workers() + " range";
                bar(chart, name, new double[] {x, x}, new double[] {from, to}, series);
                bar(chart, name + " low", new double[] {x - cap, x + cap}, new double[] {from, from}, series);
                bar(chart, name + " high", new double[] {x - cap, x + cap}, new double[] {to, to}, series);
            }
        }
    }

    private static void bar(XYChart chart, String name, double[] x, double[] y, XYSeries of) {
        XYSeries bar = chart.addSeries(name, x, y);
        bar.setMarker(SeriesMarkers.NONE);
        bar.setLineStyle(new BasicStroke(1.5f));
        bar.setLineColor(of.getLineColor());
        bar.setShowInLegend(false);
    }

    /** A line at the last core and a label past it, near the top, when some count is oversubscribed. */
    private void oversubscription(XYChart chart, double top) {
        if (table.cores() == null || table.rows().stream().noneMatch(Row::oversubscribed)) {
            return;
        }
        int cores = table.cores().cores();
        chart.addAnnotation(new AnnotationLine(cores, true, false));
        double right = counts[counts.length - 1];
        chart.addAnnotation(new AnnotationText("oversubscribed: more workers than the " + cores + " cores detected",
                (cores + right) / 2, top * 0.97, false));
    }
}
