package dev.jpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.jpool.protocol.Message;
import dev.jpool.protocol.Protocol;
import dev.jpool.protocol.RawJson;
import dev.jpool.protocol.RunTask;
import dev.jpool.protocol.TaskResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker's task runner builds Jackson databind only for a value that needs it: plain inputs and
 * outputs go without it (what keeps a fresh worker's first answer short), and any other value, even
 * in a task of plain inputs, is read exactly as the mapper reads it.
 */
class TaskRunnerTest {
    private static String run(TaskRunner runner, String task, String inputs) {
        Message answer = runner.run(new RunTask(Protocol.VERSION, 1, task, new RawJson(inputs)), System.nanoTime());
        return assertInstanceOf(TaskResult.class, answer, answer::toString).outputs().json();
    }

    @Test
    void aTaskOfPlainValuesRunsWithoutTheMapper() {
        Protocol protocol = new Protocol();
        TaskRunner runner = new TaskRunner(protocol);
        assertEquals("[1,-2,3]", run(runner, Identity.class.getName(), "[1,-2,3]"));
        assertEquals("[4]", run(runner, Identity.class.getName(), "[4]"));
        assertFalse(protocol.hasMapper(), "a task of Long inputs and outputs needs no databind mapper");
        assertEquals(null, runner.expectedInputs(), "nor a reader for its next inputs");
    }

    @Test
    void aPlainTaskGivenAValueOnlyTheMapperReadsGetsWhatTheMapperReads() throws Exception {
        String inputs = "[\"7\",8,null]"; // a number as a string: Jackson's coercion, not the plain path's
        List<Long> asJackson = new Protocol().mapper().readValue(inputs, new TypeReference<List<Long>>() { });
        Protocol protocol = new Protocol();
        TaskRunner runner = new TaskRunner(protocol);
        assertEquals(new Protocol().mapper().writeValueAsString(asJackson), run(runner, Identity.class.getName(), inputs));
        assertTrue(protocol.hasMapper());
        assertEquals("[9]", run(runner, Identity.class.getName(), "[9]"), "and plain inputs still after it");
    }

    @Test
    void aTaskOfRecordsIsReadAndWrittenByTheMapper() {
        Protocol protocol = new Protocol();
        TaskRunner runner = new TaskRunner(protocol);
        String points = "[{\"x\":1,\"label\":\"a\"},{\"x\":2,\"label\":\"b\"}]";
        assertEquals(points, run(runner, RecordIdentity.class.getName(), points));
        assertTrue(protocol.hasMapper());
    }
}
