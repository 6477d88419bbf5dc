package dev.jpool.worker;

import dev.jpool.task.Task;

/**
 * Returns its input, a record: what the class-data archive is trained on beside {@link Identity},
 * so that it holds Jackson databind too (the mapper, a record read and written), which a worker
 * builds only for a task whose inputs or outputs are not plain values. Internal: may change
 * without notice.
 */
public final class RecordIdentity implements Task<RecordIdentity.Point, RecordIdentity.Point> {
    /** A value of the kind users' tasks take: a record of a number and a string. */
    public record Point(long x, String label) {
    }

    @Override
    public Point apply(Point point) {
        return point;
    }
}
