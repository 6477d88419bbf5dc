package dev.jpool.protocol;

/**
 * How a {@link MessageCodec} gets at a message record: its line type, its components' values, its
 * canonical constructor. For the protocol's own messages, plain calls ({@link MessageAccess}, made
 * from the records); for any other record, core reflection ({@link ReflectiveAccess}).
 */
interface RecordAccess {
    /** The record's {@code TYPE} constant. */
    String type();

    /** The value of the record's component at {@code index}, in the record's order. */
    Object get(Record message, int index);

    /**
     * A new record of the {@code values}, one per component in the record's order.
     *
     * @throws RuntimeException what the constructor threw, refusing the values
     */
    Record make(Object[] values);
}
