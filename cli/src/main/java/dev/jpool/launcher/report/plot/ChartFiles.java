package dev.jpool.launcher.report.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes a chart as PNG (raster, through ImageIO) and SVG (vector, through VectorGraphics2D). */
final class ChartFiles {
    static {
        // Drawing needs no display; without this a desktop JVM may open one (and a Dock icon on macOS).
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    /** Draws the whole picture first, so a chart that cannot be drawn leaves no file behind. */
    static void png(Chart<?, ?> chart, Path file) throws IOException {
        Files.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }

    /**
     * The chart as SVG. VectorGraphics2D draws XChart's text as outlines, so the file also gets a
     * {@code <title>} (the chart's title) and a {@code <desc>} naming every series in the legend:
     * what screen readers, search and a reader of the source can see.
     */
    static void svg(Chart<?, ?> chart, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        String svg = out.toString(StandardCharsets.UTF_8);
        int root = svg.indexOf("<svg");
        int open = root < 0 ? -1 : svg.indexOf('>', root);
        if (open < 0) {
            throw new IOException("the SVG encoder wrote no <svg> element");
        }
        String series = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).collect(Collectors.joining(", "));
        String meta = System.lineSeparator() + "  <title>" + escape(chart.getTitle()) + "</title>" + System.lineSeparator()
                + "  <desc>series: " + escape(series) + "</desc>";
        Files.writeString(file, svg.substring(0, open + 1) + meta + svg.substring(open + 1), StandardCharsets.UTF_8);
    }

    /** {@code base}.png and {@code base}.svg. */
    static void both(Chart<?, ?> chart, Path base) throws IOException {
        png(chart, base.resolveSibling(base.getFileName() + ".png"));
        svg(chart, base.resolveSibling(base.getFileName() + ".svg"));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
