package dev.jpool.worker;

/**
 * The smallest Java program that says something: the baseline of {@code jpool startup}, which
 * measures how much longer a worker JVM takes than a bare {@code java} to print its first line.
 */
public final class HelloWorld {
    private HelloWorld() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
