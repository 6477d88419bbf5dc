package dev.jpool.launcher.cli;

import dev.jpool.launcher.report.Format;
import dev.jpool.launcher.report.Report;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --format}: how a command prints its report on stdout. */
final class ReportOutput {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = LowerCaseEnumConverter.FormatConverter.class,
            description = "text, json or csv on stdout. Default: ${DEFAULT-VALUE}.")
    private Format format;

    /** Prints {@code report} on the command's stdout, in the format asked for. */
    void print(Report report) {
        report.print(spec.commandLine().getOut(), format);
    }
}
