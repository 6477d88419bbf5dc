package dev.jpool.launcher.cli;

import java.util.Map;
import picocli.CommandLine;

/** {@code java -jar jpool.jar}: parses the command line, runs it, exits with its code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The configured command line; {@code env} stands in for the process environment. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new JpoolCommand(env));
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.setExecutionExceptionHandler(new RunErrorHandler(env));
        return cli;
    }
}
