package dev.jpool.launcher.slurm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A worker JVM started by a {@link NodeAgent}, as the launcher sees it: a {@link Process} whose
 * stdin, stdout and stderr are carried by the agent's channel, whose pid is the worker's own on
 * its node, and which ends when the worker exits or its agent does. Destroying it asks the agent
 * to kill the worker (and what it started).
 */
final class AgentProcess extends Process {
    private final AgentHub.Agent agent;
    private final int id;
    final ByteQueue stdout = new ByteQueue();
    final ByteQueue stderr = new ByteQueue();
    final CompletableFuture<Long> started = new CompletableFuture<>();
    final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final OutputStream stdin;

    AgentProcess(AgentHub.Agent agent, int id) {
        this.agent = agent;
        this.id = id;
        this.stdin = new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("stdin closed");
                }
                agent.sendData('I', id, b, off, len);
            }

            @Override
            public synchronized void close() throws IOException {
                if (!closed) {
                    closed = true;
                    agent.send('C', id, "");
                }
            }
        };
    }

    int id() {
        return id;
    }

    /** The agent ended before this worker did: say so on its stderr, end its streams, exit 255. */
    void agentEnded(String why) {
        started.completeExceptionally(new IOException(why));
        stderr.feed(("jpool: " + why + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), false);
        stdout.end();
        stderr.end();
        exit.complete(255);
    }

    @Override
    public OutputStream getOutputStream() {
        return stdin;
    }

    @Override
    public InputStream getInputStream() {
        return stdout;
    }

    @Override
    public InputStream getErrorStream() {
        return stderr;
    }

    @Override
    public int waitFor() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            return 255;
        }
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            exit.get(timeout, unit);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    @Override
    public int exitValue() {
        if (!exit.isDone()) {
            throw new IllegalThreadStateException("worker " + id + " on " + agent.node() + " has not exited");
        }
        return exit.join();
    }

    @Override
    public void destroy() {
        if (!exit.isDone()) {
            try {
                agent.send('K', id, "");
            } catch (IOException e) {
                // the agent is gone, and the worker with it
            }
        }
    }

    @Override
    public Process destroyForcibly() {
        destroy();
        return this;
    }

    @Override
    public boolean supportsNormalTermination() {
        return false;
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    @Override
    public long pid() {
        return started.getNow(-1L);
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return exit.handle((status, failure) -> this);
    }

    /** The agent kills what the worker started along with it. */
    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }

    @Override
    public String toString() {
        return "worker " + id + " (pid " + pid() + ") through the node agent on " + agent.node();
    }

    /** Bytes fed by the agent's reader thread, read by the worker's owner: a pipe without a writer thread to outlive. */
    static final class ByteQueue extends InputStream {
        private byte[] buffer = new byte[8192];
        private int start;
        private int end;
        private boolean ended;

        synchronized void feed(byte[] bytes, boolean newline) {
            int need = bytes.length + (newline ? 1 : 0);
            if (end + need > buffer.length) {
                int used = end - start;
                byte[] larger = used + need > buffer.length / 2 ? new byte[Math.max(buffer.length * 2, used + need)] : buffer;
                System.arraycopy(buffer, start, larger, 0, used);
                buffer = larger;
                start = 0;
                end = used;
            }
            System.arraycopy(bytes, 0, buffer, end, bytes.length);
            end += bytes.length;
            if (newline) {
                buffer[end++] = '\n';
            }
            notifyAll();
        }

        synchronized void end() {
            ended = true;
            notifyAll();
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (start == end && !ended) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
            }
            if (start == end) {
                return -1;
            }
            int n = Math.min(len, end - start);
            System.arraycopy(buffer, start, b, off, n);
            start += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return end - start;
        }
    }
}
