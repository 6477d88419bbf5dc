package dev.jpool.testing;

import dev.jpool.task.Task;

/** Prints on System.out in its static initialiser, its constructor and apply(); returns its input plus one. */
public final class PrintsEverywhere implements Task<Integer, Integer> {
    static {
        System.out.println("static initialiser printing");
    }

    public PrintsEverywhere() {
        System.out.println("constructor printing");
    }

    @Override
    public Integer apply(Integer input) {
        System.out.println("apply printing " + input);
        return input + 1;
    }
}
