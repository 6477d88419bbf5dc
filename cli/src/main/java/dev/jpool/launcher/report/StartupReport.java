package dev.jpool.launcher.report;

import dev.jpool.launcher.run.StartupBenchmark.Line;
import dev.jpool.launcher.run.StartupBenchmark;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints a {@link StartupBenchmark.Result}: each way of starting a JVM against a bare {@code java}. */
public final class StartupReport extends Report {
    private final StartupBenchmark.Result result;
    private final String machine;

    /**
     * @param machine the JDK and CPU, printed in the heading
     */
    public StartupReport(StartupBenchmark.Result result, String machine) {
        this.result = result;
        this.machine = machine;
    }

    private long bare() {
        return result.lines().get(0).medianNanos();
    }

    private double ratio(Line line) {
        return (double) line.medianNanos() / bare();
    }

    @Override
    void text(PrintWriter out) {
        out.printf(Locale.ROOT, "jpool startup: spawn until the first line, %d JVM%s at a time, %d round%s (%s)%n",
                result.concurrent(), result.concurrent() == 1 ? "" : "s", result.rounds(),
                result.rounds() == 1 ? "" : "s", machine);
        out.println();
        TextTable table = new TextTable("JVM", "median", "min", "vs bare java", "first answer");
        for (Line line : result.lines()) {
            Long answer = line.medianAnswerNanos();
            table.add(line.subject().label(), Units.duration(line.medianNanos()), Units.duration(line.minNanos()),
                    String.format(Locale.ROOT, "%.2fx", ratio(line)), answer == null ? "-" : Units.duration(answer));
        }
        table.print(out, "  ");
        out.println();
        out.println("  A worker's first line is its hello: the JVM has started, loaded jpool's classes and written its");
        out.println("  hello; it sets up its protocol reader after that. first answer: spawn until the result of a");
        out.println("  first, tiny task of plain numbers (sent as soon as the worker said hello) is back: what a worker");
        out.println("  costs before it does any work. The class-data archive is what jpool uses unless --no-cds.");
        for (Line line : result.lines()) {
            out.println("  " + line.subject().label() + ": " + line.subject().commandLine());
        }
    }

    @Override
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("concurrent", result.concurrent());
        json.put("rounds", result.rounds());
        json.put("machine", machine);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line line : result.lines()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("label", line.subject().label());
            map.put("command", line.subject().commandLine().command());
            map.put("medianNanos", line.medianNanos());
            map.put("minNanos", line.minNanos());
            map.put("ratioToBareJava", Math.round(ratio(line) * 1000) / 1000.0);
            map.put("medianFirstAnswerNanos", line.medianAnswerNanos());
            map.put("nanos", line.nanos());
            map.put("firstAnswerNanos", line.answerNanos());
            lines.add(map);
        }
        json.put("lines", lines);
        return json;
    }

    @Override
    void csv(PrintWriter out) {
        out.println("label,concurrent,rounds,medianNanos,minNanos,ratioToBareJava,medianFirstAnswerNanos");
        for (Line line : result.lines()) {
            out.println(String.join(",", List.of("\"" + line.subject().label() + "\"",
                    Integer.toString(result.concurrent()), Integer.toString(result.rounds()),
                    Long.toString(line.medianNanos()), Long.toString(line.minNanos()),
                    String.format(Locale.ROOT, "%.3f", ratio(line)),
                    line.medianAnswerNanos() == null ? "" : Long.toString(line.medianAnswerNanos()))));
        }
    }
}
