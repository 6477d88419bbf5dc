package dev.jpool.worker;

import java.util.ArrayDeque;

/**
 * The one thread a worker runs its tasks on, in the order they came: a daemon named
 * {@code jpool-task}, fed by the reading thread through a queue under this object's monitor.
 *
 * <p>Not a {@code ThreadPoolExecutor}: its hand-off is a {@code LinkedBlockingQueue}, locks and
 * the executor's own bookkeeping, some thirty small JDK methods a fresh worker runs interpreted,
 * then with C1's profiling code, for its first thousands of tasks. A monitor's wait and notify
 * are the VM's own, compiled before the first task comes. Measured in a worker built to time
 * each task's hand-off (line received to task started) on a 2-core AMD EPYC, JDK 17, four rounds
 * alternating: 20-35 us with the executor against 8-14 us with this class over a fresh worker's
 * calls 50-300, both about 6 us once compiled.
 */
final class TaskThread {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final Thread thread = new Thread(new Loop(), "jpool-task");
    private boolean closed;

    /* A class, not a lambda: a JVM's first lambda costs a worker's start some 10 ms (see WorkerMain). */
    private final class Loop implements Runnable {
        @Override
        public void run() {
            Runnable next;
            while ((next = take()) != null) {
                next.run();
            }
        }
    }

    TaskThread() {
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a task behind those already queued. */
    synchronized void execute(Runnable task) {
        if (closed) {
            throw new IllegalStateException("the task thread is shut down");
        }
        queue.add(task);
        notifyAll();
    }

    /** Takes no more tasks, lets the queued ones run, and waits for the thread to end. */
    void shutdownAndWait() throws InterruptedException {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        thread.join();
    }

    /** The next task, waiting for one; null once shut down with nothing left to run. */
    private synchronized Runnable take() {
        while (queue.isEmpty()) {
            if (closed) {
                return null;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                // nothing interrupts this thread but a JVM ending; the loop looks at the queue again
            }
        }
        return queue.poll();
    }
}
