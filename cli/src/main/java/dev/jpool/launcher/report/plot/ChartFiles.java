package dev.jpool.launcher.report.plot;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes a chart as PNG (raster, through ImageIO) and SVG (vector, through VectorGraphics2D),
 * under its title and smaller lines, the subtitle (lines apart at {@code \n}) (XChart draws a title of one line only,
 * so both are drawn here, above the chart, which is drawn without its own title).
 */
final class ChartFiles {
    static {
        // Drawing needs no display; without this a desktop JVM may open one (and a Dock icon on macOS).
        System.setProperty("java.awt.headless", "true");
    }

    private static final int MARGIN = 8;

    private ChartFiles() {
    }

    /** Draws the whole picture first, so a chart that cannot be drawn leaves no file behind. */
    static void png(Chart<?, ?> chart, String subtitle, Path file) throws IOException {
        int height = chart.getHeight() + header(chart, subtitle);
        BufferedImage image = new BufferedImage(chart.getWidth(), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g, chart, subtitle);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("this JVM has no PNG writer");
        }
        Files.write(file, png.toByteArray());
    }

    /**
     * The chart as SVG. VectorGraphics2D draws text as outlines, so the file also gets a
     * {@code <title>} (the chart's title and subtitle) and a {@code <desc>} naming every series in
     * the legend: what screen readers, search and a reader of the source can see.
     */
    static void svg(Chart<?, ?> chart, String subtitle, Path file) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g, chart, subtitle);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(g.getCommands(),
                new PageSize(0, 0, chart.getWidth(), chart.getHeight() + header(chart, subtitle))).writeTo(out);
        String svg = out.toString(StandardCharsets.UTF_8);
        int root = svg.indexOf("<svg");
        int open = root < 0 ? -1 : svg.indexOf('>', root);
        if (open < 0) {
            throw new IOException("the SVG encoder wrote no <svg> element");
        }
        String series = chart.getSeriesMap().values().stream().filter(s -> s.isShowInLegend())
                .map(s -> s.getName()).collect(Collectors.joining(", "));
        String title = chart.getTitle() + (subtitle == null ? "" : " (" + subtitle.replace("\n", "; ") + ")");
        String meta = System.lineSeparator() + "  <title>" + escape(title) + "</title>" + System.lineSeparator()
                + "  <desc>series: " + escape(series) + "</desc>";
        Files.writeString(file, svg.substring(0, open + 1) + meta + svg.substring(open + 1), StandardCharsets.UTF_8);
    }

    /** {@code base}.png and {@code base}.svg. */
    static void both(Chart<?, ?> chart, String subtitle, Path base) throws IOException {
        png(chart, subtitle, base.resolveSibling(base.getFileName() + ".png"));
        svg(chart, subtitle, base.resolveSibling(base.getFileName() + ".svg"));
    }

    /** Pixels above the chart for its title and subtitle. */
    private static int header(Chart<?, ?> chart, String subtitle) {
        Font title = titleFont(chart);
        int lines = (int) Math.ceil(title.getSize2D() * 1.4);
        if (subtitle != null) {
            lines += subtitle.split("\n").length * (int) Math.ceil(subtitleFont(chart).getSize2D() * 1.4);
        }
        return MARGIN + lines;
    }

    private static void paint(Graphics2D g, Chart<?, ?> chart, String subtitle) {
        int width = chart.getWidth();
        int header = header(chart, subtitle);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, chart.getHeight() + header);
        g.setColor(chart.getStyler().getChartFontColor());
        int y = MARGIN;
        y = centred(g, chart.getTitle(), titleFont(chart), width, y);
        if (subtitle != null) {
            for (String line : subtitle.split("\n")) {
                y = centred(g, line, subtitleFont(chart), width, y);
            }
        }
        boolean visible = chart.getStyler().isChartTitleVisible();
        chart.getStyler().setChartTitleVisible(false);
        try {
            Graphics2D below = (Graphics2D) g.create();
            below.translate(0, header);
            chart.paint(below, width, chart.getHeight());
            below.dispose();
        } finally {
            chart.getStyler().setChartTitleVisible(visible);
        }
    }

    /** Draws one line centred at {@code top}; returns where the next line starts. */
    private static int centred(Graphics2D g, String text, Font font, int width, int top) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = (int) Math.ceil(font.getSize2D() * 1.4);
        g.drawString(text, Math.max(MARGIN, (width - metrics.stringWidth(text)) / 2), top + metrics.getAscent());
        return top + lineHeight;
    }

    private static Font titleFont(Chart<?, ?> chart) {
        return chart.getStyler().getChartTitleFont();
    }

    private static Font subtitleFont(Chart<?, ?> chart) {
        Font title = titleFont(chart);
        return title.deriveFont(Font.PLAIN, Math.max(10f, title.getSize2D() - 2f));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
