package dev.jpool.launcher.report.plot;

import dev.jpool.launcher.run.ScalingTable.Row;
import dev.jpool.launcher.run.ScalingTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
 * The tutorial's figure: run time against workers beside ideal scaling (serial time / N), one
 * series per mode; and speedup against workers beside the ideal (N). Where worker counts pass the
 * cores detected, a vertical line marks the last core and the region past it is labelled
 * oversubscribed.
 */
public final class ScalingPlots {
    static final String IDEAL_TIME = "ideal (serial time / N)";
    static final String IDEAL_SPEEDUP = "ideal (speedup N)";

    private final ScalingTable table;
    private final double[] counts;

    public ScalingPlots(ScalingTable table) {
        this.table = table;
        this.counts = table.rows().stream().filter(r -> !r.serial()).mapToInt(Row::workers).distinct().sorted()
                .asDoubleStream().toArray();
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public void writeTime(Path base) throws IOException {
        ChartFiles.both(time(), base);
    }

    /** Writes {@code base}.png and {@code base}.svg. */
    public void writeSpeedup(Path base) throws IOException {
        ChartFiles.both(speedup(), base);
    }

    XYChart time() {
        XYChart chart = chart("Run time against workers", "run time (s)");
        double serial = table.serial().medianNanos() / 1e9;
        ideal(chart, IDEAL_TIME, n -> serial / n);
        series(chart, row -> row.medianNanos() / 1e9);
        oversubscription(chart, Math.max(serial, table.rows().stream().mapToDouble(r -> r.medianNanos() / 1e9).max()
                .orElse(serial)));
        return chart;
    }

    XYChart speedup() {
        XYChart chart = chart("Speedup over serial against workers", "speedup (serial time / run time)");
        ideal(chart, IDEAL_SPEEDUP, n -> n);
        series(chart, Row::speedup);
        oversubscription(chart, Math.max(counts.length == 0 ? 1 : counts[counts.length - 1],
                table.rows().stream().mapToDouble(Row::speedup).max().orElse(1)));
        return chart;
    }

    private XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(title + " (" + String.format(java.util.Locale.ROOT, "%,d", table.samples())
                        + " samples, medians)")
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
    }

    private void series(XYChart chart, ToDoubleFunction<Row> value) {
        for (String mode : table.parallelModes()) {
            List<Row> rows = table.rows(mode);
            chart.addSeries(mode, rows.stream().mapToDouble(Row::workers).toArray(),
                    rows.stream().mapToDouble(value).toArray());
        }
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
