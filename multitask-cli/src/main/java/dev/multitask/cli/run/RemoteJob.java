package dev.multitask.cli.run;

import dev.multitask.cluster.ClusterPools;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * One job of {@code multitask run --cluster} on its way to a member, which runs it as {@link JobLauncher} runs it
 * locally (directly or through {@code shell}, with {@code PARALLEL_SEQ} and {@code PARALLEL_JOBSLOT}, standard input
 * from {@code /dev/null}, output captured whole, killed at its timeout) and sends back how it ended, with the member's
 * {@code host:port}. The command runs in the member's working directory with the member's environment.
 *
 * @param run the run's id, which lets the caller stop exactly its own jobs ({@link MemberJobs})
 * @param timeoutNanos the job's {@code --timeout}, or 0 for none
 */
record RemoteJob(String run, long seq, int slot, String command, String shell, long timeoutNanos)
        implements Callable<JobResult>, Serializable {

    @Override
    public JobResult call() throws InterruptedException {
        JobLauncher launcher = MemberJobs.launcher(run, shell, timeoutNanos);
        JobResult result = launcher.run(new Job(seq, 0, List.of(), slot, command));
        String member = ClusterPools.currentMember();
        return result.onHost(member != null ? member : "unknown");
    }
}
