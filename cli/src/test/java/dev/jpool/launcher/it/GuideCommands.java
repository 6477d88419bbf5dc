package dev.jpool.launcher.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Markdown guide into the jpool commands it tells its reader to type, each with what the
 * guide says it prints.
 *
 * <p>A command is a line of a fenced code block that starts with {@code java -jar
 * cli/target/jpool.jar} or {@code ./jpool} (after an optional {@code $ } prompt; a trailing
 * {@code \} joins the next line). What a command must do is written after its block in HTML
 * comments, invisible on the rendered page:
 * <pre>
 * &lt;!-- check: prints "[1, 4, 9" --&gt;      its stdout contains the text (and so does the output the guide shows)
 * &lt;!-- check: matches "hello from \d" --&gt; its stdout has a match of the regular expression (so does the shown output)
 * &lt;!-- check: stderr "retrying" --&gt;      its stderr contains the text
 * &lt;!-- check: file "scaling/scale.json" --&gt; it wrote that file (relative to where it ran), not empty
 * &lt;!-- check: exit "1" --&gt;               it exits with that code (without this check: 0)
 * &lt;!-- check: full-size --&gt;              run it with its own --samples, not a small one
 * </pre>
 * The first code block after a command's block that holds no command is the output the guide shows
 * for it. A command with no check, or a check with no command before it, is an error: every
 * command the guide shows is tested, and every check belongs to one.
 */
final class GuideCommands {
    static final List<String> PREFIXES = List.of("java -jar cli/target/jpool.jar", "./jpool");

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern CHECK = Pattern.compile("^\\s*<!--\\s*check:\\s*([a-z-]+)(?:\\s+\"(.*)\")?\\s*-->\\s*$");
    private static final Pattern SAMPLES = Pattern.compile("(--(?:max-)?samples)([ =])([0-9_.eE]+)");
    private static final Pattern LOOSE_CHECK = Pattern.compile("<!--\\s*check");

    private GuideCommands() {
    }

    /** What one check asks of a command's run. */
    enum Kind {
        PRINTS, MATCHES, STDERR, FILE, EXIT, FULL_SIZE;

        static Kind of(String word, int line) {
            for (Kind kind : values()) {
                if (kind.word().equals(word)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("line " + line + ": unknown check '" + word + "'");
        }

        String word() {
            return name().toLowerCase().replace('_', '-');
        }

        boolean takesText() {
            return this != FULL_SIZE;
        }
    }

    record Check(Kind kind, String text) {
    }

    /** One command as the guide writes it, where, what it must do, and the output shown for it. */
    record Step(int line, String text, List<Check> checks, String shownOutput) {
        boolean fullSize() {
            return checks.stream().anyMatch(c -> c.kind() == Kind.FULL_SIZE);
        }

        int exitCode() {
            return checks.stream().filter(c -> c.kind() == Kind.EXIT).mapToInt(c -> Integer.parseInt(c.text()))
                    .findFirst().orElse(0);
        }

        /** The command to run: as written if full-size, else with every sample count above {@code small} cut to it. */
        String toRun(long small) {
            if (fullSize()) {
                return text;
            }
            Matcher m = SAMPLES.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                double value = Double.parseDouble(m.group(3).replace("_", ""));
                m.appendReplacement(out, Matcher.quoteReplacement(value > small ? m.group(1) + m.group(2) + small : m.group()));
            }
            return m.appendTail(out).toString();
        }
    }

    static List<Step> parse(String markdown) {
        List<Draft> drafts = new ArrayList<>();
        List<Draft> lastGroup = List.of();   // the commands of the last code block that had any
        boolean outputTaken = true;
        List<Draft> blockCommands = null;     // non-null while inside a code block
        StringBuilder block = new StringBuilder();
        Draft pending = null;                 // a command continued on the next line

        String[] all = markdown.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            int number = i + 1;
            if (FENCE.matcher(line).find()) {
                if (blockCommands == null) {
                    blockCommands = new ArrayList<>();
                    block.setLength(0);
                    continue;
                }
                if (pending != null) {
                    throw new IllegalArgumentException("line " + pending.line + ": the command's last line ends in '\\'");
                }
                if (!blockCommands.isEmpty()) {
                    lastGroup = blockCommands;
                    outputTaken = false;
                } else if (!outputTaken) {
                    lastGroup.forEach(d -> d.shownOutput = block.toString());
                    outputTaken = true;
                }
                blockCommands = null;
                continue;
            }
            if (blockCommands != null) {
                block.append(line).append('\n');
                String stripped = line.strip();
                if (pending == null) {
                    stripped = stripped.startsWith("$ ") ? stripped.substring(2).strip() : stripped;
                    if (!isCommand(stripped)) {
                        continue;
                    }
                    pending = new Draft(number);
                }
                boolean continued = stripped.endsWith("\\");
                pending.text.append(pending.text.length() == 0 ? "" : " ")
                        .append(continued ? stripped.substring(0, stripped.length() - 1).strip() : stripped);
                if (!continued) {
                    blockCommands.add(pending);
                    drafts.add(pending);
                    pending = null;
                }
                continue;
            }
            Matcher check = CHECK.matcher(line);
            if (check.matches()) {
                Kind kind = Kind.of(check.group(1), number);
                if (kind.takesText() != (check.group(2) != null)) {
                    throw new IllegalArgumentException("line " + number + ": check '" + kind.word() + "' "
                            + (kind.takesText() ? "needs a quoted text" : "takes no text"));
                }
                if (kind == Kind.EXIT && !check.group(2).matches("\\d{1,3}")) {
                    throw new IllegalArgumentException("line " + number + ": check 'exit' needs a number, was " + check.group(2));
                }
                if (lastGroup.isEmpty()) {
                    throw new IllegalArgumentException("line " + number + ": a check with no command before it");
                }
                lastGroup.forEach(d -> d.checks.add(new Check(kind, check.group(2))));
            } else if (LOOSE_CHECK.matcher(line).find()) {
                throw new IllegalArgumentException("line " + number + ": not a check this reader knows: " + line.strip());
            }
        }
        if (blockCommands != null) {
            throw new IllegalArgumentException("the last code block is never closed");
        }
        List<Step> commands = new ArrayList<>();
        for (Draft d : drafts) {
            if (d.checks.stream().allMatch(c -> c.kind() == Kind.FULL_SIZE || c.kind() == Kind.EXIT)) {
                throw new IllegalArgumentException("line " + d.line + ": no check says what this prints: " + d.text);
            }
            commands.add(new Step(d.line, d.text.toString(), List.copyOf(d.checks), d.shownOutput));
        }
        return commands;
    }

    /** A command while the guide is being read. */
    private static final class Draft {
        final int line;
        final StringBuilder text = new StringBuilder();
        final List<Check> checks = new ArrayList<>();
        String shownOutput;

        Draft(int line) {
            this.line = line;
        }
    }

    private static boolean isCommand(String line) {
        return PREFIXES.stream().anyMatch(p -> line.equals(p) || line.startsWith(p + " "));
    }
}
