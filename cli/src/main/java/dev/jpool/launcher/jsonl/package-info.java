/** Internal: Running a user's task over JSON lines for the map command. */
package dev.jpool.launcher.jsonl;
