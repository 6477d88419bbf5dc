package dev.jpool.launcher.it;

import dev.jpool.testing.Square;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the test tasks ({@code dev.jpool.testing}, from the pool module's test jar) are, for {@code map --classpath}. */
public final class TestTasks {
    /** The jar or directory holding the test tasks. */
    public static final String CLASSPATH = location();

    private TestTasks() {
    }

    private static String location() {
        try {
            return Path.of(Square.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
