package dev.jpool.launcher.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The launcher's stdout, where reports and results go, with its write errors kept: a
 * {@link PrintStream} swallows them, so that {@code jpool pi >/dev/full} would exit 0. A closed
 * pipe ({@code jpool map ... | head -1}) ends the run quietly with the status a shell shows for a
 * tool killed by SIGPIPE; any other write error fails the run.
 */
final class Stdout {
    /** What a shell shows for a tool ended by SIGPIPE (128 + 13), e.g. {@code yes} in {@code yes | head -1}. */
    static final int BROKEN_PIPE = 141;

    private static volatile Guard installed;

    private Stdout() {
    }

    /** Points {@link System#out} at the real stdout through a guard that remembers its first write error. */
    static void install() {
        Guard guard = new Guard(new FileOutputStream(FileDescriptor.out));
        installed = guard;
        System.setOut(new PrintStream(new BufferedOutputStream(guard, 8192), true));
    }

    /**
     * Where results go: the real stdout, whose writes throw on error, once {@link #install()}ed;
     * else (a command run inside another program, such as a test) {@link System#out}.
     */
    static OutputStream results() {
        Guard guard = installed;
        return guard != null ? guard : System.out;
    }

    /** Whether this error is a closed pipe: the reader has gone and wants no more. */
    static boolean brokenPipe(IOException e) {
        return e.getMessage() != null && e.getMessage().contains("Broken pipe");
    }

    /**
     * The exit status after stdout's errors: {@link #BROKEN_PIPE} for a closed pipe, 1 (with one
     * line on {@code err}) for another write error the command did not fail on, else {@code status}.
     */
    static int checked(int status, PrintStream err) {
        System.out.flush();
        Guard guard = installed;
        IOException failure = guard == null ? null : guard.failure;
        if (failure == null) {
            return status;
        }
        if (brokenPipe(failure)) {
            return BROKEN_PIPE;
        }
        if (status != 0) {
            return status; // the command failed on it, and said so
        }
        err.println("jpool: cannot write to stdout: " + failure.getMessage());
        err.flush();
        return status == 0 ? RunErrorHandler.FAILED : status;
    }

    /** An output stream that remembers the first error of the stream beneath and rethrows it. */
    private static final class Guard extends OutputStream {
        private final OutputStream out;
        volatile IOException failure;

        Guard(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw kept(e);
            }
        }

        @Override
        public void close() throws IOException {
            flush(); // stdout stays open: the JVM's own exit closes it
        }

        private IOException kept(IOException e) {
            if (failure == null) {
                failure = e;
            }
            return e;
        }
    }
}
