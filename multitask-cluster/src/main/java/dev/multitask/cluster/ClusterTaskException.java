package dev.multitask.cluster;

/**
 * The cluster, not the task, failed: a member left, a class is missing on a member, or a task or result cannot be
 * serialised. The message says which; the cause is Hazelcast's exception.
 */
public final class ClusterTaskException extends RuntimeException {

    public ClusterTaskException(String message, Throwable cause) {
        super(message, cause);
    }
}
