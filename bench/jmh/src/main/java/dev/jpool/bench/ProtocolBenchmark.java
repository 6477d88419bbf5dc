package dev.jpool.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.ProtocolException;
import dev.jpool.protocol.ProtocolPaths;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.TaskResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one message's round trip costs, and what each of the protocol's short paths buys of it: a
 * {@link RunTask} and a {@link TaskResult} whose payload is a list of {@code numbers} whole
 * numbers (an identity task's inputs and outputs), each made into a payload, encoded into its
 * line, decoded as the other side does (with the reader its payload will be read with) and its
 * payload read back. {@code paths}:
 * <ul>
 *   <li>{@code all}: what jpool does: the record codec, plain lists, whole numbers;</li>
 *   <li>{@code noWholeNumbers}: without {@code WholeNumbers} (the array read token by token by
 *       {@code ScalarLists} while the line is parsed);</li>
 *   <li>{@code none}: without {@code ScalarLists} either (the payload written and read by Jackson
 *       databind, still in the one pass over the line);</li>
 *   <li>{@code jackson}: without the record codec either: the records written and read by Jackson
 *       databind ({@link JacksonEnvelope}), the payload sliced out and read afterwards.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -B -Pbench -DskipTests package && java -jar bench/jmh/target/benchmarks.jar
 * ProtocolBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ProtocolBenchmark {
    @Param({"1", "1000"})
    public int numbers;

    @Param({"all", "noWholeNumbers", "none", "jackson"})
    public String paths;

    private Protocol protocol;
    private JacksonEnvelope jackson;
    private ObjectReader longs;
    private List<Long> values;
    /** Changes with each message, as a pool's ids do. */
    private long id;

    @Setup
    public void setUp() throws IOException {
        boolean databind = paths.equals("jackson");
        protocol = ProtocolPaths.protocol(databind ? "none" : paths);
        jackson = databind ? new JacksonEnvelope() : null;
        longs = protocol.mapper().readerFor(new TypeReference<List<Long>>() { });
        values = LongStream.range(0, numbers).map(i -> i * i - 500).boxed().toList();
        if (!runTask().equals(values) || !taskResult().equals(values)) {
            throw new IllegalStateException(paths + " does not give back what it was given");
        }
        RunTask run = new RunTask(Protocol.VERSION, 1, "dev.jpool.worker.Identity", protocol.json(List.of(1L, 2L)));
        String line = new String(encode(run), StandardCharsets.UTF_8);
        if (!line.equals(protocol.encode(run))) {
            throw new IllegalStateException(paths + " writes another line: " + line);
        }
    }

    /** The launcher's chunk of inputs to the worker's inputs. */
    @Benchmark
    public List<Long> runTask() throws IOException {
        RunTask run = new RunTask(Protocol.VERSION, ++id, "dev.jpool.worker.Identity", payload());
        RunTask read = (RunTask) decode(encode(run));
        return read.inputs().read(longs);
    }

    /** The worker's outputs to the launcher's results. */
    @Benchmark
    public List<Long> taskResult() throws IOException {
        TaskResult result = new TaskResult(Protocol.VERSION, ++id, payload(), id, id + 1, id + 2);
        TaskResult read = (TaskResult) decode(encode(result));
        return read.outputs().read(longs);
    }

    private RawJson payload() throws IOException {
        return protocol.json(values);
    }

    private byte[] encode(Message message) throws IOException {
        return jackson == null ? ProtocolPaths.line(message) : jackson.encode(message);
    }

    private Message decode(byte[] line) throws IOException {
        if (jackson != null) {
            return jackson.decode(line);
        }
        try {
            return protocol.decode(line, longs);
        } catch (ProtocolException e) {
            throw new IOException(e);
        }
    }
}
