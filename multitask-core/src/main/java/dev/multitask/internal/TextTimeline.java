package dev.multitask.internal;

import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a {@link Trace} as text: a time axis, then one row per worker with a block per task, {@code [name....]}, or
 * {@code [name!!!!]} for a task that failed. Tasks too short for brackets show as {@code #}, failures as {@code !}.
 */
public final class TextTimeline {

    private static final int MAX_ROWS = 16;

    private TextTimeline() {}

    public static String render(Trace trace, int columns) {
        if (columns < 40) {
            throw new IllegalArgumentException("a timeline needs at least 40 columns, got " + columns);
        }
        List<TaskRecord> ran = trace.tasks().stream()
                .filter(TaskRecord::started)
                .sorted(Comparator.comparingLong(TaskRecord::startedNanos))
                .toList();
        StringBuilder out = new StringBuilder();
        if (ran.isEmpty()) {
            return out.append("(no task ran)\n").toString();
        }
        Map<String, List<TaskRecord>> rows = rows(ran, shortNames(ran, "multitask-" + trace.pool() + "-"));
        int nameWidth = Math.min(
                24, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        int width = columns - nameWidth - 1;
        long origin = ran.stream().mapToLong(TaskRecord::submittedNanos).min().orElse(0);
        long end = ran.stream().mapToLong(TaskRecord::finishedNanos).max().orElse(origin + 1);
        double nanosPerColumn = Math.max(1, end - origin) / (double) width;

        out.append(" ".repeat(nameWidth + 1)).append(axis(width, end - origin)).append('\n');
        rows.forEach((name, tasks) -> {
            char[] line = new char[width];
            Arrays.fill(line, ' ');
            for (TaskRecord task : tasks) {
                // One rounding for both ends, so that a task starting where the previous one ended never
                // overwrites its closing bracket.
                int from = Math.min(width - 1, column(task.startedNanos() - origin, nanosPerColumn));
                int to = Math.max(from + 1, Math.min(width, column(task.finishedNanos() - origin, nanosPerColumn)));
                draw(line, from, to, task);
            }
            out.append(pad(name, nameWidth))
                    .append(' ')
                    .append(new String(line).stripTrailing())
                    .append('\n');
        });
        return out.toString();
    }

    private static int column(long nanos, double nanosPerColumn) {
        return (int) Math.round(nanos / nanosPerColumn);
    }

    private static void draw(char[] line, int from, int to, TaskRecord task) {
        boolean failed = task.outcome() == Outcome.FAILED;
        int length = to - from;
        if (length < 3) {
            Arrays.fill(line, from, to, failed ? '!' : '#');
            return;
        }
        Arrays.fill(line, from + 1, to - 1, failed ? '!' : '.');
        line[from] = '[';
        line[to - 1] = ']';
        String name = task.name();
        for (int i = 0; i < Math.min(name.length(), length - 2); i++) {
            line[from + 1 + i] = name.charAt(i);
        }
    }

    /** One row per worker, or, when there are more workers than rows, tasks packed into rows by time. */
    private static Map<String, List<TaskRecord>> rows(List<TaskRecord> ran, Map<String, String> shortNames) {
        Map<String, List<TaskRecord>> byWorker = new LinkedHashMap<>();
        ran.stream()
                .sorted(Comparator.comparing(TaskRecord::worker, TextTimeline::naturalOrder))
                .forEach(task -> byWorker.computeIfAbsent(shortNames.get(task.worker()), w -> new ArrayList<>())
                        .add(task));
        if (byWorker.size() <= MAX_ROWS) {
            return byWorker;
        }
        List<List<TaskRecord>> lanes = new ArrayList<>();
        List<Long> laneEnds = new ArrayList<>();
        for (TaskRecord task : ran) { // sorted by start: greedy interval partitioning uses the fewest lanes
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds.get(lane) > task.startedNanos()) {
                lane++;
            }
            if (lane == laneEnds.size()) {
                lanes.add(new ArrayList<>());
                laneEnds.add(0L);
            }
            lanes.get(lane).add(task);
            laneEnds.set(lane, task.finishedNanos());
        }
        Map<String, List<TaskRecord>> packed = new LinkedHashMap<>();
        int shown = Math.min(MAX_ROWS, lanes.size());
        for (int i = 0; i < shown; i++) {
            packed.put("lane-" + (i + 1), lanes.get(i));
        }
        if (lanes.size() > shown) {
            List<TaskRecord> rest = new ArrayList<>();
            lanes.subList(shown, lanes.size()).forEach(rest::addAll);
            packed.put("+" + (lanes.size() - shown) + " lanes", rest);
        }
        return packed;
    }

    /** Worker names without the {@code multitask-POOL-} prefix of the pool's own threads, at most 24 characters. */
    private static Map<String, String> shortNames(List<TaskRecord> ran, String poolPrefix) {
        Map<String, String> names = new LinkedHashMap<>();
        for (TaskRecord task : ran) {
            String worker = task.worker();
            String name = worker.startsWith(poolPrefix) ? worker.substring(poolPrefix.length()) : worker;
            names.putIfAbsent(worker, name.length() > 24 ? name.substring(name.length() - 24) : name);
        }
        return names;
    }

    private static String axis(int width, long spanNanos) {
        char[] line = new char[width];
        Arrays.fill(line, ' ');
        int ticks = Math.max(1, width / 12);
        for (int t = 0; t <= ticks; t++) {
            int column = (int) ((long) t * (width - 1) / ticks);
            String label = seconds(spanNanos * t / ticks);
            int at = Math.min(column, width - label.length());
            label.getChars(0, label.length(), line, Math.max(0, at));
        }
        return new String(line).stripTrailing();
    }

    private static String seconds(long nanos) {
        double s = nanos / 1e9;
        if (s >= 10) {
            return String.format(Locale.ROOT, "%.0fs", s);
        }
        return s >= 1 ? String.format(Locale.ROOT, "%.1fs", s) : String.format(Locale.ROOT, "%.0fms", s * 1000);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text.substring(0, width) : text + " ".repeat(width - text.length());
    }

    /** Compares names with their numbers as numbers, so that worker-10 follows worker-9. */
    private static int naturalOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int iEnd = i;
                int jEnd = j;
                while (iEnd < a.length() && Character.isDigit(a.charAt(iEnd))) iEnd++;
                while (jEnd < b.length() && Character.isDigit(b.charAt(jEnd))) jEnd++;
                int byLength = Integer.compare(iEnd - i, jEnd - j);
                int byDigits = a.substring(i, iEnd).compareTo(b.substring(j, jEnd));
                if (byLength != 0 || byDigits != 0) {
                    return byLength != 0 ? byLength : byDigits;
                }
                i = iEnd;
                j = jEnd;
            } else if (x != y) {
                return Character.compare(x, y);
            } else {
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
