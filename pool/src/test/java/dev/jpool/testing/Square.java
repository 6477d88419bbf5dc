package dev.jpool.testing;

import dev.jpool.task.Task;

/** x * x; throws for 13, the unlucky input. */
public final class Square implements Task<Long, Long> {
    @Override
    public Long apply(Long x) {
        if (x == 13) {
            throw new IllegalStateException("13 is unlucky");
        }
        return x * x;
    }
}
