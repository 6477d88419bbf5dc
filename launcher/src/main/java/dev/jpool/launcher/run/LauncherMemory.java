package dev.jpool.launcher.run;

import dev.jpool.host.PeakRss;

/** The launcher JVM's own peak RSS, the memory the thread and serial modes use. */
final class LauncherMemory {
    private LauncherMemory() {
    }

    static Long peakRssKib() {
        var kib = PeakRss.selfKib();
        return kib.isPresent() ? kib.getAsLong() : null;
    }
}
