package dev.jpool.launcher.cli;

/** What every command's help says before its examples, so that each example fits on one line. */
final class Examples {
    /** The heading of the examples: how to read {@code ./jpool} in them. */
    static final String HEADING = "Examples; ./jpool runs java -jar cli/target/jpool.jar the fast way:";

    private Examples() {
    }
}
