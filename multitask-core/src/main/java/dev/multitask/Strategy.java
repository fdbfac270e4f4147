package dev.multitask;

import java.util.List;
import java.util.Locale;

/**
 * How a {@link Pool} runs its tasks. Written as text on command lines: {@code sequential}, {@code threads},
 * {@code threads:8}, {@code virtual}, {@code virtual:1000}, {@code processes:4}, {@code auto}, {@code cluster} or
 * {@code cluster:host:port,host:port}; {@link #parse} reads that text and {@link #toString} writes it back.
 *
 * <p>Choose by what tasks spend their time on: tasks that wait (network, disk, sleeps) want many cheap threads
 * ({@link Virtual}); tasks that compute want one thread per core ({@link Threads}); tasks that must be isolated from
 * the caller want {@link Processes}; work larger than one machine wants {@link Cluster}. When unsure, {@link Auto}
 * measures the tasks as they run and chooses their concurrency itself.
 */
public sealed interface Strategy {

    /** Every task runs in the thread that submits it, before {@code submit} returns: no concurrency at all. */
    record Sequential() implements Strategy {
        @Override
        public String toString() {
            return "sequential";
        }
    }

    /**
     * A fixed number of platform threads taking tasks from shared queues.
     *
     * @param workers the number of threads, from 1 to {@value #MAX_WORKERS}
     */
    record Threads(int workers) implements Strategy {
        /** The most threads: the limit of the {@link java.util.concurrent.ForkJoinPool} they work in. */
        public static final int MAX_WORKERS = 0x7fff;

        public Threads {
            requirePositive(workers, "worker count");
            if (workers > MAX_WORKERS) {
                throw new IllegalArgumentException("worker count must be at most " + MAX_WORKERS
                        + " platform threads (virtual threads have no such limit), got " + workers);
            }
        }

        @Override
        public String toString() {
            return "threads:" + workers;
        }
    }

    /**
     * One virtual thread per task, with at most {@code limit} running at once; {@code limit == 0} means no limit.
     *
     * @param limit the most tasks running at once, or 0 for no limit
     */
    record Virtual(int limit) implements Strategy {
        public Virtual {
            if (limit < 0) {
                throw new IllegalArgumentException("concurrency limit must be at least 1, got " + limit);
            }
        }

        @Override
        public String toString() {
            return limit == 0 ? "virtual" : "virtual:" + limit;
        }
    }

    /**
     * A fixed number of worker JVMs, each a child process of this one.
     *
     * @param workers the number of worker processes, at least 1
     */
    record Processes(int workers) implements Strategy {
        public Processes {
            requirePositive(workers, "worker count");
        }

        @Override
        public String toString() {
            return "processes:" + workers;
        }
    }

    /**
     * Virtual threads whose concurrency limit the pool adjusts as it runs, from what it measures: held near the
     * number of cores for tasks that compute, raised for tasks that wait, lowered when tasks slow down as more run at
     * once. See {@link Pool#auto()}.
     */
    record Auto() implements Strategy {
        @Override
        public String toString() {
            return "auto";
        }
    }

    /**
     * The members of a cluster; an empty list means a cluster of one member started inside this process.
     *
     * @param members {@code host:port} addresses of members to join
     */
    record Cluster(List<String> members) implements Strategy {
        public Cluster {
            members = List.copyOf(members);
        }

        @Override
        public String toString() {
            return members.isEmpty() ? "cluster" : "cluster:" + String.join(",", members);
        }
    }

    static Strategy sequential() {
        return new Sequential();
    }

    /** One platform thread per available processor. */
    static Strategy threads() {
        return new Threads(Runtime.getRuntime().availableProcessors());
    }

    static Strategy threads(int workers) {
        return new Threads(workers);
    }

    static Strategy virtual() {
        return new Virtual(0);
    }

    static Strategy virtual(int limit) {
        requirePositive(limit, "concurrency limit");
        return new Virtual(limit);
    }

    /** A fixed number of worker processes; see {@link Pool#processes(int)}. */
    static Strategy processes(int workers) {
        return new Processes(workers);
    }

    /** Concurrency chosen by the pool as it runs; see {@link Pool#auto()}. */
    static Strategy auto() {
        return new Auto();
    }

    /**
     * Reads a strategy from its text form.
     *
     * @throws IllegalArgumentException with a message fit to show a user, when the text names no strategy or a count
     *     is not a whole number of at least 1
     */
    static Strategy parse(String text) {
        String trimmed = text.strip().toLowerCase(Locale.ROOT);
        int colon = trimmed.indexOf(':');
        String kind = colon < 0 ? trimmed : trimmed.substring(0, colon);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        return switch (kind) {
            case "sequential" -> {
                if (argument != null) {
                    throw new IllegalArgumentException("strategy 'sequential' takes no count, got '" + text + "'");
                }
                yield sequential();
            }
            case "threads" -> argument == null ? threads() : threads(count(argument, "worker count"));
            case "virtual" -> argument == null ? virtual() : virtual(count(argument, "concurrency limit"));
            case "processes" ->
                new Processes(
                        argument == null
                                ? Runtime.getRuntime().availableProcessors()
                                : count(argument, "worker count"));
            case "auto" -> {
                if (argument != null) {
                    throw new IllegalArgumentException("strategy 'auto' takes no count, got '" + text + "'");
                }
                yield auto();
            }
            case "cluster" ->
                new Cluster(argument == null || argument.isEmpty() ? List.of() : List.of(argument.split(",")));
            default ->
                throw new IllegalArgumentException("unknown strategy '" + text.strip()
                        + "': expected sequential, threads[:N], virtual[:N], processes[:N], auto"
                        + " or cluster[:HOST:PORT,...]");
        };
    }

    private static int count(String text, String what) {
        int value;
        try {
            value = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got '" + text + "'");
        }
        requirePositive(value, what);
        return value;
    }

    private static void requirePositive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
    }
}
