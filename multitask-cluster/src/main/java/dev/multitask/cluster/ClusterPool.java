package dev.multitask.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.durableexecutor.StaleTaskIdException;
import com.hazelcast.nio.serialization.DataSerializable;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.multitask.MapOptions;
import dev.multitask.internal.ExecutorBackedPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tasks run on the members of a Hazelcast cluster. Each task in flight has a virtual thread here that ships it,
 * waits for its result and completes its future, so the pool's queueing, cancellation, tracing and shutdown are the
 * same as in-process pools'. Interrupting that thread (by {@code cancel(true)} or {@code shutdownNow}) cancels the
 * remote task.
 *
 * <p>With {@link FailurePolicy#FAIL}, tasks go round-robin to the members of the moment, so a member that joins
 * takes work from the next task on, and a failure can name the member. With {@link FailurePolicy#RETRY}, Hazelcast's
 * durable executor places each task by its partition and re-runs it elsewhere if its member dies.
 *
 * <p>Shutting the pool down never shuts down the cluster's executor, which other clients share: it waits for this
 * pool's own tasks, then stops this pool's own member or client.
 */
final class ClusterPool extends ExecutorBackedPool {

    /** How often a task is submitted under {@link FailurePolicy#RETRY} when members keep leaving. */
    private static final int MAX_ATTEMPTS = 5;

    private final HazelcastInstance hazelcast;
    private final ClusterOptions options;
    private final AtomicInteger nextMember = new AtomicInteger();
    // Looked up once: each lookup goes through Hazelcast's proxy registry, which a submit need not pay for.
    private final IExecutorService executor;
    private final DurableExecutorService durable;

    ClusterPool(PoolConfig config, ClusterOptions options, HazelcastInstance hazelcast) {
        this(config, options, hazelcast, WorkerThreads.virtual(config.name(), "task"));
    }

    private ClusterPool(PoolConfig config, ClusterOptions options, HazelcastInstance hazelcast, WorkerThreads threads) {
        super(config, 0, Executors.newThreadPerTaskExecutor(threads), threads, 10_000, hazelcast::shutdown);
        this.hazelcast = hazelcast;
        this.options = options;
        this.executor = options.failurePolicy() == FailurePolicy.FAIL
                ? hazelcast.getExecutorService(ClusterOptions.EXECUTOR)
                : null;
        this.durable = options.failurePolicy() == FailurePolicy.RETRY
                ? hazelcast.getDurableExecutorService(ClusterOptions.EXECUTOR)
                : null;
    }

    /** See {@link ClusterPools#runOnEveryMember}. */
    void runOnEveryMember(Callable<?> task, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        Map<Member, ? extends Future<?>> futures =
                hazelcast.getExecutorService(ClusterOptions.EXECUTOR).submitToAllMembers(task);
        for (Future<?> future : futures.values()) {
            try {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // a member that left or is slow to answer: what the task was for ends with the member, or later
            }
        }
    }

    /** The {@code host:port} of every member that runs tasks, as this pool's member or client sees them now. */
    List<String> memberAddresses() {
        List<String> addresses = new ArrayList<>();
        for (Member member : hazelcast.getCluster().getMembers()) {
            if (!member.isLiteMember()) {
                addresses.add(member.getAddress().getHost() + ":"
                        + member.getAddress().getPort());
            }
        }
        return addresses;
    }

    @Override
    protected <T> Callable<T> adapt(Callable<T> task) {
        return () -> runRemotely(task);
    }

    /** Workers are on other machines, where a round trip costs far more than a small task: chunks pay off. */
    @Override
    protected int mapChunkSize(MapOptions options) {
        return options.chunkSize();
    }

    private <T> T runRemotely(Callable<T> task) throws Exception {
        if (!(task instanceof Serializable || task instanceof DataSerializable)) {
            throw new ClusterTaskException(
                    "task " + task.getClass().getName() + " cannot be sent to the cluster: it is not serializable"
                            + " (cast a lambda to a serializable type, e.g. (Callable<T> & Serializable))",
                    null);
        }
        RemoteCall<T> call = new RemoteCall<>(task);
        for (int attempt = 1; ; attempt++) {
            Member member = null; // null: the durable executor chose
            Future<RemoteCall.Result<T>> future;
            try {
                if (durable != null) {
                    future = durable.submit(call);
                } else {
                    member = nextMember();
                    future = executor.submitToMember(call, member);
                }
            } catch (HazelcastSerializationException e) {
                throw explain(e, null, task);
            }
            try {
                RemoteCall.Result<T> result = future.get();
                if (!call.owns(result)) {
                    // Seen with the durable executor after a member was killed: the new owner of the partition
                    // answered with the result of another task that took this one's place in its ring buffer.
                    if (attempt < MAX_ATTEMPTS) {
                        continue;
                    }
                    throw new ClusterTaskException(
                            "the cluster kept answering with other tasks' results after members left", null);
                }
                // This virtual thread exists for this one task, so its name can say where the task really ran.
                Thread.currentThread().setName("member-" + result.member());
                return result.value();
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                // The durable executor re-runs a task whose member died, but while partitions move, fetching its
                // result can still fail; at-least-once then means submitting it again ourselves.
                if (options.failurePolicy() == FailurePolicy.RETRY
                        && attempt < MAX_ATTEMPTS
                        && lostToMembershipChange(e.getCause())) {
                    continue;
                }
                throw explain(e.getCause(), member, task);
            }
        }
    }

    private static boolean lostToMembershipChange(Throwable failure) {
        return failure instanceof MemberLeftException
                || failure instanceof TargetDisconnectedException
                || failure instanceof StaleTaskIdException
                || failure instanceof HazelcastInstanceNotActiveException;
    }

    private Member nextMember() {
        // An immutable snapshot of the members: walking it costs less than copying it for every task.
        Set<Member> members = hazelcast.getCluster().getMembers();
        int dataMembers = 0;
        for (Member member : members) {
            if (!member.isLiteMember()) {
                dataMembers++;
            }
        }
        if (dataMembers == 0) {
            throw new IllegalStateException("cluster '" + options.clusterName() + "' has no member to run tasks");
        }
        int index = Math.floorMod(nextMember.getAndIncrement(), dataMembers);
        for (Member member : members) {
            if (!member.isLiteMember() && index-- == 0) {
                return member;
            }
        }
        throw new IllegalStateException("unreachable: " + dataMembers + " members counted in an unchanging set");
    }

    /** What the task threw, or, for the cluster's own failures, an exception that says what went wrong where. */
    private static Exception explain(Throwable failure, Member member, Callable<?> task) {
        String target = member == null ? "the cluster" : "member " + member.getAddress();
        if (failure instanceof MemberLeftException || failure instanceof TargetDisconnectedException) {
            return new ClusterTaskException(
                    target + " left the cluster while running the task; it may or may not have run"
                            + " (failure policy FAIL; RETRY runs it again elsewhere)",
                    failure);
        }
        if (!(failure instanceof HazelcastSerializationException)) {
            return failure instanceof Exception exception ? exception : new ExecutionException(failure);
        }
        Throwable root = rootCause(failure);
        if (root instanceof ClassNotFoundException) {
            return new ClusterTaskException(
                    "class " + root.getMessage() + " is not on the class path of " + target
                            + "; start every member with the same jar as the caller",
                    failure);
        }
        if (root instanceof NotSerializableException) {
            return new ClusterTaskException(
                    "task " + task.getClass().getName() + " cannot be sent to the cluster: " + root.getMessage()
                            + " is not serializable (cast a lambda to a serializable type, e.g."
                            + " (Callable<T> & Serializable))",
                    failure);
        }
        return new ClusterTaskException(
                "the task or its result could not travel between this process and " + target + ": " + root, failure);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
