package dev.jpool.pool;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A call's inputs with the names a pool's messages give them. An input is named by its position
 * in the call by default ("input #3"); inputs read from a file can be named as their reader knows
 * them, so that a failure or a retry says where to look:
 *
 * <pre>{@code
 * pool.map(task, NamedInputs.of(records, i -> "line " + lineNumbers[i]));
 * // TaskException: CountPrimes failed on line 12 (-5) in worker 1 (pid 4242): ...
 * }</pre>
 *
 * <p>Names are for messages only: results, {@link Indexed#index()} and
 * {@link TaskException#inputIndex()} are positions in the call, as always.
 *
 * @param <I> the inputs' type
 */
public final class NamedInputs<I> extends AbstractList<I> implements RandomAccess {
    private static final IntFunction<String> POSITIONS = index -> "input #" + index;

    private final List<I> inputs;
    private final IntFunction<String> names;

    private NamedInputs(List<I> inputs, IntFunction<String> names) {
        this.inputs = inputs;
        this.names = names;
    }

    /** {@code inputs}, input {@code i} named {@code names.apply(i)} (e.g. "line 4") in messages. */
    public static <I> NamedInputs<I> of(List<I> inputs, IntFunction<String> names) {
        return new NamedInputs<>(Objects.requireNonNull(inputs, "inputs"), Objects.requireNonNull(names, "names"));
    }

    /** The name of input {@code index}, e.g. "line 4". */
    public String name(int index) {
        return names.apply(index);
    }

    @Override
    public I get(int index) {
        return inputs.get(index);
    }

    @Override
    public int size() {
        return inputs.size();
    }

    /** How a call with these inputs names them: as they say when named, else by position ("input #3"). */
    static IntFunction<String> namesOf(Iterable<?> inputs) {
        return inputs instanceof NamedInputs<?> named ? named.names : POSITIONS;
    }

    /** "input #3", or for a chunk "the 4 inputs from input #3 to input #6". */
    static String describe(IntFunction<String> names, int first, int size) {
        return size == 1 ? names.apply(first)
                : "the " + size + " inputs from " + names.apply(first) + " to " + names.apply(first + size - 1);
    }
}
