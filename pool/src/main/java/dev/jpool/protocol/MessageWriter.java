package dev.jpool.protocol;

/**
 * Writes a message as one JSON object: {@code type} and {@code v} first, then the record's
 * components in their order, a payload copied in as it is. Written by hand, like
 * {@link MessageReader}: a line costs a few appends, and little code for the JIT to compile.
 * The output is what Jackson writes for the same fields.
 */
final class MessageWriter {
    private MessageWriter() {
    }

    static void write(Message message, Utf8Line out) {
        out.append('{').name("type").string(type(message)).append(',').name("v").number(message.v());
        if (message instanceof RunTask r) {
            number(out, "id", r.id());
            string(out, "task", r.task());
            json(out, "inputs", r.inputs());
        } else if (message instanceof TaskResult r) {
            number(out, "id", r.id());
            json(out, "outputs", r.outputs());
            number(out, "receivedNanos", r.receivedNanos());
            number(out, "computeNanos", r.computeNanos());
            number(out, "sentNanos", r.sentNanos());
        } else if (message instanceof TaskStarted s) {
            number(out, "id", s.id());
            number(out, "startedNanos", s.startedNanos());
        } else if (message instanceof Progress p) {
            number(out, "id", p.id());
            number(out, "done", p.done());
            number(out, "total", p.total());
        } else if (message instanceof Hello h) {
            number(out, "pid", h.pid());
            string(out, "javaVersion", h.javaVersion());
            number(out, "jvmStartMillis", h.jvmStartMillis());
            number(out, "nanoTime", h.nanoTime());
            string(out, "host", h.host());
            string(out, "node", h.node());
            string(out, "slurmStep", h.slurmStep());
        } else if (message instanceof TaskFailure f) {
            number(out, "id", f.id());
            number(out, "index", f.index());
            string(out, "error", f.error());
            string(out, "message", f.message());
            string(out, "stackTrace", f.stackTrace());
        } else if (message instanceof Bye b) {
            number(out, "tasksRun", b.tasksRun());
            out.append(',').name("peakRssKib");
            if (b.peakRssKib() == null) {
                out.string(null);
            } else {
                out.number(b.peakRssKib());
            }
        }
        out.append('}');
    }

    private static void number(Utf8Line out, String name, long value) {
        out.append(',').name(name).number(value);
    }

    private static void string(Utf8Line out, String name, String value) {
        out.append(',').name(name).string(value);
    }

    private static void json(Utf8Line out, String name, RawJson value) {
        out.append(',').name(name);
        value.appendTo(out);
    }

    static String type(Message message) {
        if (message instanceof RunTask) {
            return RunTask.TYPE;
        } else if (message instanceof TaskResult) {
            return TaskResult.TYPE;
        } else if (message instanceof TaskStarted) {
            return TaskStarted.TYPE;
        } else if (message instanceof Progress) {
            return Progress.TYPE;
        } else if (message instanceof Hello) {
            return Hello.TYPE;
        } else if (message instanceof TaskFailure) {
            return TaskFailure.TYPE;
        } else if (message instanceof Shutdown) {
            return Shutdown.TYPE;
        } else if (message instanceof Bye) {
            return Bye.TYPE;
        }
        throw new IllegalArgumentException("not a protocol message: " + message.getClass().getName());
    }
}
