package dev.jpool.launcher.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentFramesTest {
    @Test
    void aStreamIsCutAtItsNewlinesAndPutBackTogetherByteForByte() throws Exception {
        byte[] data = "{\"type\":\"hello\"}\n\u00e9\u0000\r\ttail".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream channel = new ByteArrayOutputStream();
        AgentFrames.writeData(channel, 'O', 7, data, 0, data.length);
        AgentFrames.write(channel, 'X', 7, "0");
        AgentFrames.Reader frames = new AgentFrames.Reader(new ByteArrayInputStream(channel.toByteArray()));
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        AgentFrames.Frame frame;
        while ((frame = frames.next()).type() != 'X') {
            assertEquals(7, frame.id());
            back.write(frame.payload());
            if (frame.type() == 'O') {
                back.write('\n');
            }
        }
        assertEquals("0", frame.text());
        assertNull(frames.next(), "the end of the channel");
        assertArrayEquals(data, back.toByteArray());
    }

    @Test
    void aLineThatIsNotAFrameIsACorruptChannel() {
        for (String bad : new String[] {"hello world\n", "O12\n", "7 x\n", "O 1\n", "O1x2 y\n", "O1 cut short"}) {
            AgentFrames.Reader frames = new AgentFrames.Reader(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)));
            assertThrows(AgentFrames.CorruptFrame.class, frames::next, bad);
        }
    }

    @Test
    void theAgentsStepHoldsItsNodesCpusAndRunsOnThatNodeAlone() {
        java.util.List<String> srun = java.util.List.of("/usr/bin/srun", "--exact", "--nodes=1", "--ntasks=1",
                "--ntasks-per-node=1", "--nodelist=node2", "--cpus-per-task=4", "--mem=0", "--unbuffered",
                "--job-name=jpool-agent");
        java.util.List<String> command = AgentHub.agentCommand("/usr/bin/srun", new AllocatedNode("node2", 4));
        assertEquals(srun, command.subList(0, srun.size()));
        assertTrue(command.get(command.size() - 1).endsWith("NodeAgent"), command.toString());
    }
}
