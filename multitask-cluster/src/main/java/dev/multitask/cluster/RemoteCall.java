package dev.multitask.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task on its way to a member, and back with the member that ran it, so that traces and job logs can say where
 * each task ran.
 */
final class RemoteCall<T> implements Callable<RemoteCall.Result<T>>, Serializable, HazelcastInstanceAware {

    /** What came back: the task's value and the address of the member that computed it. */
    record Result<T>(T value, String member) implements Serializable {}

    private final Callable<T> task;
    private transient HazelcastInstance member;

    RemoteCall(Callable<T> task) {
        this.task = task;
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
        return new Result<>(task.call(), address);
    }
}
