package dev.jpool.launcher.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** slurm/README.md shows real runs; their outputs must not carry the paths of the machine they were made on. */
class SlurmReadmeTest {
    private static final Path ROOT = Path.of(System.getProperty("jpool.root", "..")).toAbsolutePath().normalize();
    /** Absolute paths the README may name: the system's, and the fixed ones of the local test cluster. */
    private static final List<String> SYSTEM = List.of("/etc/", "/usr/", "/var/lib/jpool-slurm/", "/var/log/munge/",
            "/dev/null", "/proc/");
    private static final Pattern ABSOLUTE = Pattern.compile("(?<![\\w.~$}/:\\])-])/[A-Za-z0-9._-]+(?:/[A-Za-z0-9._*<>-]*)*");

    @Test
    void theReadmeHoldsNoAbsolutePathOfTheMachineItWasMadeOn() throws Exception {
        String text = Files.readString(ROOT.resolve("slurm/README.md"));
        for (String machine : List.of(ROOT.toString(), ROOT.toRealPath().toString(), System.getProperty("user.home"))) {
            assertFalse(text.contains(machine + "/"), "slurm/README.md names " + machine + "/, a path of this machine");
        }
        List<String> found = new ArrayList<>();
        Matcher path = ABSOLUTE.matcher(text);
        while (path.find()) {
            String p = path.group();
            if (p.indexOf('/', 1) > 0 && SYSTEM.stream().noneMatch(p::startsWith)) {
                found.add(p);
            }
        }
        assertEquals(List.of(), found, "absolute paths in slurm/README.md; show them relative to the repository");
    }
}
