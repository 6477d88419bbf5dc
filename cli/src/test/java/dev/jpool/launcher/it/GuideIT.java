package dev.jpool.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.launcher.it.GuideCommands.Check;
import dev.jpool.launcher.it.GuideCommands.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * docs/guide.md cannot rot: every jpool command in its code blocks is run against the packaged jar
 * (with a small {@code --samples} unless the guide marks it full-size) and must exit 0 and print what
 * the guide says it prints. A command that no longer exists or an option renamed fails the build.
 *
 * <p>The commands run from a scratch directory that links to the repository's {@code launcher},
 * {@code docs} and {@code jpool}, so the paths the guide uses work and the files its commands write
 * land in the scratch directory, not in the repository.
 */
class GuideIT {
    private static final Path GUIDE = Command.ROOT.resolve("docs/guide.md");
    private static final long SMALL_SAMPLES = 20_000_000;
    private static final Duration LIMIT = Duration.ofSeconds(300);
    private static final int FIRST_SCREEN_LINES = 30;

    private static Path scratch;
    private static Path cache;

    @BeforeAll
    static void scratchDirectory() throws IOException {
        scratch = Files.createTempDirectory("jpool-guide-");
        cache = Files.createTempDirectory("jpool-guide-cache-");
        for (String name : List.of("cli", "docs", "slurm", "jpool")) {
            Files.createSymbolicLink(scratch.resolve(name), Command.ROOT.resolve(name));
        }
    }

    @AfterAll
    static void removeScratch() throws IOException {
        for (Path dir : new Path[] {scratch, cache}) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void theReadmeLinksToTheGuideFromItsFirstScreen() throws IOException {
        List<String> readme = Files.readAllLines(Command.ROOT.resolve("README.md"));
        assertTrue(readme.stream().limit(FIRST_SCREEN_LINES).anyMatch(l -> l.contains("(docs/guide.md)")),
                "README.md links to docs/guide.md within its first " + FIRST_SCREEN_LINES + " lines");
    }

    @TestFactory
    Stream<DynamicTest> everyCommandInTheGuideRunsAndPrintsWhatTheGuideSays() throws IOException {
        List<Step> commands = GuideCommands.parse(Files.readString(GUIDE));
        assertTrue(commands.size() >= 15, "the guide walks through at least 15 commands, found " + commands.size());
        return commands.stream().map(c -> DynamicTest.dynamicTest("guide.md:" + c.line() + " " + c.text(), () -> check(c)));
    }

    private static void check(Step command) throws Exception {
        String line = command.toRun(SMALL_SAMPLES);
        Command run = Command.run(scratch, Map.of("JPOOL_CACHE", cache.toString(), "CI", "true"), LIMIT,
                "bash", "-c", line);
        String where = "guide.md line " + command.line() + ": " + run;
        assertEquals(command.exitCode(), run.exit(), "exit code of " + where);
        for (Check check : command.checks()) {
            switch (check.kind()) {
                case PRINTS -> {
                    assertTrue(run.out().contains(check.text()), "prints \"" + check.text() + "\": " + where);
                    shown(command, check, command.shownOutput() == null || command.shownOutput().contains(check.text()));
                }
                case MATCHES -> {
                    Pattern pattern = Pattern.compile(check.text());
                    assertTrue(pattern.matcher(run.out()).find(), "matches \"" + check.text() + "\": " + where);
                    shown(command, check, command.shownOutput() == null || pattern.matcher(command.shownOutput()).find());
                }
                case STDERR -> assertTrue(run.err().contains(check.text()), "stderr has \"" + check.text() + "\": " + where);
                case FILE -> {
                    Path file = scratch.resolve(check.text());
                    assertTrue(Files.isRegularFile(file) && Files.size(file) > 0, "wrote " + check.text() + ": " + where);
                }
                case EXIT, FULL_SIZE -> {
                }
            }
        }
    }

    /**
     * The output the guide shows (if it shows one: an exercise may not) must agree with its own
     * checks, or the page and the test tell two stories.
     */
    private static void shown(Step command, Check check, boolean agrees) {
        assertTrue(agrees, "guide.md line " + command.line() + ": the output shown under '" + command.text()
                + "' does not have what its check asks for: " + check.kind().word() + " \"" + check.text() + "\"");
    }
}
