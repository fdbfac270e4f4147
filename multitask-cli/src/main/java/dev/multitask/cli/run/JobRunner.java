package dev.multitask.cli.run;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.Trace;
import dev.multitask.cli.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the jobs: reads the inputs one job ahead, takes a {@link JobSlots slot} for each (which bounds the jobs in
 * flight and so the memory, however long the input), composes its command and submits it as a task of a {@link Pool}
 * whose workers each run one child process at a time (with {@code --cluster}, each waits for one job on a member:
 * {@link ClusterLauncher}). When a job ends, its worker reports it under one lock: joblog,
 * results, output, progress, and the {@link HaltPolicy}.
 *
 * <p>{@link #interrupt} (Ctrl-C, SIGTERM, or a halt with {@code now}) stops starting jobs and terminates the running
 * ones with their descendants; those are not logged, so {@code --resume} runs them again.
 */
final class JobRunner {

    private final RunSettings settings;
    private final Template template;
    private final OutputStream out;
    private final PrintStream err;
    private final JobOutput output;
    private final Launcher launcher;
    private final ScheduledExecutorService timer;
    private final JobSlots slots;
    private final JobLog joblog;
    private final ResultsDirectory results;
    private Progress progress;

    private final Object lock = new Object();
    private volatile boolean stopping;
    private volatile int interruptedBy;
    private long failed;
    private long done;
    private long totalJobs = -1;
    private Integer haltStatus;
    private String pendingError;

    private volatile Trace trace;

    /** The jobs' trace once they have run, when the settings ask for tracing; else {@code null}. */
    Trace trace() {
        return trace;
    }

    JobRunner(RunSettings settings, Template template, OutputStream out, PrintStream err) {
        this(settings, template, out, err, null);
    }

    /** @param cluster runs the jobs on a cluster's members; {@code null} runs them here as child processes */
    JobRunner(RunSettings settings, Template template, OutputStream out, PrintStream err, ClusterLauncher cluster) {
        this.settings = settings;
        this.template = template;
        this.out = out;
        this.err = err;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "multitask-run-timer");
            t.setDaemon(true);
            return t;
        });
        GroupedOutput grouped = new GroupedOutput(out, err, settings.tag());
        JobOutput chosen;
        if (settings.json()) {
            chosen = new JsonOutput(out);
        } else if (settings.results() != null || settings.outputMode() != OutputMode.GROUP) {
            chosen = JobOutput.NONE;
        } else {
            chosen = grouped;
        }
        this.output = settings.keepOrder() ? new KeepOrder(chosen) : chosen;
        OutputMode mode = settings.json() || settings.results() != null ? OutputMode.GROUP : settings.outputMode();
        this.launcher =
                cluster != null ? cluster : new JobLauncher(settings.shell(), mode, settings.timeout(), timer, grouped);
        this.slots = new JobSlots(settings.jobs());
        this.joblog = settings.joblog() == null || settings.dryRun()
                ? null
                : new JobLog(settings.joblog(), settings.resume() || settings.resumeFailed());
        this.results = settings.results() == null ? null : new ResultsDirectory(settings.results());
    }

    /** Runs every job of {@code inputs} and returns the exit status. */
    int run(JobInputs inputs) throws InterruptedException {
        BitSet skip = settings.resume() || settings.resumeFailed()
                ? JobLog.finished(settings.joblog(), settings.resumeFailed())
                : new BitSet();
        Iterator<List<String>> jobs = inputs;
        if (settings.halt().needsTotal() || settings.bar() || settings.eta()) {
            List<List<String>> all = new ArrayList<>();
            inputs.forEachRemaining(all::add);
            totalJobs = all.size();
            jobs = all.iterator();
        }
        if (settings.bar() || settings.eta()) {
            progress = Progress.start(
                    "jobs",
                    totalJobs - skip.cardinality(),
                    Progress.Style.detect(false),
                    new PrintWriter(err, true, err.charset()));
        }
        try {
            if (settings.dryRun()) {
                dryRun(jobs, skip);
            } else {
                runAll(jobs, skip);
            }
        } finally {
            timer.shutdownNow();
            output.close();
            if (joblog != null) {
                joblog.close();
            }
            if (progress != null) {
                progress.close();
            }
        }
        if (pendingError != null) {
            err.println("multitask: " + pendingError);
            return 255;
        }
        if (interruptedBy != 0) {
            return 128 + interruptedBy;
        }
        if (haltStatus != null) {
            return haltStatus;
        }
        return (int) Math.min(failed, 101);
    }

    private void dryRun(Iterator<List<String>> jobs, BitSet skip) {
        long seq = 0;
        StringBuilder lines = new StringBuilder();
        while (jobs.hasNext() && !stopping) {
            List<String> args = jobs.next();
            seq++;
            if (skip.get((int) seq)) {
                continue;
            }
            lines.setLength(0);
            if (settings.tag()) {
                lines.append(String.join(" ", args)).append('\t');
            }
            lines.append(template.render(args, seq, 1)).append('\n');
            try {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void runAll(Iterator<List<String>> jobs, BitSet skip) throws InterruptedException {
        Strategy strategy = Strategy.threads(settings.jobs());
        long seq = 0;
        long order = 0;
        long lastStart = 0;
        Pool pool =
                Pool.builder(strategy).name("run").tracing(settings.tracing()).build();
        try (pool) {
            while (!stopping && jobs.hasNext()) {
                List<String> args = jobs.next();
                seq++;
                if (skip.get((int) Math.min(seq, Integer.MAX_VALUE))) {
                    continue;
                }
                int slot = slots.take();
                if (stopping) {
                    slots.release(slot);
                    break;
                }
                if (settings.delay() != null && lastStart != 0) {
                    long wait = lastStart + settings.delay().toNanos() - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
                lastStart = System.nanoTime();
                Job job = new Job(seq, order++, args, slot, template.render(args, seq, slot));
                pool.submit(job.command(), () -> {
                    runJob(job);
                    return null;
                });
            }
            slots.awaitAllFree();
        }
        if (settings.tracing()) {
            trace = pool.trace(); // after close, when every task is recorded
        }
        if (settings.timeline()) {
            err.println(trace.timeline(100));
        }
    }

    private void runJob(Job job) throws InterruptedException {
        try {
            JobResult result = null;
            for (int attempt = 1; ; attempt++) {
                result = launcher.run(job);
                if (!result.failed() || result.aborted() || attempt >= settings.retries() || stopping) {
                    break;
                }
            }
            finished(job, result);
        } catch (RuntimeException e) {
            synchronized (lock) {
                if (pendingError == null) {
                    pendingError = e.getMessage() != null ? e.getMessage() : e.toString();
                }
            }
            stopping = true;
            launcher.abortAll();
            throw e;
        } finally {
            slots.release(job.slot());
        }
    }

    private void finished(Job job, JobResult result) {
        synchronized (lock) {
            if (!result.aborted()) {
                done++;
                if (progress != null) {
                    progress.step();
                }
                if (result.failed()) {
                    failed++;
                }
                if (joblog != null) {
                    joblog.write(job, result);
                }
                if (results != null) {
                    results.write(job, result);
                }
            }
            output.finished(job, result);
            if (!result.aborted()) {
                HaltPolicy.Decision decision = settings.halt().decide(result, failed, done, totalJobs);
                if (decision != null) {
                    if (haltStatus == null) {
                        haltStatus = decision.exitStatus();
                    }
                    stopping = true;
                    if (decision.when() == HaltPolicy.When.NOW) {
                        launcher.abortAll();
                    }
                }
            }
        }
    }

    /** First Ctrl-C or SIGTERM: start no more jobs, terminate the running ones with their descendants. */
    void interrupt(int signal) {
        interruptedBy = signal;
        stopping = true;
        launcher.abortAll();
    }

    /** Second Ctrl-C: SIGKILL to every running job's tree. */
    void kill() {
        stopping = true;
        launcher.killAll();
    }
}
