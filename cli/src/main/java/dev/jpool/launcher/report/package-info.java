/** Internal: Reports of runs and comparisons as text tables, JSON and CSV. */
package dev.jpool.launcher.report;
