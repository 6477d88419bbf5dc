/** Internal: The command line: one picocli command class per command, wiring options to pools, runners and reports. */
package dev.jpool.launcher.cli;
