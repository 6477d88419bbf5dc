package dev.jpool.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jpool.testing.Power;
import dev.jpool.testing.SleepThenEcho;
import dev.jpool.testing.LambdaOutput;
import dev.jpool.testing.Square;
import dev.jpool.testing.SupplierOutput;
import dev.jpool.testing.SerializableThreshold;
import dev.jpool.testing.Threshold;
import dev.jpool.task.SerializableCallable;
import dev.jpool.task.SerializableTask;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import dev.jpool.protocol.OutputNotSendableException;
import java.util.function.IntSupplier;
import dev.jpool.testing.WrappedFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Pool API's semantics, the same for worker JVMs and for threads. */
class PoolContractTest {
    static Stream<Arguments> pools() {
        IntFunction<Pool> processes = n -> new ProcessPool(ProcessPoolOptions.workers(n).withWorkerStderr(line -> { }));
        IntFunction<Pool> threads = ThreadPool::new;
        return Stream.of(Arguments.of("ProcessPool", processes), Arguments.of("ThreadPool", threads));
    }

    private static List<Long> oneTo(long n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void mapKeepsInputOrderWithAnyChunksize(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(2)) {
            List<Long> expected = oneTo(10).stream().map(x -> x * x).toList();
            assertEquals(List.of(1L, 4L, 9L, 16L, 25L, 36L, 49L, 64L, 81L, 100L), pool.map(new Square(), oneTo(10)));
            for (int chunksize : new int[] {1, 3, 10, 50}) {
                assertEquals(expected, pool.map(new Square(), oneTo(10), chunksize), "chunksize " + chunksize);
            }
            assertEquals(expected, pool.mapAsync(new Square(), oneTo(10)).get(30, TimeUnit.SECONDS));
            assertEquals(List.of(), pool.map(new Square(), List.of()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aFailureNamesTheInputAsTheCallerNamedItAndKeepsItsPosition(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            List<Integer> inputs = NamedInputs.of(List.of(4, 5, -3, 6), i -> "line " + (10 + i));
            for (int chunksize : new int[] {1, 3}) {
                TaskException e = assertThrows(TaskException.class, () -> pool.map(new dev.jpool.testing.FailingTask(),
                        inputs, chunksize), "chunksize " + chunksize);
                assertTrue(e.getMessage().contains("failed on line 12 (-3)"), e.getMessage());
                assertEquals(2, e.inputIndex(), "its position in the call, as always");
            }
            TaskException unnamed = assertThrows(TaskException.class,
                    () -> pool.map(new dev.jpool.testing.FailingTask(), List.of(4, -3)));
            assertTrue(unnamed.getMessage().contains("failed on input #1 (-3)"), unnamed.getMessage());
            assertEquals(List.of(4, 5), pool.map(new dev.jpool.testing.FailingTask(), NamedInputs.of(List.of(4, 5),
                    i -> "line " + i)), "names change no result");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void starmapSpreadsEachArgumentListOverTheInputRecord(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(2)) {
            List<List<Integer>> arguments = new ArrayList<>();
            for (int x = 1; x <= 10; x++) {
                arguments.add(List.of(x, 3));
            }
            List<Long> cubes = List.of(1L, 8L, 27L, 64L, 125L, 216L, 343L, 512L, 729L, 1000L);
            assertEquals(cubes, pool.starmap(new Power(), arguments));
            assertEquals(cubes, pool.starmapAsync(new Power(), arguments).get(30, TimeUnit.SECONDS));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.starmap(new Power(), List.of(List.of(1, 2, 3))));
            assertTrue(e.getMessage().contains("has 3 values; Args takes 2"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void applyAndApplyAsyncLikeTheTutorial(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(3)) {
            assertEquals(49L, pool.apply(new Square(), 7L));
            List<CompletableFuture<Long>> results = new ArrayList<>();
            for (long x = 1; x <= 10; x++) {
                results.add(pool.applyAsync(new Power(), new Power.Args(x, 3)));
            }
            List<Long> all = new ArrayList<>();
            for (CompletableFuture<Long> result : results) {
                all.add(result.get(30, TimeUnit.SECONDS));
            }
            assertEquals(List.of(1L, 8L, 27L, 64L, 125L, 216L, 343L, 512L, 729L, 1000L), all);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void imapYieldsInInputOrderAndImapUnorderedYieldsEverything(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            List<Integer> millis = List.of(300, 10, 200, 10, 100, 10);
            assertEquals(millis, pool.imap(new SleepThenEcho(), millis).toList());
            assertEquals(millis, pool.imap(new SleepThenEcho(), millis, 4).toList());
            List<Integer> unordered = pool.imapUnordered(new SleepThenEcho(), millis).toList();
            assertEquals(millis.stream().sorted().toList(), unordered.stream().sorted().toList(), "each output once");
            assertTrue(unordered.indexOf(300) > unordered.indexOf(10), "completion order: " + unordered);
            Set<Integer> indices = pool.imapUnorderedIndexed(new SleepThenEcho(), millis, 2)
                    .map(Indexed::index).collect(Collectors.toSet());
            assertEquals(Set.of(0, 1, 2, 3, 4, 5), indices);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aTaskExceptionNamesTaskInputAndWorkerWhileTheOtherInputsSucceed(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            List<Long> inputs = oneTo(20);
            TaskException e = assertThrows(TaskException.class, () -> pool.map(new Square(), inputs, 1));
            assertEquals(Square.class.getName(), e.task());
            assertEquals(12, e.inputIndex());
            assertEquals("13", e.input());
            assertEquals(IllegalStateException.class.getName(), e.errorClass());
            assertTrue(e.getMessage().contains("13 is unlucky"), e.getMessage());
            assertTrue(e.remoteStackTrace().contains("Square.apply"), e.remoteStackTrace());
            assertTrue(e.worker().matches(name.equals("ProcessPool") ? "worker \\d+ \\(pid \\d+\\)" : "thread jpool-thread-\\d+"),
                    e.worker());
            List<Indexed<Long>> all = pool.imapUnorderedIndexed(new Square(), inputs, 1).toList();
            assertEquals(20, all.size());
            assertEquals(19, all.stream().filter(Indexed::ok).count(), "the other inputs went on");
            assertInstanceOf(TaskException.class, all.stream().filter(r -> !r.ok()).findFirst().orElseThrow().failure());
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> pool.applyAsync(new Square(), 13L).get(30, TimeUnit.SECONDS));
            assertInstanceOf(TaskException.class, async.getCause());
            assertEquals(4L, pool.apply(new Square(), 2L), "the pool still works");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aClosedPoolTakesNoNewWorkButFinishesWhatItHas(String name, IntFunction<Pool> pools) throws Exception {
        Pool pool = pools.apply(2);
        CompletableFuture<List<Integer>> running = pool.mapAsync(new SleepThenEcho(), List.of(200, 200, 200));
        pool.close();
        assertEquals(List.of(200, 200, 200), running.get(0, TimeUnit.SECONDS), "close() let running work finish");
        assertThrows(IllegalStateException.class, () -> pool.apply(new Square(), 1L));
        pool.join();
        pool.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void terminateFailsUnfinishedWork(String name, IntFunction<Pool> pools) {
        Pool pool = pools.apply(1);
        CompletableFuture<List<Integer>> slow = pool.mapAsync(new SleepThenEcho(), List.of(20_000, 20_000), 1);
        pool.terminate();
        ExecutionException e = assertThrows(ExecutionException.class, () -> slow.get(10, TimeUnit.SECONDS));
        assertInstanceOf(PoolException.class, e.getCause());
        pool.join();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void joinBeforeCloseIsAMistake(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            assertThrows(IllegalStateException.class, pool::join);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void badArgumentsAreRefusedWithAReason(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(new Square(), oneTo(3), 0));
            assertEquals("chunksize must be at least 1, was 0", e.getMessage());
            assertThrows(NullPointerException.class, () -> pool.map(null, oneTo(3)));
        }
        assertThrows(IllegalArgumentException.class, () -> pools.apply(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void manyTinyTasksAllComeBack(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            List<Long> inputs = oneTo(20_000);
            List<Long> squares = pool.map(new Square(), inputs.stream().map(x -> x == 13 ? 14 : x).toList());
            assertEquals(20_000, squares.size());
            assertEquals(new HashSet<>(squares).size(), 19_999, "13 was replaced by 14, all else distinct");
            assertFalse(squares.contains(169L));
        }
    }

    private static String printed(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** CPython's test_traceback: the remote traceback is the cause, so printing shows the task's frames. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aPrintedTaskExceptionShowsTheTasksOwnFramesAsItsCause(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            TaskException e = assertThrows(TaskException.class, () -> pool.apply(new Square(), 13L));
            Throwable cause = e.getCause();
            assertNotNull(cause, "a cause");
            assertEquals("java.lang.IllegalStateException: 13 is unlucky", cause.toString());
            StackTraceElement top = cause.getStackTrace()[0];
            assertEquals(Square.class.getName(), top.getClassName());
            assertEquals("apply", top.getMethodName());
            assertEquals("Square.java", top.getFileName());
            assertTrue(top.getLineNumber() > 0, top.toString());
            String printed = printed(e);
            assertTrue(printed.contains("Caused by: java.lang.IllegalStateException: 13 is unlucky\n\tat "
                    + Square.class.getName() + ".apply(Square.java:" + top.getLineNumber() + ")"), printed);

            TaskException wrapped = assertThrows(TaskException.class, () -> pool.apply(new WrappedFailure(), 7));
            Throwable outer = wrapped.getCause();
            assertEquals("java.io.UncheckedIOException: could not read input 7", outer.toString());
            assertEquals("java.io.IOException: bad record", outer.getCause().toString());
            Throwable root = outer.getCause().getCause();
            assertEquals("java.lang.NumberFormatException: For input string: \"x7\"", root.toString());
            List<String> methods = Stream.of(root.getStackTrace()).map(StackTraceElement::getMethodName).toList();
            assertTrue(methods.contains("parse") && methods.contains("apply"), "the frames under '... n more' too: " + methods);
            assertEquals("java.base", root.getStackTrace()[0].getModuleName(), root.getStackTrace()[0].toString());
            assertTrue(printed(wrapped).contains("Caused by: java.lang.NumberFormatException: For input string: \"x7\""),
                    printed(wrapped));
        }
    }

    /** CPython's test_enter and test_empty_iterable on a closed pool: every call refused, even with no inputs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void everyCallOnAPoolThatIsNotRunningIsRefused(String name, IntFunction<Pool> pools) {
        for (boolean terminate : new boolean[] {false, true}) {
            Pool pool = pools.apply(1);
            if (terminate) {
                pool.terminate();
            } else {
                pool.close();
            }
            assertTrue(pool.isShutdown());
            List<Long> none = List.of();
            List<List<?>> noArguments = List.of();
            Iterable<Long> untouched = () -> {
                throw new AssertionError("the inputs were read");
            };
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> pool.map(new Square(), none), () -> pool.map(new Square(), none, 1),
                    () -> pool.mapAsync(new Square(), none), () -> pool.mapAsync(new Square(), none, 1),
                    () -> pool.map(new Square(), untouched),
                    () -> pool.starmap(new Power(), noArguments), () -> pool.starmap(new Power(), noArguments, 2),
                    () -> pool.starmapAsync(new Power(), noArguments),
                    () -> pool.starmapAsync(new Power(), noArguments, 2),
                    () -> pool.apply(new Square(), 1L), () -> pool.applyAsync(new Square(), 1L),
                    () -> pool.imap(new Square(), none), () -> pool.imap(new Square(), none, 2),
                    () -> pool.imap(new Square(), untouched),
                    () -> pool.imapUnordered(new Square(), none), () -> pool.imapUnordered(new Square(), none, 2),
                    () -> pool.imapUnorderedIndexed(new Square(), none),
                    () -> pool.imapUnorderedIndexed(new Square(), none, 2));
            for (int i = 0; i < calls.size(); i++) {
                IllegalStateException e = assertThrows(IllegalStateException.class, calls.get(i), "call #" + i);
                assertEquals("the pool is " + (terminate ? "terminated" : "closed") + ": it takes no new work",
                        e.getMessage());
            }
            pool.join();
            assertTrue(pool.isTerminated());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void theOverloadsPythonHasAndTheIntrospectionBothPoolsShare(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(2)) {
            pool.ready().get(60, TimeUnit.SECONDS);
            assertEquals(2, pool.workers());
            assertFalse(pool.isShutdown());
            assertFalse(pool.isTerminated());
            List<List<Integer>> arguments = List.of(List.of(2, 2), List.of(3, 2), List.of(4, 2));
            assertEquals(List.of(4L, 9L, 16L), pool.starmap(new Power(), arguments, 2));
            assertEquals(List.of(4L, 9L, 16L), pool.starmapAsync(new Power(), arguments, 1).get(30, TimeUnit.SECONDS));
            assertThrows(IllegalArgumentException.class, () -> pool.starmap(new Power(), arguments, 0));
            assertEquals(Set.of(0, 1, 2), pool.imapUnorderedIndexed(new Square(), List.of(1L, 2L, 3L))
                    .map(Indexed::index).collect(Collectors.toSet()));
        }
    }

    /** Python's close(); ...; join(): shutdown() returns at once, work goes on, join() waits for it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void shutdownReturnsAtOnceAndJoinWaitsForTheWork(String name, IntFunction<Pool> pools) throws Exception {
        Pool pool = pools.apply(2);
        pool.ready().get(60, TimeUnit.SECONDS);
        CompletableFuture<List<Integer>> running = pool.mapAsync(new SleepThenEcho(), List.of(3000, 3000, 10), 1);
        pool.shutdown();
        assertFalse(running.isDone(), "shutdown() did not wait for the work");
        assertTrue(pool.isShutdown());
        assertFalse(pool.isTerminated(), "the workers are still at it");
        assertThrows(IllegalStateException.class, () -> pool.apply(new Square(), 1L));
        pool.join();
        assertTrue(running.isDone(), "join() waited for the work");
        assertEquals(List.of(3000, 3000, 10), running.get(0, TimeUnit.SECONDS));
        assertTrue(pool.isTerminated());
        pool.shutdown();
        pool.close();
    }

    /**
     * CPython's test_unpickleable_result (MaybeEncodingError): an output that cannot travel fails
     * its own input, naming the type; a ThreadPool hands the object itself over, as Python's does.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void anOutputThatCannotTravelFailsItsInputNamingTheType(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            if (name.equals("ThreadPool")) {
                assertEquals(42, ((IntSupplier) pool.map(new LambdaOutput(), List.of(0, 1, 2), 3).get(1)).getAsInt());
                assertEquals(7, pool.apply(new SupplierOutput(), 7).getAsInt());
                return;
            }
            TaskException lambda = assertThrows(TaskException.class, () -> pool.map(new LambdaOutput(), List.of(0, 1, 2), 3));
            assertEquals(1, lambda.inputIndex(), lambda.getMessage());
            assertEquals("1", lambda.input());
            assertEquals(OutputNotSendableException.class.getName(), lambda.errorClass());
            assertTrue(lambda.getMessage().contains("a lambda implementing java.util.function.IntSupplier"), lambda.getMessage());
            assertTrue(lambda.getMessage().contains("cannot travel back to the caller as JSON"), lambda.getMessage());

            TaskException supplier = assertThrows(TaskException.class, () -> pool.map(new SupplierOutput(), List.of(5, 6), 2));
            assertEquals(0, supplier.inputIndex(), supplier.getMessage());
            assertEquals(OutputNotSendableException.class.getName(), supplier.errorClass());
            assertTrue(supplier.getMessage().contains("the output {\"asInt\":5} cannot be read back as java.util.function.IntSupplier"),
                    supplier.getMessage());
            assertTrue(supplier.worker().startsWith("worker "), supplier.worker());
            assertEquals(List.of(0, 2), pool.map(new LambdaOutput(), List.of(0, 2)), "the pool still works");
        }
    }

    /**
     * A task's own state means the same on both pools: a ThreadPool runs the caller's instance; a
     * ProcessPool, whose worker would make a fresh one, refuses it up front naming the field.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aTaskWhoseStateAWorkerWouldNotHaveIsNotSilentlyRunWithoutIt(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            assertEquals(List.of(false, true), pool.map(new Threshold(), List.of(3, 4)), "the default state runs anywhere");
            if (name.equals("ThreadPool")) {
                assertEquals(List.of(false, true), pool.map(new Threshold(10), List.of(4, 10)));
                return;
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> pool.map(new Threshold(10), List.of(4, 10)));
            assertEquals("ProcessPool cannot run this " + Threshold.class.getName() + ": its field 'limit' is 10 here"
                    + " but 4 in the fresh instance a worker JVM makes (it gets the class name, not the object);"
                    + " pass the value as part of the input instead, or make the task Serializable (implement"
                    + " dev.jpool.task.SerializableTask) so that its state travels with it", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.apply(new Threshold(10), 4));
            assertThrows(IllegalArgumentException.class, () -> pool.imap(new Threshold(10), List.of(4)));
        }
    }

    /** 1, 2, 3, ... counting how many were read; throws at {@code failAt} (0: never). */
    private static Iterable<Long> counting(AtomicLong read, long failAt) {
        return () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Long next() {
                long n = read.incrementAndGet();
                if (n == failAt) {
                    throw new IllegalStateException("input " + n + " is broken");
                }
                return n;
            }
        };
    }

    /** CPython's imap over an endless generator: the call returns at once and reads only as far as it needs. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void imapReadsAnEndlessInputAsTheWorkersNeedIt(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            for (int chunksize : new int[] {1, 3}) {
                AtomicLong read = new AtomicLong();
                Iterator<Long> squares = pool.imap(new Square(), counting(read, 0), chunksize)
                        .filter(x -> x != 169).iterator(); // Square fails at 13: stay below it
                long bound = 4L * 2 * chunksize;
                assertTrue(read.get() <= bound, "the call read only its look-ahead: " + read.get());
                assertEquals(1L, squares.next());
                assertEquals(4L, squares.next());
                assertTrue(read.get() <= bound + 2L * chunksize, "read " + read.get() + " for 2 results, chunksize " + chunksize);
                AtomicLong unorderedRead = new AtomicLong();
                List<Long> some = pool.imapUnordered(new Square(), counting(unorderedRead, 0), chunksize)
                        .limit(5).toList();
                assertEquals(5, some.size());
                assertTrue(unorderedRead.get() <= bound + 5L * chunksize, "read " + unorderedRead.get());
            }
        }
    }

    /** CPython's test_imap_handle_iterable_exception: the iterable's exception comes after the results before it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void anExceptionFromTheInputArrivesAfterTheResultsBeforeIt(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(2)) {
            for (int chunksize : new int[] {1, 2, 10}) {
                List<Long> got = new ArrayList<>();
                Iterator<Long> ordered = pool.imap(new Square(), counting(new AtomicLong(), 6), chunksize).iterator();
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                    while (ordered.hasNext()) {
                        got.add(ordered.next());
                    }
                });
                assertEquals("input 6 is broken", e.getMessage());
                assertEquals(List.of(1L, 4L, 9L, 16L, 25L), got, "chunksize " + chunksize);

                List<Long> unordered = new ArrayList<>();
                Iterator<Long> any = pool.imapUnordered(new Square(), counting(new AtomicLong(), 6), chunksize).iterator();
                assertThrows(IllegalStateException.class, () -> {
                    while (any.hasNext()) {
                        unordered.add(any.next());
                    }
                });
                assertEquals(List.of(1L, 4L, 9L, 16L, 25L), unordered.stream().sorted().toList(), "chunksize " + chunksize);
            }
            AtomicLong read = new AtomicLong();
            Stream<Long> first = pool.imap(new Square(), counting(read, 1));
            assertEquals(1, read.get(), "the call itself did not throw");
            assertThrows(IllegalStateException.class, first::toList);
        }
    }

    /** A serializable lambda or method reference runs on both pools, what it captures travelling with it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aSerializableLambdaRunsWithWhatItCaptures(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(2)) {
            long offset = 1000;
            List<Long> shifted = pool.map((SerializableTask<Long, Long>) x -> x * x + offset, oneTo(5));
            assertEquals(List.of(1001L, 1004L, 1009L, 1016L, 1025L), shifted);
            assertEquals(Long.class, ((Object) shifted.get(0)).getClass(), "outputs of the lambda's own type");
            assertEquals(List.of(5, 2), pool.map((SerializableTask<String, Integer>) String::length, List.of("hello", "hi")));
            List<String> prefix = List.of("a", "b");
            assertEquals(List.of("a3"), pool.imap((SerializableTask<Integer, String>) x -> prefix.get(0) + x, List.of(3))
                    .toList());
            assertEquals(6, pool.apply((SerializableTask<Integer, Integer>) x -> x * 2, 3));
            assertEquals(List.of(8L, 9L), pool.starmap((SerializableTask<Power.Args, Long>) args -> (long) Math.pow(args.x(), args.y()),
                    List.of(List.of(2, 3), List.of(3, 2))));
            TaskException e = assertThrows(TaskException.class,
                    () -> pool.map((SerializableTask<Integer, Integer>) x -> 10 / (x - 2), List.of(1, 2, 3)));
            assertEquals(1, e.inputIndex());
            assertEquals("java.lang.ArithmeticException: / by zero", e.getCause().toString());
            assertTrue(e.getCause().getStackTrace()[0].getMethodName().startsWith("lambda$"), e.getCause().getStackTrace()[0].toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aCaptureThatCannotBeSerializedIsRefusedUpFrontNamingItsType(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            Thread captured = Thread.currentThread();
            SerializableTask<Long, Long> task = x -> x + captured.getId();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> pool.map(task, oneTo(3)));
            assertTrue(e.getMessage().contains(": it captures a java.lang.Thread (captured value #0), which is not Serializable"),
                    e.getMessage());
            assertTrue(e.getMessage().startsWith(name.equals("ProcessPool") ? "ProcessPool cannot send the lambda "
                    : "ThreadPool refuses what a ProcessPool could not send, the lambda "), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> pool.apply(task, 1L));
        }
    }

    /** A serializable task's state travels: the same task means the same on both pools. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void aSerializableTasksStateTravelsWithIt(String name, IntFunction<Pool> pools) {
        try (Pool pool = pools.apply(1)) {
            assertEquals(List.of(false, true), pool.map(new SerializableThreshold(10), List.of(4, 10)));
            assertEquals(List.of(true, true), pool.map(new SerializableThreshold(), List.of(4, 10)));
        }
    }

    /** Code written against ExecutorService runs on the pool by changing the line that makes the executor. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void theExecutorServiceViewSubmitsInvokesAllAndShutsDown(String name, IntFunction<Pool> pools) throws Exception {
        Pool pool = pools.apply(2);
        java.util.concurrent.ExecutorService executor = pool.asExecutorService();
        Future<Long> answer = executor.submit((SerializableCallable<Long>) () -> 6L * 7);
        assertEquals(42L, answer.get(60, TimeUnit.SECONDS));
        assertEquals(Long.class, ((Object) answer.get()).getClass());
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int captured = i;
            calls.add((SerializableCallable<Integer>) () -> captured * 10);
        }
        List<Integer> results = new ArrayList<>();
        for (Future<Integer> done : executor.invokeAll(calls)) {
            results.add(done.get());
        }
        assertEquals(List.of(0, 10, 20, 30, 40), results);
        assertTrue(List.of(0, 10, 20, 30, 40).contains(executor.invokeAny(calls)));
        Future<?> ran = executor.submit((Runnable & java.io.Serializable) () -> { }, "done");
        assertEquals("done", ran.get(60, TimeUnit.SECONDS));

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> executor.submit((SerializableCallable<Integer>) () -> 1 / (results.size() - 5)).get());
        assertInstanceOf(TaskException.class, failed.getCause());
        assertEquals("java.lang.ArithmeticException: / by zero", failed.getCause().getCause().toString());
        Callable<Integer> plain = () -> 1;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> executor.submit(plain));
        assertTrue(refused.getMessage().contains("must be Serializable"), refused.getMessage());

        Future<Integer> last = executor.submit((SerializableCallable<Integer>) () -> {
            Thread.sleep(500);
            return 7;
        });
        executor.shutdown();
        assertTrue(executor.isShutdown());
        assertThrows(RejectedExecutionException.class, () -> executor.submit((SerializableCallable<Long>) () -> 1L));
        assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(executor.isTerminated());
        assertEquals(7, last.get(0, TimeUnit.SECONDS), "awaitTermination waited for the work");
        ((AutoCloseable) executor).close();
    }

    /** Cancel of a running call ends what runs it (a worker JVM, which the pool replaces; a thread, interrupted). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void cancellingARunningCallEndsItsWorkerAndThePoolGoesOn(String name, IntFunction<Pool> pools) throws Exception {
        try (Pool pool = pools.apply(1); PoolExecutor executor = pool.asExecutorService()) {
            pool.ready().get(60, TimeUnit.SECONDS);
            long before = executor.submit((SerializableCallable<Long>) () -> ProcessHandle.current().pid()).get();
            Future<Integer> endless = executor.submit((SerializableCallable<Integer>) () -> {
                Thread.sleep(600_000);
                return 0;
            });
            assertTrue(endless.cancel(true));
            assertTrue(endless.isCancelled());
            assertThrows(CancellationException.class, endless::get);
            if (name.equals("ProcessPool")) {
                ProcessHandle.of(before).ifPresent(worker -> worker.onExit().orTimeout(60, TimeUnit.SECONDS).join());
                assertFalse(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false), "the worker was ended");
            }
            long after = executor.submit((SerializableCallable<Long>) () -> ProcessHandle.current().pid()).get(60, TimeUnit.SECONDS);
            assertEquals(name.equals("ProcessPool"), before != after, "a new worker JVM took its place");
        }
    }
}
