package dev.jpool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WholeNumbersTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAnArrayOfWholeNumbersAndSaysWhereItEnds() {
        byte[] line = bytes("x[ 0, -0 ,7,-12,\t999999999999999999 ,-999999999999999999]rest");
        WholeNumbers.Array array = WholeNumbers.read(line, 1, false);
        assertNotNull(array);
        assertEquals(List.of(0L, 0L, 7L, -12L, 999_999_999_999_999_999L, -999_999_999_999_999_999L), array.values());
        assertEquals("rest", new String(line, array.end(), line.length - array.end(), StandardCharsets.UTF_8));
    }

    @Test
    void readsIntsWhereAskedAndAnEmptyArray() {
        assertEquals(List.of(1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE),
                WholeNumbers.read(bytes("[1,-2,2147483647,-2147483648]"), 0, true).values());
        assertEquals(List.of(), WholeNumbers.read(bytes("[ ]"), 0, false).values());
        assertNull(WholeNumbers.read(bytes("[2147483648]"), 0, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[01]", "[1.5]", "[1e3]", "[1E3]", "[-]", "[1,]", "[,1]", "[1 2]", "[1", "1", "[\"1\"]", "[null]",
        "[[1]]", "[{}]", "[true]", "[1234567890123456789]", "[+1]", "[", "[--1]", "[1,,2]",
    })
    void leavesAnythingElseToJackson(String text) {
        assertNull(WholeNumbers.read(bytes(text), 0, false), text);
    }
}
