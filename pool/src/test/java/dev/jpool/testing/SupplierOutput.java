package dev.jpool.testing;

import dev.jpool.task.Task;
import java.util.function.IntSupplier;

/**
 * Declares an interface as its output type: Jackson writes a {@link Constant} as {@code {"asInt":x}}
 * but cannot read that back as an {@link IntSupplier}.
 */
public final class SupplierOutput implements Task<Integer, IntSupplier> {
    /** A named class: it is written as JSON, but nothing says to read it back as this class. */
    public static final class Constant implements IntSupplier {
        private final int value;

        public Constant(int value) {
            this.value = value;
        }

        @Override
        public int getAsInt() {
            return value;
        }
    }

    @Override
    public IntSupplier apply(Integer x) {
        return new Constant(x);
    }
}
