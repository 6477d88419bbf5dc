package dev.jpool.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every {@code --help} as a reader sees it at 80 columns (and wider): one sentence per command in
 * the command list, no line past the width, no word or option cut in two, every example whole.
 */
class HelpTest {
    /** Every command by its qualified name ("jpool", "jpool pi", ...). */
    private static Map<String, CommandLine> commands(int width) {
        CommandLine top = Main.commandLine(Map.of());
        top.setUsageHelpAutoWidth(false);
        top.setUsageHelpWidth(width);
        Map<String, CommandLine> all = new LinkedHashMap<>();
        add(all, top);
        return all;
    }

    private static void add(Map<String, CommandLine> all, CommandLine command) {
        all.put(command.getCommandSpec().qualifiedName(), command);
        command.getSubcommands().values().forEach(sub -> add(all, sub));
    }

    @Test
    void everyCommandSummaryIsOneSentenceOnOneLineOfTheCommandList() {
        CommandLine top = commands(80).get("jpool");
        String help = top.getUsageMessage();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : top.getSubcommands().entrySet()) {
            String[] description = entry.getValue().getCommandSpec().usageMessage().description();
            String summary = description.length == 0 ? "" : description[0];
            if (!summary.endsWith(".") || summary.indexOf(". ") >= 0) {
                problems.add(entry.getKey() + ": summary is not one sentence: '" + summary + "'");
            }
            // the list shows the first description line; it must be there whole, on the command's own line
            boolean whole = help.lines().anyMatch(line -> line.matches("\\s+" + entry.getKey() + "\\s+.*")
                    && line.strip().endsWith(summary));
            if (!whole) {
                problems.add(entry.getKey() + ": the command list does not show '" + summary + "' on one line");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + help);
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 100, 120})
    void everyHelpFitsItsWidthAndCutsNoWordOrExample(int width) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CommandLine> entry : commands(width).entrySet()) {
            String name = entry.getKey();
            CommandLine command = entry.getValue();
            String help = command.getUsageMessage();
            List<String> lines = help.lines().toList();
            for (String line : lines) {
                if (line.length() > width) {
                    problems.add(name + ": line of " + line.length() + " columns: " + line);
                }
            }
            Set<String> words = words(command);
            for (int i = 1; i < lines.size(); i++) {
                String before = lines.get(i - 1).stripTrailing();
                String after = lines.get(i).strip();
                if (before.isEmpty() || after.isEmpty()) {
                    continue;
                }
                String last = before.substring(before.lastIndexOf(' ') + 1);
                String first = after.split(" ", 2)[0];
                if (words.contains(last + first)) {
                    problems.add(name + ": '" + last + first + "' is cut after '" + last + "'");
                }
            }
            for (String footer : command.getCommandSpec().usageMessage().footer()) {
                if (footer.startsWith("  ") && !lines.contains(footer)) {
                    problems.add(name + ": example not on one line: " + footer.strip());
                }
            }
        }
        assertTrue(problems.isEmpty(), width + " columns:\n" + String.join("\n", problems));
    }

    @Test
    void theTopHelpNamesEveryCommand() {
        String help = commands(80).get("jpool").getUsageMessage();
        for (String command : List.of("pi", "compare", "scale", "crossover", "map", "demo", "startup")) {
            assertTrue(help.lines().anyMatch(line -> line.startsWith("  " + command + " ")), command + "\n" + help);
        }
        assertEquals(1, help.lines().filter(line -> line.equals("  ./jpool compare --samples 1e9 --workers 2")).count(),
                help);
    }

    /** The words of a command's help text as written, default values filled in. */
    private static Set<String> words(CommandLine command) {
        List<String> texts = new ArrayList<>();
        var usage = command.getCommandSpec().usageMessage();
        texts.addAll(List.of(usage.description()));
        texts.addAll(List.of(usage.footer()));
        for (OptionSpec option : command.getCommandSpec().options()) {
            for (String text : option.description()) {
                texts.add(text.replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue())));
            }
        }
        command.getCommandSpec().positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        Set<String> words = new HashSet<>();
        for (String text : texts) {
            words.addAll(List.of(text.strip().split("\\s+")));
        }
        return words;
    }
}
