package dev.multitask.cluster;

/** What happens to a task whose member leaves the cluster (crashes, is killed, loses the network) while running it. */
public enum FailurePolicy {

    /**
     * The task fails with an exception naming the member. It may or may not have run, in part or in whole: at most
     * once. Runs on Hazelcast's {@code IExecutorService}.
     */
    FAIL,

    /**
     * The task runs again on the member that takes over: at least once, so a task may run twice and should be safe
     * to repeat. Runs on Hazelcast's {@code DurableExecutorService}, which keeps each task in a backed-up ring
     * buffer until it is done.
     */
    RETRY
}
