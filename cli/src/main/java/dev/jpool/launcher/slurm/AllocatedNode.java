package dev.jpool.launcher.slurm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A node of the job's allocation and the job's CPUs on it. */
public record AllocatedNode(String name, int cpus) {
    /** One group of SLURM_JOB_CPUS_PER_NODE: {@code CPUS} or {@code CPUS(xNODES)}. */
    private static final Pattern CPUS_GROUP = Pattern.compile("(\\d+)(?:\\(x(\\d+)\\))?");

    /** The allocation's nodes and the job's CPUs on each, from SLURM_JOB_NODELIST and SLURM_JOB_CPUS_PER_NODE. */
    public static List<AllocatedNode> of(Map<String, String> env, String scontrol) throws IOException {
        String list = env.getOrDefault("SLURM_JOB_NODELIST", env.get("SLURM_NODELIST"));
        String cpus = env.get("SLURM_JOB_CPUS_PER_NODE");
        if (list == null || cpus == null) {
            throw new IOException("SLURM_JOB_NODELIST and SLURM_JOB_CPUS_PER_NODE are not both set");
        }
        Process hostnames = new ProcessBuilder(scontrol, "show", "hostnames", list).redirectErrorStream(true).start();
        List<String> names;
        try {
            names = new String(hostnames.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::trim).filter(s -> !s.isEmpty()).toList();
            if (!hostnames.waitFor(30, TimeUnit.SECONDS) || hostnames.exitValue() != 0) {
                throw new IOException("scontrol show hostnames " + list + " failed: " + String.join(" ", names));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        List<Integer> perNode = new ArrayList<>();
        for (String group : cpus.split(",")) {
            Matcher m = CPUS_GROUP.matcher(group.trim());
            if (!m.matches()) {
                throw new IOException("SLURM_JOB_CPUS_PER_NODE=" + cpus + " is not CPUS(xNODES),...");
            }
            for (int i = 0; i < (m.group(2) == null ? 1 : Integer.parseInt(m.group(2))); i++) {
                perNode.add(Integer.parseInt(m.group(1)));
            }
        }
        if (perNode.size() != names.size()) {
            throw new IOException("SLURM_JOB_CPUS_PER_NODE=" + cpus + " names " + perNode.size() + " nodes, but "
                    + "SLURM_JOB_NODELIST=" + list + " " + names.size());
        }
        List<AllocatedNode> nodes = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            nodes.add(new AllocatedNode(names.get(i), perNode.get(i)));
        }
        return nodes;
    }
}
