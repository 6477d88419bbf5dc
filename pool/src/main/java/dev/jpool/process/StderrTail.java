package dev.jpool.process;

import dev.jpool.protocol.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A worker's stderr: each line passed on with the worker's prefix, and the last few kept to
 * explain its death.
 */
final class StderrTail {
    private static final int LINE_BYTES = 16 * 1024;

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();
    private final String prefix;
    private final Consumer<String> sink;
    /** Lines the JVM prints because of an option jpool gave it (the incubator module's warning): dropped once each. */
    private final List<String> startupNotices;

    StderrTail(int capacity, String prefix, Consumer<String> sink, List<String> startupNotices) {
        this.capacity = capacity;
        this.prefix = prefix;
        this.sink = sink;
        this.startupNotices = new ArrayList<>(startupNotices);
    }

    /** Reads {@code stderr} to its end. */
    void drain(InputStream stderr) {
        LineReader reader = new LineReader(stderr, LINE_BYTES);
        while (true) {
            String line;
            try {
                line = reader.readLine();
            } catch (LineReader.LineTooLongException e) {
                line = "(" + e.getMessage() + ")";
            } catch (IOException e) {
                return;
            }
            if (line == null) {
                return;
            }
            if (startupNotices.remove(line)) {
                continue;
            }
            add(line);
            sink.accept(prefix + line);
        }
    }

    synchronized void add(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
