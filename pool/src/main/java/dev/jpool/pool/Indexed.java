package dev.jpool.pool;

/**
 * An output and the position of the input it belongs to, or the failure of that input.
 *
 * @param index   the input's position in the call
 * @param value   the output, null if the input failed
 * @param failure why the input failed, or null
 */
public record Indexed<O>(int index, O value, PoolException failure) {
    /** Whether this input produced an output. */
    public boolean ok() {
        return failure == null;
    }
}
