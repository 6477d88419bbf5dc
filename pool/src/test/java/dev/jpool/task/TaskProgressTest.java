package dev.jpool.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskProgressTest {
    @Test
    void aReportReachesTheListenerBoundToThisThreadOnly() throws Exception {
        List<Long> here = new ArrayList<>();
        try (var binding = TaskProgress.bind((done, total) -> here.add(done))) {
            TaskProgress.report(1, 10);
            Thread other = new Thread(() -> TaskProgress.report(2, 10));
            other.start();
            other.join();
            TaskProgress.report(3, 10);
        }
        TaskProgress.report(4, 10); // unbound: goes nowhere
        assertEquals(List.of(1L, 3L), here, "not the other thread's report, not the unbound one");
    }

    @Test
    void closingABindingRestoresTheOneBefore() {
        List<String> heard = new ArrayList<>();
        try (var outer = TaskProgress.bind((done, total) -> heard.add("outer " + done))) {
            try (var inner = TaskProgress.bind((done, total) -> heard.add("inner " + done))) {
                TaskProgress.report(1, 2);
            }
            TaskProgress.report(2, 2);
        }
        assertEquals(List.of("inner 1", "outer 2"), heard);
    }
}
