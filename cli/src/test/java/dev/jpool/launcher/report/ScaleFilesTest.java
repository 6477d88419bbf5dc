package dev.jpool.launcher.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jpool.launcher.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * One real {@code scale} run (small samples, both modes, two worker counts, two rounds) with
 * every output asked for; then each file is read back as a program would read it.
 */
class ScaleFilesTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static String stdout;
    static String stderr;

    @BeforeAll
    static void scale() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine(Map.of());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("scale", "--workers", "2,1,2", "--modes", "process,thread", "--samples", "300000",
                "--repeat", "2", "--out", dir.resolve("out").toString(), "--trace", dir.resolve("trace.json").toString(),
                "--gantt", dir.resolve("gantt.png").toString());
        stdout = out.toString();
        stderr = err.toString();
        assertEquals(0, exit, stderr);
    }

    private static Path out(String name) {
        return dir.resolve("out").resolve(name);
    }

    @Test
    void everyFileIsWritten() {
        for (String name : ScaleReport.FILES) {
            assertTrue(Files.isRegularFile(out(name)), name);
        }
    }

    @Test
    void thePngsArePngsOfASaneSize() throws Exception {
        for (Path png : List.of(out("scale-time.png"), out("scale-speedup.png"), dir.resolve("gantt.png"))) {
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(PNG_MAGIC, Arrays.copyOf(bytes, 8), png + " starts with the PNG signature");
            assertTrue(bytes.length > 5_000 && bytes.length < 500_000, png + " is " + bytes.length + " bytes");
            var image = javax.imageio.ImageIO.read(png.toFile());
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 300, png + " " + image.getWidth() + "x"
                    + image.getHeight());
        }
    }

    @Test
    void theSvgsAreXmlAndNameTheirSeries() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String name : List.of("scale-time.svg", "scale-speedup.svg")) {
            Document svg = factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(out(name))));
            assertEquals("svg", svg.getDocumentElement().getLocalName());
            String desc = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "desc").item(0).getTextContent();
            for (String series : List.of("process", "thread", "ideal")) {
                assertTrue(desc.contains(series), name + ": " + desc);
            }
            assertTrue(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "path").getLength() > 10, "drawn");
        }
    }

    @Test
    void theRunsCsvHasAHeaderAndOneRowPerRun() throws Exception {
        List<String> lines = Files.readAllLines(out("scale-runs.csv"));
        assertEquals("mode,workers,run,samples,seed,hits,wallNanos,oversubscribed", lines.get(0));
        assertEquals(2 * (1 + 2 * 2), lines.size() - 1, "2 rounds of serial + 2 counts x 2 modes: " + lines);
    }

    /** The median, speedup and serial fraction of every row: the same in the table, the CSV and the JSON. */
    @Test
    void tableCsvAndJsonAgree() throws Exception {
        List<String> csv = Files.readAllLines(out("scale-table.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        JsonNode json = JSON.readTree(out("scale.json").toFile());
        JsonNode rows = json.get("rows");
        assertEquals(5, rows.size(), "serial, process 1 and 2, thread 1 and 2");
        assertEquals(csv.size() - 1, rows.size());
        List<String> table = stdout.lines().filter(line -> line.matches("  (serial|process|thread) +\\d+ .*")).toList();
        assertEquals(rows.size(), table.size(), stdout);
        List<String> runs = Files.readAllLines(out("scale-runs.csv"));
        for (int r = 0; r < rows.size(); r++) {
            JsonNode row = rows.get(r);
            String[] cells = csv.get(r + 1).split(",", -1);
            Map<String, String> cell = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                cell.put(header.get(c), cells[c]);
            }
            for (String field : List.of("mode", "workers", "medianWallNanos", "minWallNanos", "maxWallNanos", "speedup",
                    "efficiency", "oversubscribed")) {
                assertEquals(row.get(field).asText(), cell.get(field), field + " of row " + r);
            }
            assertEquals(row.get("serialFraction").isNull() ? "" : row.get("serialFraction").asText(),
                    cell.get("serialFraction"));
            assertEquals(json.get("hits").asText(), cell.get("hits"));
            // a figure that cannot be true carries a mark, " !" (on a busy machine it may)
            String[] text = table.get(r).replace(" " + "!", "").trim().split("\\s+");
            assertEquals(row.get("mode").asText(), text[0]);
            assertEquals(row.get("workers").asText(), text[1]);
            assertTrue(table.get(r).contains(Units.duration(row.get("medianWallNanos").asLong())), table.get(r));
            // the text rounds to fewer digits than the files (which round to 4 decimals)
            int speedup = List.of(text).indexOf(Arrays.stream(text).filter(t -> t.matches("[0-9.]+x")).findFirst()
                    .orElseThrow());
            assertEquals(row.get("speedup").asDouble(), Double.parseDouble(text[speedup].replace("x", "")), 0.005 + 1e-4,
                    table.get(r));
            assertEquals(row.get("efficiency").asDouble() * 100, Double.parseDouble(text[speedup + 1].replace("%", "")),
                    0.5 + 1e-2, table.get(r));
            if (row.get("serialFraction").isNull()) {
                assertEquals("-", text[speedup + 2], table.get(r));
            } else {
                assertEquals(row.get("serialFraction").asDouble(), Double.parseDouble(text[speedup + 2]), 0.0005 + 1e-4,
                        table.get(r));
            }
            assertEquals(row.get("oversubscribed").asBoolean(), table.get(r).endsWith("oversubscribed"));
            // the median is that of the row's runs in scale-runs.csv
            String prefix = row.get("mode").asText() + "," + row.get("workers").asText() + ",";
            long[] walls = runs.stream().filter(line -> line.startsWith(prefix))
                    .mapToLong(line -> Long.parseLong(line.split(",")[6])).sorted().toArray();
            assertEquals(2, walls.length);
            assertEquals((walls[0] + walls[1]) / 2, row.get("medianWallNanos").asLong());
        }
    }

    /** One lane per worker of each shown run, its phases in time order, never overlapping. */
    @Test
    void theTraceHasALanePerWorkerWithPhasesInOrder() throws Exception {
        JsonNode trace = JSON.readTree(dir.resolve("trace.json").toFile());
        Map<String, String> laneNames = new HashMap<>();
        Map<String, List<JsonNode>> lanes = new HashMap<>();
        for (JsonNode event : trace.get("traceEvents")) {
            String lane = event.get("pid").asInt() + "/" + event.get("tid").asInt();
            if (event.get("ph").asText().equals("M") && event.get("name").asText().equals("thread_name")) {
                laneNames.put(lane, event.get("args").get("name").asText());
            } else if (event.get("ph").asText().equals("X")) {
                assertTrue(event.get("ts").isNumber() && event.get("dur").asDouble() >= 0, event.toString());
                lanes.computeIfAbsent(lane, k -> new ArrayList<>()).add(event);
            }
        }
        // process x1, x2; thread x1, x2; serial
        assertEquals(1 + 2 + 1 + 2 + 1, lanes.size(), lanes.keySet().toString());
        assertEquals(lanes.keySet(), laneNames.keySet());
        for (var lane : lanes.entrySet()) {
            List<String> phases = lane.getValue().stream().map(e -> e.get("name").asText()).toList();
            String name = laneNames.get(lane.getKey());
            if (name.startsWith("process")) {
                assertEquals(List.of("JVM start", "receive", "prepare", "compute", "send", "exit"), phases, name);
            } else if (name.startsWith("thread")) {
                assertEquals(List.of("pool start", "queue wait", "compute", "join", "shutdown"), phases, name);
            } else {
                assertEquals(List.of("compute"), phases, name);
            }
            double end = 0;
            for (JsonNode event : lane.getValue()) {
                assertTrue(event.get("ts").asDouble() >= end - 1e-3, name + ": " + event + " starts before " + end);
                end = event.get("ts").asDouble() + event.get("dur").asDouble();
            }
        }
    }

    @Test
    void duplicateWorkerCountsAreDroppedAndTheTwoCoreMachineIsNamed() {
        assertTrue(stderr.contains("over [1, 2] workers"), stderr);
        assertTrue(stdout.contains("detected"), stdout);
    }
}
