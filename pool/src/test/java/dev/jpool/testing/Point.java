package dev.jpool.testing;

import dev.jpool.task.Task;

/** Takes a record of two ints and returns their sum: what input that does not match such a record does. */
public final class Point implements Task<Point.XY, Integer> {
    /** The input. */
    public record XY(int x, int y) {
    }

    @Override
    public Integer apply(XY input) {
        return input.x() + input.y();
    }
}
