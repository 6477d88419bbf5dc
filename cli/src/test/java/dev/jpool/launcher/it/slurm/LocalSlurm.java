package dev.jpool.launcher.it.slurm;

import static org.junit.jupiter.api.Assertions.fail;

import dev.jpool.launcher.it.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The SLURM cluster the SLURM integration tests run against: at least two nodes, node1 and
 * node2, with 2 CPUs each, as {@code slurm/dev/local-cluster.sh up --nodes 2 --cpus 2} starts
 * it. Where there is none the tests are skipped, saying why and how to start one; with
 * {@code CI=true} they fail instead, since CI starts the cluster first.
 */
final class LocalSlurm {
    static final String START = "sudo bash slurm/dev/local-cluster.sh up --nodes 2 --cpus 2";

    private static String whyNot;
    private static boolean checked;
    private static boolean told;

    private LocalSlurm() {
    }

    /** Returns when the cluster is up; skips the test (fails it under CI=true) otherwise. */
    static synchronized void assumeUp() throws Exception {
        if (!checked) {
            whyNot = whyNotUp();
            checked = true;
        }
        if (whyNot == null) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but the SLURM cluster is not usable: " + whyNot + "; .ci/run starts it with "
                    + "'bash slurm/dev/local-cluster.sh up --nodes 2 --cpus 2'");
        }
        String skipped = "SLURM tests skipped: " + whyNot + " (start a local cluster as root with '" + START + "')";
        if (!told) {
            System.err.println(skipped);
            told = true;
        }
        Assumptions.abort(skipped);
    }

    private static String whyNotUp() throws Exception {
        for (String command : List.of("sbatch", "salloc", "srun", "sinfo", "squeue", "scancel")) {
            if (!onPath(command)) {
                return "'" + command + "' is not on the PATH (SLURM is not installed here)";
            }
        }
        Command sinfo = Command.run(Duration.ofSeconds(20), "sinfo", "-h", "-N", "-o", "%N %c %t");
        if (sinfo.exit() != 0) {
            return "sinfo failed, so no SLURM controller answers: " + sinfo.err().strip();
        }
        for (String node : List.of("node1", "node2")) {
            boolean fit = sinfo.out().lines().map(line -> line.trim().split("\\s+"))
                    .anyMatch(f -> f.length == 3 && f[0].equals(node) && Integer.parseInt(f[1].replace("+", "")) >= 2
                            && List.of("idle", "mix", "alloc").contains(f[2].replace("*", "")));
            if (!fit) {
                return "the cluster has no usable " + node + " with 2 CPUs; sinfo says: " + sinfo.out().strip();
            }
        }
        return null;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(":")).stream()
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, command)));
    }
}
