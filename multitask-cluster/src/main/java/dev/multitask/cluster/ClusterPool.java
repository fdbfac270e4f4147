package dev.multitask.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.durableexecutor.DurableExecutorService;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.multitask.internal.ExecutorBackedPool;
import dev.multitask.internal.PoolConfig;
import dev.multitask.internal.WorkerThreads;
import java.io.NotSerializableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    private final HazelcastInstance hazelcast;
    private final ClusterOptions options;
    private final AtomicInteger nextMember = new AtomicInteger();

    ClusterPool(PoolConfig config, ClusterOptions options, HazelcastInstance hazelcast) {
        this(config, options, hazelcast, WorkerThreads.virtual(config.name(), "task"));
    }

    private ClusterPool(PoolConfig config, ClusterOptions options, HazelcastInstance hazelcast, WorkerThreads threads) {
        super(config, 0, Executors.newThreadPerTaskExecutor(threads), threads, 10_000, hazelcast::shutdown);
        this.hazelcast = hazelcast;
        this.options = options;
    }

    @Override
    protected <T> Callable<T> adapt(Callable<T> task) {
        return () -> runRemotely(task);
    }

    private <T> T runRemotely(Callable<T> task) throws Exception {
        RemoteCall<T> call = new RemoteCall<>(task);
        String target;
        Future<RemoteCall.Result<T>> future;
        try {
            if (options.failurePolicy() == FailurePolicy.RETRY) {
                DurableExecutorService durable = hazelcast.getDurableExecutorService(ClusterOptions.EXECUTOR);
                target = "the cluster";
                future = durable.submit(call);
            } else {
                Member member = nextMember();
                target = "member " + member.getAddress();
                IExecutorService executor = hazelcast.getExecutorService(ClusterOptions.EXECUTOR);
                future = executor.submitToMember(call, member);
            }
        } catch (HazelcastSerializationException e) {
            throw explain(e, "the cluster", task);
        }
        try {
            RemoteCall.Result<T> result = future.get();
            // This virtual thread exists for this one task, so its name can say where the task really ran.
            Thread.currentThread().setName("member-" + result.member());
            return result.value();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw explain(e.getCause(), target, task);
        }
    }

    private Member nextMember() {
        List<Member> members = new ArrayList<>(hazelcast.getCluster().getMembers());
        members.removeIf(Member::isLiteMember);
        if (members.isEmpty()) {
            throw new IllegalStateException("cluster '" + options.clusterName() + "' has no member to run tasks");
        }
        return members.get(Math.floorMod(nextMember.getAndIncrement(), members.size()));
    }

    /** What the task threw, or, for the cluster's own failures, an exception that says what went wrong where. */
    private static Exception explain(Throwable failure, String target, Callable<?> task) {
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
