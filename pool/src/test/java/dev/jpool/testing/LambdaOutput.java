package dev.jpool.testing;

import dev.jpool.task.Task;
import java.util.function.IntSupplier;

/** Returns its input, except for 1, for which it returns a lambda (an output no JSON can carry). */
public final class LambdaOutput implements Task<Integer, Object> {
    @Override
    public Object apply(Integer x) {
        if (x == 1) {
            IntSupplier answer = () -> 42;
            return answer;
        }
        return x;
    }
}
