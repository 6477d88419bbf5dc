package dev.jpool.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jpool.protocol.Hello;
import dev.jpool.protocol.Protocol;
import org.junit.jupiter.api.Test;

class HelloLineTest {
    private final Protocol protocol = new Protocol();

    @Test
    void writesTheLineTheProtocolWrites() throws Exception {
        Hello hello = new Hello(Protocol.VERSION, 4242, "17.0.15", 1_700_000_000_123L, -5_000_000_000L,
                "host \"one\"\u00e9", "node\\1", null);
        String line = HelloLine.encode(hello);
        assertEquals(protocol.encode(hello), line);
        assertEquals(hello, protocol.decode(line));
    }

    @Test
    void carriesASlurmStep() throws Exception {
        Hello hello = new Hello(Protocol.VERSION, 1, "21", 0, 7, "h", "n1", "12.3");
        assertEquals(protocol.encode(hello), HelloLine.encode(hello));
    }

    @Test
    void thisJvmsHelloTooAndOnOneLine() throws Exception {
        Hello hello = Worker.hello();
        String line = HelloLine.encode(hello);
        assertEquals(protocol.encode(hello), line);
        assertEquals(-1, line.indexOf('\n'));
    }
}
