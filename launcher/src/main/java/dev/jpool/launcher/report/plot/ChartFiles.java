package dev.jpool.launcher.report.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    static void svg(Chart<?, ?> chart, Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Files.write(file, out.toByteArray());
    }

    /** {@code base}.png and {@code base}.svg. */
    static void both(Chart<?, ?> chart, Path base) throws IOException {
        png(chart, base.resolveSibling(base.getFileName() + ".png"));
        svg(chart, base.resolveSibling(base.getFileName() + ".svg"));
    }
}
