package dev.multitask.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A task on its way to a member, and back with the member that ran it, so that traces and job logs can say where
 * each task ran.
 */
final class RemoteCall<T> implements Callable<RemoteCall.Result<T>>, Serializable, HazelcastInstanceAware {

    /**
     * What came back: the task's value, the address of the member that computed it, and the call's id, by which the
     * caller checks that the result is its own.
     */
    record Result<T>(T value, String member, UUID callId) implements Serializable {}

    private final Callable<T> task;
    private final UUID id = UUID.randomUUID();
    private transient HazelcastInstance member;

    RemoteCall(Callable<T> task) {
        this.task = task;
    }

    /** Whether {@code result} came from this call, and not from another task that took its place. */
    boolean owns(Result<?> result) {
        return id.equals(result.callId());
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Result<T> call() throws Exception {
        String address = member == null
                ? "unknown"
                : member.getCluster().getLocalMember().getAddress().toString();
        return new Result<>(task.call(), address, id);
    }
}
