/** Internal: The Python tutorial's examples (hello, map, starmap, apply-async, queue) as tasks and demos. */
package dev.jpool.launcher.demo;
