package dev.jpool.launcher.report;

import dev.jpool.launcher.run.MachineLoad;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Figures that cannot be true of a fair measurement, marked beside them and explained under the
 * table: p workers are at most p times as fast as one, so an efficiency above 100% (beyond noise,
 * {@value #TOLERANCE_PERCENT}%) or a negative Karp-Flatt serial fraction says the baseline ran
 * slower than it should; and a machine busy with other work slows some runs more than others.
 */
final class Plausibility {
    static final int TOLERANCE_PERCENT = 5;
    /** What marks a figure that cannot be true. */
    static final String MARK = "!";

    private Plausibility() {
    }

    static boolean tooEfficient(double efficiency) {
        return efficiency * 100 > 100 + TOLERANCE_PERCENT;
    }

    /** "92%", or "203% !" for an efficiency that cannot be true. */
    static String efficiency(double efficiency) {
        String cell = String.format(Locale.ROOT, "%.0f%%", 100 * efficiency);
        return tooEfficient(efficiency) ? cell + " " + MARK : cell;
    }

    /** "0.229", "-" where undefined, or "-0.418 !" for a negative one. */
    static String serialFraction(Double fraction) {
        if (fraction == null) {
            return "-";
        }
        String cell = String.format(Locale.ROOT, "%.3f", fraction);
        return fraction < 0 ? cell + " " + MARK : cell;
    }

    /** The paragraph under a table with marked figures. */
    static String explanation(boolean fractions) {
        return MARK + " cannot be true of a fair measurement: p workers are at most p times as fast as one, so an "
                + "efficiency above 100%" + (fractions ? " or a negative serial fraction" : "")
                + " means the serial baseline ran slower than it should (a busy machine, a JIT still compiling, "
                + "or noise between runs). Measure again on a quiet machine, with --repeat 3 or more.";
    }

    /** The warning when the machine was busier than its cores while measuring, else empty. */
    static Optional<String> busy(MachineLoad.Reading load, int cores) {
        if (load == null || !load.busy(cores)) {
            return Optional.empty();
        }
        return Optional.of("warning: the machine was busy while measuring: " + load.describe() + ", on " + cores
                + " core" + (cores == 1 ? "" : "s") + ". Other work took turns on the cores with these runs, so "
                + "the times are slower and vary more than on a quiet machine.");
    }

    /** Prints the explanation (if any figure was marked) and the busy warning (if any). */
    static void notes(PrintWriter out, boolean marked, boolean fractions, MachineLoad.Reading load, int cores) {
        List<String> notes = new ArrayList<>();
        if (marked) {
            notes.add(explanation(fractions));
        }
        busy(load, cores).ifPresent(notes::add);
        notes.forEach(note -> Wrap.print(out, note, "  "));
    }
}
