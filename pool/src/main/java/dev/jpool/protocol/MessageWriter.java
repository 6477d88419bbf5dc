package dev.jpool.protocol;

/**
 * Writes a message as one JSON object: {@code type} and {@code v} first, then the record's
 * components in their order, a payload copied in as it is, each as its record's
 * {@link MessageCodec} says. The output is what Jackson writes for the same fields.
 */
final class MessageWriter {
    private MessageWriter() {
    }

    static void write(Message message, Utf8Line out) {
        MessageCodec.of((Object) message).write(message, out);
    }

    /** The bytes of the message's payloads, to size its line. */
    static int payloadBytes(Message message) {
        return MessageCodec.of((Object) message).payloadBytes(message);
    }

    /** The message's line {@code type}: its record's {@code TYPE}. */
    static String type(Message message) {
        return MessageCodec.of((Object) message).type();
    }
}
