package dev.multitask.report;

import dev.multitask.TaskRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Which lane of a timeline each task is drawn in. One lane per worker while there are few workers; past {@link
 * #MAX_WORKER_LANES} (an unbounded virtual-thread pool starts one thread per task) tasks are packed into as few lanes
 * as the most tasks that ran at once, each task in the first lane free when it started.
 */
final class Lanes {

    static final int MAX_WORKER_LANES = 64;

    private final List<String> names;
    private final Map<TaskRecord, Integer> laneOf;
    private final boolean packed;

    private Lanes(List<String> names, Map<TaskRecord, Integer> laneOf, boolean packed) {
        this.names = names;
        this.laneOf = laneOf;
        this.packed = packed;
    }

    /** Lanes for the tasks that started, named after their workers less the {@code multitask-POOL-} prefix. */
    static Lanes of(String pool, List<TaskRecord> tasks) {
        List<TaskRecord> started = tasks.stream()
                .filter(TaskRecord::started)
                .sorted(Comparator.comparingLong(TaskRecord::startedNanos).thenComparingLong(TaskRecord::id))
                .toList();
        Map<String, Integer> workers = new LinkedHashMap<>();
        started.forEach(t -> workers.putIfAbsent(String.valueOf(t.worker()), workers.size()));
        Map<TaskRecord, Integer> laneOf = new LinkedHashMap<>();
        if (workers.size() <= MAX_WORKER_LANES) {
            String prefix = "multitask-" + pool + "-";
            List<String> names = workers.keySet().stream()
                    .map(w -> w.startsWith(prefix) && w.length() > prefix.length() ? w.substring(prefix.length()) : w)
                    .toList();
            started.forEach(t -> laneOf.put(t, workers.get(String.valueOf(t.worker()))));
            return new Lanes(names, laneOf, false);
        }
        TreeSet<Integer> free = new TreeSet<>();
        PriorityQueue<long[]> busy = new PriorityQueue<>(Comparator.comparingLong((long[] e) -> e[0])); // {end, lane}
        int count = 0;
        for (TaskRecord task : started) {
            while (!busy.isEmpty() && busy.peek()[0] <= task.startedNanos()) {
                free.add((int) busy.poll()[1]);
            }
            int lane = free.isEmpty() ? count++ : free.pollFirst();
            laneOf.put(task, lane);
            busy.add(new long[] {task.finishedNanos(), lane});
        }
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            names.add("lane " + i);
        }
        return new Lanes(names, laneOf, true);
    }

    /** The lanes' names, top to bottom. */
    List<String> names() {
        return names;
    }

    /** The lane of a task that started. */
    int laneOf(TaskRecord task) {
        return laneOf.get(task);
    }

    /** Whether workers share lanes because there were too many to give each its own. */
    boolean packed() {
        return packed;
    }
}
