package dev.jpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jpool.testing.RawEcho;
import dev.jpool.testing.Square;
import dev.jpool.worker.RecordIdentity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TaskTypes#inputClass}, the worker's short way to a task's input type, agrees with {@link TaskTypes#input}. */
class TaskTypesTest {
    /** Declares its types through a superclass: only Jackson's resolution tells them. */
    public static class Inherited extends Base<Integer> {
        @Override
        public Integer apply(Integer x) {
            return x;
        }
    }

    public abstract static class Base<T> implements Task<T, T> {
    }

    @Test
    void theShortWayGivesTheRawClassOfTheTypeJacksonResolvesOrNothing() {
        SerializableTask<String, Integer> lambda = String::length;
        List<Task<?, ?>> tasks = List.of(new Square(), new RecordIdentity(), lambda, new Inherited(), new RawEcho());
        for (Task<?, ?> task : tasks) {
            Class<?> shortWay = TaskTypes.inputClass(task);
            if (shortWay != null) {
                assertEquals(TaskTypes.input(task).getRawClass(), shortWay, task.getClass().getName());
            }
        }
        assertEquals(Long.class, TaskTypes.inputClass(new Square()));
        assertEquals(RecordIdentity.Point.class, TaskTypes.inputClass(new RecordIdentity()));
        assertEquals(String.class, TaskTypes.inputClass(lambda));
        assertNull(TaskTypes.inputClass(new Inherited()), "a superclass's type argument is Jackson's to resolve");
        assertEquals(Integer.class, TaskTypes.input(new Inherited()).getRawClass());
        assertNull(TaskTypes.inputClass(new RawEcho()), "a raw task declares no input class");
    }
}
