/** Internal: Monte Carlo pi runs in each mode (serial, threads, processes) and the comparison of them. */
package dev.jpool.launcher.run;
