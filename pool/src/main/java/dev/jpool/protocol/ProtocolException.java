package dev.jpool.protocol;

/** A line that is not a valid message of this protocol version. The line is quoted, cut short. */
public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public ProtocolException(String reason, String line) {
        super(reason + ": " + quote(line));
        this.reason = reason;
    }

    /** What is wrong, without the quoted line. */
    public String reason() {
        return reason;
    }

    private static String quote(String line) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : Protocol.cut(line).toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || c == '\ufffd') {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
