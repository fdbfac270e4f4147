package dev.multitask.cluster;

import static org.awaitility.Awaitility.await;

import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** The fault tests' run: tasks that return their own id, with a member killed while they run. */
final class MidRunKill {

    private MidRunKill() {}

    /**
     * Submits tasks 0 to {@code tasks - 1}, each returning its id; after submitting task {@code killAfterSubmitting},
     * waits until more than {@code killAfterDone} have ended, then runs {@code kill}, and submits the rest.
     */
    static List<TaskFuture<Integer>> submitIds(
            Pool pool, int tasks, int killAfterSubmitting, int killAfterDone, Runnable kill) {
        AtomicInteger done = new AtomicInteger();
        List<TaskFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int id = i;
            TaskFuture<Integer> future = pool.submit((Callable<Integer> & Serializable) () -> id);
            future.addDoneCallback(f -> done.incrementAndGet());
            futures.add(future);
            if (i == killAfterSubmitting) {
                await().atMost(Duration.ofSeconds(60)).until(() -> done.get() > killAfterDone);
                kill.run();
            }
        }
        return futures;
    }
}
