package dev.multitask.processes;

import dev.multitask.Pool;
import dev.multitask.ProcessOptions;
import dev.multitask.internal.PoolConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Makes {@link ProcessPool}s; the class is not public so that {@link Pool} stays the only face of a pool. */
public final class ProcessPools {

    private ProcessPools() {}

    /**
     * Starts the pool's workers first, from this thread, and only then makes the pool around them: a JVM takes tens of
     * milliseconds to boot, and the pool's own set-up (its threads, and in a fresh process the classes it loads and
     * links) is done meanwhile instead of before.
     */
    public static Pool create(PoolConfig config, int workers) {
        ProcessOptions options = config.processOptions();
        Serialization.checkPattern(options.serialFilter()); // a wrong pattern fails here, before any process starts
        WorkerCommand command = WorkerCommand.of(options);
        List<WorkerProcess> first = new ArrayList<>(workers);
        for (int i = 1; i <= workers; i++) {
            String name = Slot.name(config.name(), i);
            try {
                first.add(WorkerProcess.start(name, command.next(), options.environment()));
            } catch (IOException e) {
                first.add(null); // the slot tries again, and fails its first task with the reason if it cannot
            }
        }
        try {
            return new ProcessPool(config, workers, command, first);
        } catch (RuntimeException | Error e) {
            for (WorkerProcess worker : first) {
                if (worker != null) {
                    worker.kill();
                }
            }
            throw e;
        }
    }
}
