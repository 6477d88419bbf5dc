package dev.jpool.worker;

import dev.jpool.protocol.Progress;
import dev.jpool.protocol.Protocol;
import dev.jpool.task.TaskProgress;

/**
 * Turns one task's progress reports into {@code progress} lines, at most one per
 * {@link #MIN_INTERVAL_NANOS} (the last report, at 100%, always goes), so that a task that
 * reports often cannot flood the channel.
 */
final class ProgressLines implements TaskProgress.Listener {
    static final long MIN_INTERVAL_NANOS = 200_000_000L;

    private final Channel channel;
    private final long taskId;
    private long lastSent = System.nanoTime() - MIN_INTERVAL_NANOS;

    ProgressLines(Channel channel, long taskId) {
        this.channel = channel;
        this.taskId = taskId;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (done >= total || now - lastSent >= MIN_INTERVAL_NANOS) {
            lastSent = now;
            channel.send(new Progress(Protocol.VERSION, taskId, done, total));
        }
    }
}
