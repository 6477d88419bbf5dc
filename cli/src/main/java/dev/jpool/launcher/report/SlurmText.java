package dev.jpool.launcher.report;

import dev.jpool.host.HostName;
import dev.jpool.launcher.run.PiRun;
import dev.jpool.launcher.run.WorkerTiming;
import dev.jpool.launcher.slurm.SlurmJob;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the reports name a SLURM job and where its workers ran. */
final class SlurmText {
    private SlurmText() {
    }

    /** "job 42, node node1, 2 CPUs per task (SLURM_CPUS_PER_TASK=2)". */
    static String describe(SlurmJob job) {
        StringBuilder text = new StringBuilder("job ").append(job.id());
        text.append(job.node() != null ? ", node " + job.node()
                : ", launcher on " + HostName.host() + " (not one of the job's nodes)");
        job.localCpus().ifPresent(cpus -> text.append(", ").append(cpus));
        return text.toString();
    }

    /** "node1 (2 workers), node2 (2 workers)" for the workers that ran as job steps; empty if none did. */
    static String stepNodes(List<PiRun> runs) {
        Map<String, Long> perNode = runs.stream().flatMap(run -> run.workers().stream())
                .filter(w -> w.slurmStep() != null).map(WorkerTiming::node).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(node -> node, TreeMap::new, Collectors.counting()));
        return perNode.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + " worker" + (e.getValue() == 1 ? "" : "s") + ")")
                .collect(Collectors.joining(", "));
    }
}
