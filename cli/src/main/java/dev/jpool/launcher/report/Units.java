package dev.jpool.launcher.report;

import java.util.Locale;

/** Numbers as people read them: durations with a unit, counts with separators, memory in MiB. */
final class Units {
    private Units() {
    }

    static String duration(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f us", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    /** "124.7-129.1 ms", or "999.1 us-1.2 ms" where the two ends need different units. */
    static String range(long min, long max) {
        String low = duration(min);
        String high = duration(max);
        String lowUnit = low.substring(low.indexOf(' '));
        if (lowUnit.equals(high.substring(high.indexOf(' ')))) {
            return low.substring(0, low.indexOf(' ')) + "-" + high;
        }
        return low + "-" + high;
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String mib(Long kib) {
        return kib == null ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.3g", perSecond);
    }
}
