package dev.jpool.launcher.demo;

import dev.jpool.task.Task;

/** The tutorial's {@code f(name): print('hello from ' + name)}, returning the line instead. */
public final class HelloTask implements Task<Integer, HelloTask.Greeting> {
    /**
     * @param text "hello from 2"
     * @param pid  the worker's process id
     * @param thread the worker's thread
     */
    public record Greeting(String text, long pid, String thread) {
    }

    @Override
    public Greeting apply(Integer name) throws InterruptedException {
        Thread.sleep(50); // a little work, so that each worker takes one greeting, as each Process did
        return new Greeting("hello from " + name, ProcessHandle.current().pid(), Thread.currentThread().getName());
    }
}
