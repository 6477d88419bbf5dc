package dev.jpool.launcher.cli;

import dev.jpool.launcher.run.RunFailedException;
import dev.jpool.pool.WorkerException;
import java.util.Map;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * A run that failed: its message (which worker, why, what it said on stderr) and exit code 1.
 * A stack trace only with {@code JPOOL_DEBUG=1}, or for what can only be a bug in jpool.
 */
final class RunErrorHandler implements IExecutionExceptionHandler {
    static final int FAILED = 1;
    static final int INTERRUPTED = 130;

    private final boolean debug;

    RunErrorHandler(Map<String, String> env) {
        this.debug = "1".equals(env.get("JPOOL_DEBUG"));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
        var err = cli.getErr();
        if (ex instanceof InterruptedException) {
            err.println("jpool: interrupted");
            err.flush();
            return INTERRUPTED;
        }
        boolean expected = ex instanceof RunFailedException || ex instanceof WorkerException;
        err.println("jpool: run failed: " + ex.getMessage());
        if (debug || !expected) {
            ex.printStackTrace(err);
        }
        err.flush();
        return FAILED;
    }
}
