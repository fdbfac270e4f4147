package dev.multitask.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A task on its way to a member, and back with the member that ran it, so that traces and job logs can say where
 * each task ran.
 *
 * <p>The call and its result travel in Hazelcast's own {@link IdentifiedDataSerializable} format (two numbers name
 * the class), not Java serialisation: Java serialisation writes every class's descriptor each time, which for a tiny
 * task costs more than the task itself. Only the task and its value go through Java serialisation, as they do when
 * Hazelcast is used directly. Every member and client multitask configures registers the {@link Factory}.
 */
final class RemoteCall<T>
        implements Callable<RemoteCall.Result<T>>, IdentifiedDataSerializable, HazelcastInstanceAware {

    static final int FACTORY_ID = 0x6d74; // "mt"
    private static final int CALL = 1;
    private static final int RESULT = 2;

    /** This process's half of every call id: random, so that calls of different callers never share an id. */
    private static final long CALLER = UUID.randomUUID().getMostSignificantBits();

    private static final AtomicLong NEXT_ID = new AtomicLong();

    /** The address of the member whose thread runs the current task, for {@link ClusterPools#currentMember()}. */
    static final ThreadLocal<String> CURRENT_MEMBER = new ThreadLocal<>();

    private static final ConcurrentHashMap<Address, String> ADDRESSES = new ConcurrentHashMap<>();

    /**
     * What came back: the task's value, the {@code host:port} of the member that computed it, and the call's id, by
     * which the caller checks that the result is its own.
     */
    static final class Result<T> implements IdentifiedDataSerializable {
        private T value;
        private String member;
        private long caller;
        private long id;

        Result() {} // for the factory

        Result(T value, String member, long caller, long id) {
            this.value = value;
            this.member = member;
            this.caller = caller;
            this.id = id;
        }

        T value() {
            return value;
        }

        /** The member's {@code host:port}. */
        String member() {
            return member;
        }

        @Override
        public int getFactoryId() {
            return FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return RESULT;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeLong(caller);
            out.writeLong(id);
            out.writeString(member);
            out.writeObject(value);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            caller = in.readLong();
            id = in.readLong();
            member = in.readString();
            value = in.readObject();
        }
    }

    /** Creates calls and results for Hazelcast to read them into. */
    static final class Factory implements DataSerializableFactory {
        @Override
        public IdentifiedDataSerializable create(int typeId) {
            return switch (typeId) {
                case CALL -> new RemoteCall<>();
                case RESULT -> new Result<>();
                default -> null;
            };
        }
    }

    private Callable<T> task;
    private long caller;
    private long id;
    private transient HazelcastInstance member;

    RemoteCall() {} // for the factory

    RemoteCall(Callable<T> task) {
        this.task = task;
        this.caller = CALLER;
        this.id = NEXT_ID.incrementAndGet();
    }

    /** Whether {@code result} came from this call, and not from another task that took its place. */
    boolean owns(Result<?> result) {
        return result.id == id && result.caller == caller;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public Result<T> call() throws Exception {
        String address = member == null ? "unknown" : address(member);
        CURRENT_MEMBER.set(address);
        try {
            return new Result<>(task.call(), address, caller, id);
        } finally {
            CURRENT_MEMBER.remove();
        }
    }

    private static String address(HazelcastInstance member) {
        return ADDRESSES.computeIfAbsent(
                member.getCluster().getLocalMember().getAddress(), a -> a.getHost() + ":" + a.getPort());
    }

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return CALL;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(caller);
        out.writeLong(id);
        out.writeObject(task);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        caller = in.readLong();
        id = in.readLong();
        task = in.readObject();
    }
}
