package dev.multitask.cli.bench;

import dev.multitask.SerializableFunction;
import dev.multitask.cli.CpuLoop;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** The tasks of the built-in workloads, each a small serializable record so that worker processes can run it. */
final class Tasks {

    private static volatile long sink;

    private Tasks() {}

    /**
     * Computes for {@code iterations} rounds of arithmetic, then sleeps {@code sleepNanos}: {@code cpu} sleeps not at
     * all, {@code io} computes not at all, {@code mixed} does both in the ratio asked for.
     */
    record ComputeThenWait(long iterations, long sleepNanos) implements SerializableFunction<Integer, Boolean> {
        @Override
        public Boolean apply(Integer index) {
            long x = CpuLoop.spin(iterations, index);
            if (sleepNanos > 0) {
                sleep(sleepNanos);
            }
            sink = x; // keeps the compiler from dropping the loop
            return true;
        }
    }

    /**
     * A request to a simulated server in this JVM that serves {@code capacity} requests at once, each in {@code
     * serviceNanos}, and queues the rest; it slows down as its queue grows (each queued request adds a quarter of
     * {@code serviceNanos / capacity} to every service, as connection handling, timeouts and retries do to a real
     * server), so that too much concurrency lowers its throughput instead of only raising latency.
     */
    record OverloadedRequest(int capacity, long serviceNanos) implements SerializableFunction<Integer, Boolean> {
        private static final ConcurrentHashMap<Integer, Server> SERVERS = new ConcurrentHashMap<>();

        @Override
        public Boolean apply(Integer index) {
            return SERVERS.computeIfAbsent(capacity, Server::new).call(serviceNanos);
        }
    }

    private static final class Server {
        private final int capacity;
        private final Semaphore slots;
        private final AtomicInteger waiting = new AtomicInteger();

        Server(int capacity) {
            this.capacity = capacity;
            this.slots = new Semaphore(capacity, true);
        }

        boolean call(long serviceNanos) {
            waiting.incrementAndGet();
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                waiting.decrementAndGet();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while queued at the server");
            }
            try {
                int queued = waiting.decrementAndGet();
                sleep((long) (serviceNanos * (1 + 0.25 * queued / capacity)));
                return true;
            } finally {
                slots.release();
            }
        }
    }

    /** Runs {@code sh -c COMMAND} for one input, with {@code {}} in the command replaced by the input (or appended). */
    record ShellCommand(String command, List<String> inputs) implements SerializableFunction<Integer, Boolean> {
        @Override
        public Boolean apply(Integer index) {
            String input = inputs.get(index);
            String line = command.contains("{}") ? command.replace("{}", quote(input)) : command + " " + quote(input);
            try {
                Process process = new ProcessBuilder("sh", "-c", line)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                int exit = process.waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("'" + line + "' exited with " + exit);
                }
                return true;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start sh: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }

        private static String quote(String word) {
            return "'" + word.replace("'", "'\\''") + "'";
        }
    }

    /**
     * An instance of a user's class, made with its no-argument constructor in whichever JVM runs the task: a {@link
     * Function} is applied to the task's index, a {@link Callable} called.
     */
    record UserClass(String className) implements SerializableFunction<Integer, Boolean> {
        @Override
        @SuppressWarnings("unchecked")
        public Boolean apply(Integer index) {
            Object instance = instantiate(className);
            try {
                if (instance instanceof Function<?, ?> function) {
                    ((Function<Object, Object>) function).apply(index);
                } else {
                    ((Callable<?>) instance).call();
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return true;
        }

        /**
         * Makes an instance of the class.
         *
         * @throws IllegalArgumentException with a message fit for a user, when the class is missing or unfit
         */
        static Object instantiate(String className) {
            Class<?> type;
            try {
                type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalArgumentException("--class " + className + ": no such class on the class path");
            }
            if (!Function.class.isAssignableFrom(type) && !Callable.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException(
                        "--class " + className + ": is neither a java.util.function.Function nor a Callable");
            }
            try {
                return type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "--class " + className + ": cannot make one with a public no-argument constructor (" + e + ")");
            }
        }
    }

    /** Rounds of arithmetic per millisecond of one processor's time on this machine, measured once. */
    static double iterationsPerMilli() {
        return 1_000_000 / CpuLoop.nanosPerIteration();
    }

    static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
