package dev.multitask.cli.run;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code -k}: passes finished jobs on in the order they were started, holding back those that end before an earlier
 * one. Memory holds only the jobs finished ahead of the oldest running one.
 */
final class KeepOrder implements JobOutput {

    private record Finished(Job job, JobResult result) {}

    private final JobOutput delegate;
    private final Map<Long, Finished> waiting = new HashMap<>();
    private long nextOrder;

    KeepOrder(JobOutput delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized void finished(Job job, JobResult result) {
        if (job.order() != nextOrder) {
            waiting.put(job.order(), new Finished(job, result));
            return;
        }
        delegate.finished(job, result);
        nextOrder++;
        for (Finished f; (f = waiting.remove(nextOrder)) != null; nextOrder++) {
            delegate.finished(f.job(), f.result());
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
