package dev.multitask;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Pool#processes(int) process pool} starts and treats its worker JVMs. Given to {@link
 * Pool.Builder#processOptions}; immutable, so one value can configure many pools.
 *
 * <pre>{@code
 * Pool pool = Pool.builder(Strategy.processes(4))
 *         .processOptions(ProcessOptions.defaults()
 *                 .withJvmOptions(List.of("-Xmx256m"))
 *                 .withInitializer(() -> Native.load())
 *                 .withMaxTasksPerWorker(1000)
 *                 .withRetries(1))
 *         .build();
 * }</pre>
 *
 * @param initializer runs once in every worker before its first task, or {@code null}; if it throws, the pool is
 *     broken like Python's: the tasks waiting in it fail with the initializer's exception and new tasks are refused
 * @param maxTasksPerWorker after this many tasks a worker is retired and a fresh one replaces it, like Python's
 *     {@code max_tasks_per_child}; 0 for never
 * @param jvmOptions options for the worker JVMs, after the pool's own (so they win), such as {@code -Xmx512m}
 * @param environment variables added to, or replacing, those the workers inherit from this process
 * @param retries how many more times a task runs, on a fresh worker, when its worker dies under it; 0 to fail at once
 *     with {@link WorkerDiedException}. Only worker deaths are retried, never exceptions thrown by the task.
 * @param serialFilter an {@link java.io.ObjectInputFilter.Config#createFilter ObjectInputFilter pattern} that every
 *     object read from a worker, and by a worker from this process, must pass, such as {@code
 *     "com.example.**;java.base/*;!*"}; {@code null} for the JVM-wide filter if one is set, else limits on depth and
 *     size only
 */
public record ProcessOptions(
        SerializableRunnable initializer,
        int maxTasksPerWorker,
        List<String> jvmOptions,
        Map<String, String> environment,
        int retries,
        String serialFilter) {

    private static final ProcessOptions DEFAULTS = new ProcessOptions(null, 0, List.of(), Map.of(), 0, null);

    public ProcessOptions {
        if (maxTasksPerWorker < 0) {
            throw new IllegalArgumentException("max tasks per worker must be at least 0, got " + maxTasksPerWorker);
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0, got " + retries);
        }
        jvmOptions = List.copyOf(jvmOptions);
        environment = Map.copyOf(environment);
        if (serialFilter != null && serialFilter.isBlank()) {
            throw new IllegalArgumentException("serial filter must not be blank");
        }
    }

    /** No initializer, workers never retired, no extra JVM options or variables, no retries, the default filter. */
    public static ProcessOptions defaults() {
        return DEFAULTS;
    }

    public ProcessOptions withInitializer(SerializableRunnable initializer) {
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }

    public ProcessOptions withMaxTasksPerWorker(int maxTasksPerWorker) {
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }

    public ProcessOptions withJvmOptions(List<String> jvmOptions) {
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }

    public ProcessOptions withEnvironment(Map<String, String> environment) {
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }

    public ProcessOptions withRetries(int retries) {
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }

    public ProcessOptions withSerialFilter(String serialFilter) {
        Objects.requireNonNull(serialFilter, "serialFilter");
        return new ProcessOptions(initializer, maxTasksPerWorker, jvmOptions, environment, retries, serialFilter);
    }
}
