package dev.jpool.launcher.cli;

import dev.jpool.launcher.jsonl.ShardFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jpool gather}: joins the result files of {@code map --shard} in input order. */
@Command(name = "gather", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Joins the shard files of 'map --shard' in input order.", "",
                "Each task of a SLURM job array runs 'jpool map --shard I/N --out OUT' and writes its shard beside "
                        + "OUT; gather joins them into OUT, the output one 'jpool map' of the whole input would "
                        + "have written. It fails, writing nothing, naming every shard that is missing or incomplete."},
        footer = {"", "Example (see slurm/map-array.sbatch):",
                "  java -jar cli/target/jpool.jar gather --out counts.jsonl --shards 3"})
final class GatherCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "The joined output; the shards are FILE.shard-I-of-N beside it.")
    private Path out;

    @Option(names = "--shards", paramLabel = "N",
            description = "How many shards there are. Default: the N of the shard files found.")
    private Integer shards;

    @Option(names = {"-q", "--quiet"}, description = "No diagnostics on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws IOException {
        if (shards != null && shards < 1) {
            throw new ParameterException(spec.commandLine(), "--shards must be at least 1, was " + shards);
        }
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out) || dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": cannot write a file there");
        }
        try {
            long lines = ShardFiles.gather(out, shards);
            if (!quiet) {
                spec.commandLine().getErr().println("jpool: gather: " + lines + " results joined in input order into "
                        + out);
            }
            return 0;
        } catch (ShardFiles.GatherException e) {
            for (String problem : e.problems()) {
                spec.commandLine().getErr().println("jpool gather: " + problem);
            }
            spec.commandLine().getErr().println("jpool gather: " + out + " not written");
            return RunErrorHandler.FAILED;
        }
    }
}
