package dev.jpool.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.jpool.process.Answer;
import dev.jpool.protocol.OutputNotSendableException;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.TaskFailure;
import java.io.IOException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A chunk as it crosses to a worker JVM and back: its inputs as one JSON array (or the input
 * that cannot be written, named), its answer read back as the task's outputs, and each way it can
 * go wrong as the exception a caller gets, naming the input.
 */
final class ChunkCodec {
    private final Protocol protocol;
    private final ObjectMapper mapper;

    ChunkCodec(Protocol protocol) {
        this.protocol = protocol;
        this.mapper = protocol.mapper();
    }

    /**
     * The chunk as one JSON array in one pass; if that fails, the first input that cannot be
     * written is named; refused when it is more than one message to a worker may carry.
     */
    <I> RawJson encode(List<I> chunk, int first, IntFunction<String> names) {
        RawJson inputs;
        try {
            inputs = protocol.json(chunk);
        } catch (JsonProcessingException bulk) {
            for (int i = 0; i < chunk.size(); i++) {
                try {
                    protocol.json(chunk.get(i));
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(names.apply(first + i) + " (" + chunk.get(i)
                            + ") cannot be sent to a worker JVM as JSON: " + e.getOriginalMessage(), e);
                }
            }
            throw new IllegalArgumentException("the inputs cannot be sent to a worker JVM as JSON: "
                    + bulk.getOriginalMessage(), bulk);
        }
        if (inputs.bytes() > Protocol.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(NamedInputs.describe(names, first, chunk.size()) + " (a chunk) is "
                    + inputs.bytes() + " bytes as JSON, more than one message to a worker JVM may carry ("
                    + Protocol.MAX_PAYLOAD_BYTES + " bytes): use a smaller chunksize, or " + Protocol.lineLimitAdvice());
        }
        return inputs;
    }

    /** The outputs of an answered chunk, as the task's declared output type. */
    <O> List<O> outputs(ChunkJob job, Answer.Done answer) {
        RawJson answered = answer.result().outputs();
        try {
            return answered.<List<O>>read(job.outputs);
        } catch (IOException | RuntimeException e) {
            throw unreadable(job, answered, e);
        }
    }

    /** What the task threw, as the caller's exception: on which input, in which worker, with the worker's frames. */
    TaskException threw(ChunkJob job, Answer.Threw answer) {
        TaskFailure f = answer.failure();
        boolean onInput = f.index() >= 0 && f.index() < job.size;
        return new TaskException(job.task, onInput ? input(job, f.index()) : null, onInput ? job.first + f.index() : -1,
                onInput ? job.names.apply(job.first + f.index()) : null, answer.worker(), f.error(), f.message(), f.stackTrace(),
                RemoteTraceback.of(f.error(), f.message(), f.stackTrace()));
    }

    /**
     * A chunk's outputs that do not read back as the task's declared output type: the first output
     * that does not fails its input, naming the type (CPython's MaybeEncodingError).
     */
    private PoolException unreadable(ChunkJob job, RawJson answered, Exception bulk) {
        String type = job.outputs.getValueType().getContentType().toCanonical();
        try {
            JsonNode array = mapper.readTree(answered.json());
            ObjectReader one = mapper.readerFor(job.outputs.getValueType().getContentType());
            for (int i = 0; array.isArray() && i < array.size() && i < job.size; i++) {
                try {
                    one.readValue(array.get(i));
                } catch (IOException | RuntimeException e) {
                    String why = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
                    String message = "the output " + Protocol.cut(array.get(i).toString()) + " cannot be read back as "
                            + type + ", the task's declared output type: " + why;
                    return new TaskException(job.task, input(job, i), job.first + i, job.names.apply(job.first + i),
                            job.worker,
                            OutputNotSendableException.class.getName(), message, null,
                            new OutputNotSendableException(message, e));
                }
            }
        } catch (IOException | RuntimeException e) {
            bulk.addSuppressed(e);
        }
        return new PoolException(job.task + " answered " + Protocol.cut(answered.json()) + ", which is not a list of "
                + type + ": " + bulk.getMessage(), bulk);
    }

    /** Input {@code index} of the chunk as JSON text, for an error message. */
    private String input(ChunkJob job, int index) {
        try {
            return Protocol.cut(mapper.readTree(job.inputs.json()).get(index).toString());
        } catch (IOException | RuntimeException e) {
            return "#" + index;
        }
    }
}
