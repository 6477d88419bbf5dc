package dev.jpool.bench;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.TaskResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How fast the protocol's codec settles in a fresh JVM: the lines of an identity task's round trip
 * (a {@code run} line of one whole number, its {@code result} line), each encoded and decoded as
 * the two sides do, call after call, with the median time of each stretch of calls printed. The
 * codec alone, without pipes or threads: what a fresh worker and launcher pay for it before the
 * JIT has compiled it.
 *
 * <p>Run: {@code java -cp bench/jmh/target/benchmarks.jar dev.jpool.bench.CodecWarmUp} (after
 * {@code mvn -B -Pbench -DskipTests package}); one fresh JVM is one sample, so run it a few times.
 */
public final class CodecWarmUp {
    private static final int[] EDGES = {0, 10, 50, 100, 200, 300, 500, 1000, 2000, 3000};

    private CodecWarmUp() {
    }

    public static void main(String[] args) throws Exception {
        Protocol protocol = new Protocol();
        ObjectReader longs = protocol.mapper().readerFor(
                protocol.mapper().getTypeFactory().constructCollectionType(List.class, Long.class));
        int calls = EDGES[EDGES.length - 1];
        long[][] nanos = new long[4][calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            RawJson inputs = protocol.json(List.of((long) i));
            byte[] run = Protocol.encodeLine(new RunTask(Protocol.VERSION, i, "com.example.Echo", inputs));
            long t1 = System.nanoTime();
            RunTask decoded = (RunTask) protocol.decode(Arrays.copyOf(run, run.length - 1), longs);
            long t2 = System.nanoTime();
            byte[] result = Protocol.encodeLine(new TaskResult(Protocol.VERSION, i, decoded.inputs(), t1, 100, t2));
            long t3 = System.nanoTime();
            TaskResult back = (TaskResult) protocol.decode(Arrays.copyOf(result, result.length - 1), longs);
            long t4 = System.nanoTime();
            if (back.id() != i) {
                throw new IllegalStateException("a result of another id");
            }
            nanos[0][i] = t1 - t0;
            nanos[1][i] = t2 - t1;
            nanos[2][i] = t3 - t2;
            nanos[3][i] = t4 - t3;
        }
        System.out.printf(Locale.ROOT, "codec in a fresh JVM, median us per stretch of calls (%s %s)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-12s", "calls"));
        for (int s = 0; s + 1 < EDGES.length; s++) {
            header.append(String.format(Locale.ROOT, "%10s", EDGES[s] + "-" + EDGES[s + 1]));
        }
        System.out.println(header);
        String[] names = {"encode run", "decode run", "encode result", "decode result"};
        for (int k = 0; k < names.length; k++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %-12s", names[k]));
            for (int s = 0; s + 1 < EDGES.length; s++) {
                long[] stretch = Arrays.copyOfRange(nanos[k], EDGES[s], EDGES[s + 1]);
                Arrays.sort(stretch);
                row.append(String.format(Locale.ROOT, "%10.1f", stretch[stretch.length / 2] / 1e3));
            }
            System.out.println(row);
        }
    }
}
