package dev.jpool.protocol;

import java.util.List;

/**
 * The protocol's message records ({@link Wire} reads them from here, not through
 * {@code Class.getPermittedSubclasses}), and plain calls of each one's accessors and
 * canonical constructor, for {@link MessageCodec}, which would otherwise call them by core
 * reflection: on JDK 18 and newer reflection calls through method handles, spun on a
 * record's first calls (see {@link MessageCodec}).
 *
 * <p>Written by {@code MessageAccessSource} (in the pool module's tests) from the records;
 * not edited by hand. {@code MessageAccessTest} fails until it is written again after a
 * message record changes.
 */
final class MessageAccess {
    /** The protocol's message records, in the order their sealed interface permits them. */
    static final List<Class<?>> MESSAGES = List.of(Hello.class, RunTask.class, Progress.class, TaskResult.class,
            TaskFailure.class, Shutdown.class, Bye.class);

    private MessageAccess() {
    }

    /** The plain access of one of the protocol's message records, else null. */
    static RecordAccess of(Class<?> record) {
        if (record == Hello.class) {
            return new HelloAccess();
        }
        if (record == RunTask.class) {
            return new RunTaskAccess();
        }
        if (record == Progress.class) {
            return new ProgressAccess();
        }
        if (record == TaskResult.class) {
            return new TaskResultAccess();
        }
        if (record == TaskFailure.class) {
            return new TaskFailureAccess();
        }
        if (record == Shutdown.class) {
            return new ShutdownAccess();
        }
        if (record == Bye.class) {
            return new ByeAccess();
        }
        return null;
    }

    private static final class HelloAccess implements RecordAccess {
        @Override
        public String type() {
            return Hello.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            Hello m = (Hello) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.pid();
                case 2:
                    return m.javaVersion();
                case 3:
                    return m.nanoTime();
                case 4:
                    return m.host();
                case 5:
                    return m.node();
                case 6:
                    return m.slurmStep();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new Hello((int) values[0], (long) values[1], (String) values[2], (long) values[3],
                    (String) values[4], (String) values[5], (String) values[6]);
        }
    }

    private static final class RunTaskAccess implements RecordAccess {
        @Override
        public String type() {
            return RunTask.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            RunTask m = (RunTask) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.id();
                case 2:
                    return m.task();
                case 3:
                    return m.inputs();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new RunTask((int) values[0], (long) values[1], (String) values[2], (RawJson) values[3]);
        }
    }

    private static final class ProgressAccess implements RecordAccess {
        @Override
        public String type() {
            return Progress.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            Progress m = (Progress) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.id();
                case 2:
                    return m.done();
                case 3:
                    return m.total();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new Progress((int) values[0], (long) values[1], (long) values[2], (long) values[3]);
        }
    }

    private static final class TaskResultAccess implements RecordAccess {
        @Override
        public String type() {
            return TaskResult.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            TaskResult m = (TaskResult) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.id();
                case 2:
                    return m.outputs();
                case 3:
                    return m.receivedNanos();
                case 4:
                    return m.computeNanos();
                case 5:
                    return m.sentNanos();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new TaskResult((int) values[0], (long) values[1], (RawJson) values[2], (long) values[3],
                    (long) values[4], (long) values[5]);
        }
    }

    private static final class TaskFailureAccess implements RecordAccess {
        @Override
        public String type() {
            return TaskFailure.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            TaskFailure m = (TaskFailure) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.id();
                case 2:
                    return m.index();
                case 3:
                    return m.error();
                case 4:
                    return m.message();
                case 5:
                    return m.stackTrace();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new TaskFailure((int) values[0], (long) values[1], (int) values[2], (String) values[3],
                    (String) values[4], (String) values[5]);
        }
    }

    private static final class ShutdownAccess implements RecordAccess {
        @Override
        public String type() {
            return Shutdown.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            Shutdown m = (Shutdown) message;
            switch (index) {
                case 0:
                    return m.v();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new Shutdown((int) values[0]);
        }
    }

    private static final class ByeAccess implements RecordAccess {
        @Override
        public String type() {
            return Bye.TYPE;
        }

        @Override
        public Object get(Record message, int index) {
            Bye m = (Bye) message;
            switch (index) {
                case 0:
                    return m.v();
                case 1:
                    return m.tasksRun();
                case 2:
                    return m.peakRssKib();
                default:
                    throw new IndexOutOfBoundsException(index);
            }
        }

        @Override
        public Record make(Object[] values) {
            return new Bye((int) values[0], (long) values[1], (Long) values[2]);
        }
    }
}
