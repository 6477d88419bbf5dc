package dev.jpool.launcher.cli;

import dev.jpool.launcher.jsonl.Shard;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code map --shard I/N}: one shard of the input, for a SLURM job array (see {@link Shard}). */
final class ShardOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Run shard I (from 0) of N: inputs I, I+N, I+2N, ... of the input's lines. Its results go "
                    + "to a shard file of its own beside OUT, which 'jpool gather --out OUT' "
                    + "joins in input order. Default in a SLURM job array: the array task's (SLURM_ARRAY_TASK_ID "
                    + "of SLURM_ARRAY_TASK_COUNT).")
    private String shard;

    /** The shard to run, or null for the whole input; says which, and from what, on {@code diagnose}. */
    Shard resolve(Map<String, String> env, String out, boolean unordered, Consumer<String> diagnose) {
        Optional<Shard> chosen;
        try {
            chosen = shard != null ? Optional.of(Shard.parse(shard)) : Shard.ofArrayTask(env);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (chosen.isEmpty()) {
            return null;
        }
        Shard s = chosen.get();
        if ("-".equals(out)) {
            throw new ParameterException(spec.commandLine(), s.label() + " (from " + s.source() + ") writes a result "
                    + "file of its own: name it with --out FILE (the shard writes FILE.shard-I-of-N)");
        }
        if (unordered) {
            throw new ParameterException(spec.commandLine(), "--unordered does not go with a shard (" + s.label()
                    + ", from " + s.source() + "): the gathering joins the shards in input order");
        }
        diagnose.accept("map: " + s.label() + " (from " + s.source() + "): inputs " + s.index() + ", " + s.index()
                + "+" + s.count() + ", ... of the input; results to " + s.file(Path.of(out)));
        return s;
    }
}
