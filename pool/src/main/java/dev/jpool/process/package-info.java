/** Internal: One worker JVM: starting it, owning its pipes, noticing its death; and its class-data archive. */
package dev.jpool.process;
