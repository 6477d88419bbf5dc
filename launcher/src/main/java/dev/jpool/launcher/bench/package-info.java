/** Internal: Benchmarks of the Pool API that print their figures. */
package dev.jpool.launcher.bench;
