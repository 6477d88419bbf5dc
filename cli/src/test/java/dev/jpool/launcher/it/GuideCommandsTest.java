package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.it.GuideCommands.Check;
import dev.jpool.launcher.it.GuideCommands.Kind;
import dev.jpool.launcher.it.GuideCommands.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reader of the guide finds every command, joins continued lines, and ties checks and output to it. */
class GuideCommandsTest {
    @Test
    void findsCommandsWithTheirChecksAndShownOutput() {
        String guide = """
                # A section

                ```sh
                $ java -jar cli/target/jpool.jar demo map --workers 2
                ```
                <!-- check: prints "[1, 4, 9" -->
                <!-- check: matches "computed by pid \\d+" -->

                ```text
                [1, 4, 9, 16]
                ```

                ```sh
                ./jpool scale --workers 1,2 \\
                    --samples 1e9 --out scaling
                echo not a jpool command
                ```
                <!-- check: file "scaling/scale.json" -->
                <!-- check: full-size -->
                """;
        List<Step> commands = GuideCommands.parse(guide);
        assertEquals(2, commands.size(), commands.toString());

        Step map = commands.get(0);
        assertEquals(4, map.line());
        assertEquals("java -jar cli/target/jpool.jar demo map --workers 2", map.text());
        assertEquals(List.of(new Check(Kind.PRINTS, "[1, 4, 9"), new Check(Kind.MATCHES, "computed by pid \\d+")),
                map.checks());
        assertEquals("[1, 4, 9, 16]\n", map.shownOutput());

        Step scale = commands.get(1);
        assertEquals("./jpool scale --workers 1,2 --samples 1e9 --out scaling", scale.text());
        assertTrue(scale.fullSize());
        assertNull(scale.shownOutput(), "no block after it");
    }

    @Test
    void theOutputBlockIsTheFirstAfterTheCommandOnly() {
        List<Step> commands = GuideCommands.parse("""
                ```
                ./jpool pi
                ```
                <!-- check: prints "hits" -->
                ```
                hits 1
                ```
                ```
                some other listing
                ```
                """);
        assertEquals("hits 1\n", commands.get(0).shownOutput());
    }

    @Test
    void aCommandWithoutACheckIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuideCommands.parse("""
                ```
                ./jpool pi --samples 1e6
                ```
                <!-- check: full-size -->
                """));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void aCheckWithoutACommandOrOfAnUnknownKindIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> GuideCommands.parse("<!-- check: prints \"x\" -->\n"));
        String unknown = """
                ```
                ./jpool pi
                ```
                <!-- check: says "x" -->
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GuideCommands.parse(unknown));
        assertTrue(e.getMessage().contains("unknown check 'says'"), e.getMessage());
        String misspelt = """
                ```
                ./jpool pi
                ```
                <!-- check prints "x" -->
                """;
        assertThrows(IllegalArgumentException.class, () -> GuideCommands.parse(misspelt));
    }

    @Test
    void otherProgramsAndLookalikesAreNotCommands() {
        assertEquals(List.of(), GuideCommands.parse("""
                ```
                sbatch slurm/pi.sbatch
                java -jar cli/target/jpool.jarx pi
                ./jpoolx pi
                ```
                """));
    }

    @Test
    void sampleCountsAreCutToTheSmallSizeUnlessFullSize() {
        List<Step> commands = GuideCommands.parse("""
                ```
                ./jpool crossover --max-samples 1e10 --workers 2
                ./jpool pi --samples=1_000 --workers 2
                ./jpool compare --samples 4e9
                ```
                <!-- check: prints "x" -->
                ```
                ./jpool pi --samples 4e9 --chaos kill-one
                ```
                <!-- check: prints "x" -->
                <!-- check: full-size -->
                <!-- check: exit "1" -->
                """);
        assertEquals("./jpool crossover --max-samples 20000000 --workers 2", commands.get(0).toRun(20_000_000));
        assertEquals("./jpool pi --samples=1_000 --workers 2", commands.get(1).toRun(20_000_000));
        assertEquals("./jpool compare --samples 20000000", commands.get(2).toRun(20_000_000));
        assertEquals(0, commands.get(2).exitCode());
        assertEquals("./jpool pi --samples 4e9 --chaos kill-one", commands.get(3).toRun(20_000_000));
        assertEquals(1, commands.get(3).exitCode());
    }
}
