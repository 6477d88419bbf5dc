/** Internal: One worker JVM: starting it, owning its pipes, noticing its death; and its start cache (class-data archive, AOT cache). */
package dev.jpool.process;
