package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.cli.CliTest.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every duration and count option, given a value too big for what counts it: a usage error before any JVM starts. */
class OptionOverflowTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "pi --task-timeout 9999999999999h       | '9999999999999h' is too long a duration (at most 2562047h)",
        "pi --task-timeout 99999999999999999999 | '99999999999999999999' is too long a duration",
        "map --task x.Y --task-timeout 9999999999999999m | '9999999999999999m' is too long a duration",
        "compare --task-timeout 9223372036854775807ms | is too long a duration",
        "pi --retries 99999999999               | '99999999999' is not an int",
        "pi --workers 99999999999               | '99999999999' is not an int",
        "pi --workers 2147483647                | --workers must be from 1 to 1024, was 2147483647",
        "pi --samples 9223372036854775807       | is more than the largest sample count, 1e15",
        "pi --samples 1e400                     | is more than the largest sample count",
        "pi --seed 99999999999999999999         | is not a whole number",
        "compare --repeat 99999999999           | '99999999999' is not an int",
        "scale --workers 1,99999999999          | '99999999999' is not an int",
        "crossover --max-samples 1e30           | is more than the largest sample count, 1e15",
        "map --task x.Y --chunksize 99999999999 | '99999999999' is not an int",
        "startup --repeat 99999999999           | '99999999999' is not an int",
    })
    void anOverflowingValueIsAUsageErrorInOneLine(String args, String message) {
        Outcome o = CliTest.run(args.trim().split(" +"));
        assertEquals(2, o.exit(), o.err());
        assertEquals("", o.out(), "nothing on stdout");
        assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        assertTrue(o.err().contains(message), o.err());
        assertFalse(o.err().contains("worker JVM"), "no worker started: " + o.err());
    }
}
