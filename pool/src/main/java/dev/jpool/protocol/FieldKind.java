package dev.jpool.protocol;

/**
 * The Java types a message's component may have, each with its JSON form: how it is written and
 * how it is read back, with the precise error of {@link Fields} when it is not there or not of its
 * type. A component of any other type has no wire form, and its record is refused when its
 * {@link MessageCodec} is made, not when a line is.
 *
 * <p>One class, its constants without bodies of their own: a worker loads it before its first
 * line, and each class more would cost that line a class load.
 */
enum FieldKind {
    /** {@code long}: a whole number. */
    LONG(long.class),
    /** {@code int}: a whole number within an int's range. */
    INT(int.class),
    /** {@code boolean}: true or false. */
    BOOLEAN(boolean.class),
    /** {@code Long}: a whole number, or null. */
    LONG_OR_NULL(Long.class),
    /** {@code Integer}: a whole number within an int's range, or null. */
    INT_OR_NULL(Integer.class),
    /** {@code Boolean}: true, false or null. */
    BOOLEAN_OR_NULL(Boolean.class),
    /** {@code String}: a string, or null. */
    TEXT(String.class),
    /** {@link RawJson}: any JSON value, copied into the line as it is and sliced out of it. */
    PAYLOAD(RawJson.class);

    private final Class<?> type;

    FieldKind(Class<?> type) {
        this.type = type;
    }

    /** The kind of a component of this Java type, or null when it has no wire form. */
    static FieldKind of(Class<?> type) {
        for (FieldKind kind : values()) {
            if (kind.type == type) {
                return kind;
            }
        }
        return null;
    }

    /** Writes the value, a component's, as JSON. */
    void write(Utf8Line out, Object value) {
        if (value == null) {
            out.string(null); // a null of a kind that may be null, or a boolean's literal null
        } else if (value instanceof Long number) {
            out.number(number);
        } else if (value instanceof Integer number) {
            out.number(number);
        } else if (value instanceof Boolean bool) {
            out.literal(bool ? "true" : "false");
        } else if (this == PAYLOAD) {
            ((RawJson) value).appendTo(out);
        } else {
            out.string((String) value);
        }
    }

    /** The value of the line's field {@code name}, as the component takes it. */
    Object read(Fields fields, String name) throws ProtocolException {
        if (this == LONG) {
            return fields.number(name);
        } else if (this == INT) {
            return fields.integer(name);
        } else if (this == BOOLEAN) {
            return fields.bool(name);
        } else if (this == LONG_OR_NULL) {
            return fields.numberOrNull(name);
        } else if (this == INT_OR_NULL) {
            return fields.integerOrNull(name);
        } else if (this == BOOLEAN_OR_NULL) {
            return fields.boolOrNull(name);
        } else if (this == TEXT) {
            return fields.text(name);
        }
        return fields.json(name);
    }
}
