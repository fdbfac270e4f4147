package dev.multitask.cli.run;

import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import dev.multitask.cluster.ClusterPools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * {@code --cluster}: runs each job on a member of a Hazelcast cluster as a {@link RemoteJob}, through a cluster pool
 * with the retry failure policy: a job whose member dies runs again on another member (at least once), and its one
 * result comes back to the one task of the runner that waits for it, so each job is reported once.
 *
 * <p>Stopping ({@link #abortAll}, {@link #killAll}) sends {@link MemberJobs.Stop} to every member, because Hazelcast
 * cannot interrupt a durable task from the caller, and stops waiting for the jobs at once: they come back aborted,
 * are not logged, and {@code --resume} runs them again.
 */
final class ClusterLauncher implements Launcher, AutoCloseable {

    private static final Duration MESSAGE_TIMEOUT = Duration.ofSeconds(10);

    private final Pool cluster;
    private final String run = UUID.randomUUID().toString();
    private final String shell;
    private final long timeoutNanos;
    private final Set<TaskFuture<JobResult>> running = ConcurrentHashMap.newKeySet();
    private final List<Thread> messages = new ArrayList<>();
    private volatile boolean aborting;

    /** Runs jobs on {@code cluster}, a cluster pool with the retry failure policy, which {@link #close} closes. */
    ClusterLauncher(Pool cluster, String shell, Duration timeout) {
        this.cluster = cluster;
        this.shell = shell;
        this.timeoutNanos = timeout == null ? 0 : timeout.toNanos();
    }

    @Override
    public JobResult run(Job job) throws InterruptedException {
        long startMillis = System.currentTimeMillis();
        long t0 = System.nanoTime();
        if (aborting) {
            return aborted(startMillis, t0);
        }
        TaskFuture<JobResult> future = cluster.submit(
                job.command(), new RemoteJob(run, job.seq(), job.slot(), job.command(), shell, timeoutNanos));
        running.add(future);
        try {
            if (aborting) {
                future.cancel(true);
            }
            return future.get();
        } catch (CancellationException e) {
            return aborted(startMillis, t0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new RunException("job " + job.seq() + " could not run on the cluster: "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } finally {
            running.remove(future);
        }
    }

    private static JobResult aborted(long startMillis, long t0) {
        return new JobResult(0, 0, JobResult.NONE, JobResult.NONE, 0, startMillis, System.nanoTime() - t0, true, null);
    }

    @Override
    public void abortAll() {
        stop(false);
    }

    @Override
    public void killAll() {
        stop(true);
    }

    private void stop(boolean kill) {
        aborting = true;
        // Told from a thread of its own: the runner calls this under its lock, and a message takes a round trip.
        synchronized (messages) {
            messages.add(
                    Thread.ofVirtual().name("multitask-run-stop").start(() -> tell(new MemberJobs.Stop(run, kill))));
        }
        running.forEach(future -> future.cancel(true));
    }

    private void tell(Callable<Boolean> message) {
        try {
            ClusterPools.runOnEveryMember(cluster, message, MESSAGE_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the cluster is gone: so are the jobs on it
        }
    }

    /** Waits for the stop messages, tells the members the run is over, and disconnects. */
    @Override
    public void close() throws InterruptedException {
        synchronized (messages) {
            for (Thread message : messages) {
                message.join();
            }
        }
        tell(new MemberJobs.Forget(run));
        cluster.close();
    }
}
