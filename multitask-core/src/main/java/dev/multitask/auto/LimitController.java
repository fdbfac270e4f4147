package dev.multitask.auto;

import java.util.Locale;

/**
 * Decides an auto pool's concurrency limit from what the pool measured over each tick. It holds no clock and no
 * thread: the pool feeds it one {@link Sample} per tick and applies the {@link Change}s it returns, so that tests can
 * replay recorded figures and get the same decisions.
 *
 * <p>The rules, in order, applied only while tasks are queued behind a full limit (with nothing queued, more
 * concurrency could not help and the figures say nothing about it):
 *
 * <ol>
 *   <li>Before any task has ended, only the CPU use of the running tasks is known: if, over at least 10 ms (20 ms
 *       when the CPU times come from the process's clock, which counts in 10 ms steps), each uses under a quarter of a
 *       processor, they wait, and the limit is multiplied by eight; again after each such span until a task ends. So
 *       tasks that wait 50 ms reach about 8,000 at once before the first ends, and a downstream that answers within
 *       10 ms sees no blind step, one that answers within 20 ms at most eight times the processors. When the
 *       machine's processors are more than 90% busy (other programs count), tasks that get little CPU may be computing
 *       tasks starved by others, so the bar is then 5% of a processor.
 *   <li>Once tasks end, each window of at least 60 ms and {@value #MIN_COMPLETIONS} ended tasks (or 20 ms and
 *       {@value #MANY_COMPLETIONS}) gives the mean run time and the CPU time per ended task. The shortest mean run time
 *       seen stands for the task's time when nothing queues downstream (TCP Vegas's and Netflix Gradient2Limit's
 *       "no-load RTT").
 *   <li>Slow start, as in TCP: while tasks wait at least {@value #MOSTLY_WAITING} of their time, run time has never
 *       been more than {@value #STEADY_LATENCY} times the shortest in a window, and the limit is below the CPU ceiling
 *       (rule 5; in slow start a limit above it is not brought down), every task that ends in a tick at its usual pace (the tick's mean run time within {@value
 *       #STEADY_LATENCY} times the shortest) lets {@value #SLOW_START_GAIN} more start: the limit doubles per task
 *       time, without waiting for a window to judge each step, and a downstream that is already full answers late
 *       before the limit is twice what it serves. The first window with a longer run time ends slow start for good;
 *       the rules below then decide.
 *   <li>If tasks now take more than {@value #LATENCY_TOLERANCE} times that, and the limit above the latest one at which
 *       they ran at their normal pace did not pay (throughput up by at least half as much as the limit, and by a
 *       tenth), they queue for something (the processors, or something outside the pool), and
 *       the limit is multiplied by {@code tolerance * shortest / now} (at least one half), as Gradient2Limit does, but
 *       never below the number of processors. Slower tasks that raised throughput (tasks that half compute, say) do
 *       not count.
 *   <li>The CPU ceiling is {@code processors * shortest run / CPU per task * }{@value #CPU_HEADROOM}: by Little's law
 *       the concurrency at which the tasks' computing alone would keep every processor busy, plus a quarter; or, if
 *       higher, the limit scaled by how far the process is from keeping 80% of the processors busy. Tasks that
 *       compute get a ceiling near the processor count; tasks that wait, a high one. A limit above twice the
 *       ceiling is brought down to it.
 *   <li>Below the ceiling, the limit is quadrupled (multiplied by eight while the process uses under a quarter of
 *       the processors, or while tasks wait at least {@value #MOSTLY_WAITING} of their time) while run time stays within {@value #STEADY_LATENCY} times the shortest, and raised by a
 *       quarter while it stays within the tolerance. Such a bold step is a probe: if the first
 *       window ending {@value #PROBE_RUN_TIMES} shortest run times after it shows throughput (tasks ended per second) not a tenth higher, it is undone and the limit held for two
 *       seconds, since something other than the limit (the processors, most often) bounds the pool. Once run time has risen past the
 *       tolerance (rule 4), growth is only by a quarter, and only while run time stays within 1.32 times the
 *       shortest, as TCP grows its window gently after the first loss: so the limit settles instead of swinging.
 *   <li>For tasks that wait at least {@value #MOSTLY_WAITING} of their time, a bold step that at least doubled the limit
 *       and raised throughput by at least half as much lifts the CPU ceiling for the next step (process CPU counts
 *       the JIT compiler and the collector, which makes waiting tasks look costly while a pool starts); when such a
 *       step stops scaling, the limit comes back to the old one times the throughput gain (Little's law).
 * </ol>
 *
 * <p>The CPU times are the carrier threads' where Linux gives them (exact to the nanosecond, and only where virtual
 * threads run: the submitting thread, the JIT compiler and the collector do not count) and otherwise the whole
 * process's, which make tasks that wait look costlier while a pool starts; rule 7 is for that case.
 *
 * <p>On a machine whose processors other programs keep busy, a task that computes spends part of its run time ready
 * but waiting for a processor, and would look like a task that waits. Where the pool can tell (Linux schedstat), that
 * time is taken out of the run times and the CPU shares above, and while it is a quarter of a window or more the
 * processors the process does not use are not counted as free.
 *
 * <p>Not thread-safe: one controller thread calls it.
 */
final class LimitController {

    /** Run time above this many times the shortest means tasks queue outside the pool. */
    static final double LATENCY_TOLERANCE = 1.5;

    /** Run time within this many times the shortest means more concurrency cost nothing so far. */
    static final double STEADY_LATENCY = 1.1;

    /** The CPU ceiling's margin over exactly busy processors, for tasks whose waits and computing vary. */
    static final double CPU_HEADROOM = 1.25;

    /** The share of the processors the idle-processor estimate of the ceiling aims to keep busy. */
    static final double IDLE_TARGET = 0.8;

    /** Below this share of the processors in use, a growth step is eightfold instead of fourfold. */
    static final double IDLE_PROCESSORS_FOR_BIG_STEP = 0.25;

    /**
     * When the process's threads together wait for a processor more than this share of a window, the processors are
     * contended, and the ones this process does not use are not free for it.
     */
    static final double CONTENDED_RUN_QUEUE = 0.25;

    /** Running tasks using less than this share of a processor each are waiting. */
    static final double WAITING_CPU_SHARE = 0.25;

    /**
     * Above this machine load, running tasks that get a little CPU may be computing tasks starved by other programs,
     * so they count as waiting only below {@link #STARVED_CPU_SHARE}.
     */
    static final double BUSY_MACHINE = 0.9;

    static final double STARVED_CPU_SHARE = 0.05;

    /** A bold step up must raise throughput by this factor to be kept. */
    static final double PROBE_GAIN = 1.1;

    /** A bold step is judged on a window that ends this many shortest run times after it, or later. */
    static final double PROBE_RUN_TIMES = 1.5;

    /** How long the limit is not raised after a step up that bought nothing. */
    static final long HOLD_AFTER_PLATEAU_NANOS = 2_000_000_000L;

    /** Ended tasks a window needs before its run time and CPU per task count. */
    static final int MIN_COMPLETIONS = 2;

    /** Ended tasks that let a window as short as {@link #MIN_EARLY_WINDOW_NANOS} count. */
    static final int MANY_COMPLETIONS = 16;

    /**
     * The shortest window whose CPU time counts: the process CPU clock ticks in 10 ms steps on Linux, so a window must
     * be several of those long for its CPU share to be right within a few percent.
     */
    static final long MIN_WINDOW_NANOS = 60_000_000;

    /**
     * The shortest span over which the early rule (no task ended yet) judges the running tasks' CPU share. Shorter
     * than {@link #MIN_WINDOW_NANOS}: it tells CPU use of about a whole processor per task from a quarter of one,
     * which one 10 ms clock step cannot blur even with two tasks running, and waiting tasks gain most from an early
     * step.
     */
    static final long MIN_EARLY_WINDOW_NANOS = 20_000_000;

    /**
     * With a CPU clock exact to the nanosecond (the carrier threads' on Linux), the early rule judges over this much
     * shorter span: the tasks' CPU share is then exact after any span, and a step every 10 ms instead of 20 ms starts a
     * burst of waiting tasks in half the time. A downstream that answers within this span sees no blind step at all;
     * one that answers within twice it, at most eight times the processors' count of requests before its first
     * answer.
     */
    static final long EXACT_EARLY_WINDOW_NANOS = 10_000_000;

    /** Tasks that wait at least this share of their run time grow eightfold per step whatever the processors do. */
    static final double MOSTLY_WAITING = 0.9;

    /**
     * In slow start, each task that ends in its usual run time lets this many more start: the limit grows
     * {@code 1 + SLOW_START_GAIN} times per task run time. One, as in TCP: the tasks that end at their usual pace were
     * admitted a round trip earlier, so a downstream that filled up since is seen a round trip late; with seven (the
     * eightfold steps' pace) the overloaded workload's server of 32 was sent 338 at once.
     */
    static final int SLOW_START_GAIN = 1;

    /**
     * What the pool measured over one tick.
     *
     * @param nanos the tick's length
     * @param cpuNanos CPU time the whole process used in it, every thread together
     * @param completed tasks that ended in it
     * @param runNanos the sum of those tasks' run times, from start to end
     * @param active tasks running at the tick's end, blocked ones included
     * @param queued tasks waiting for the limit at the tick's end
     * @param machineLoad how busy the machine's processors were over the tick, every program counted, from 0 to 1;
     *     NaN if unknown
     * @param runQueueNanos how long the process's threads together were ready to run but waited for a processor
     *     (held by other programs, or by each other) over the tick; 0 if unknown
     */
    record Sample(
            long nanos,
            long cpuNanos,
            long completed,
            long runNanos,
            int active,
            int queued,
            double machineLoad,
            long runQueueNanos) {

        /** A sample with the machine's load and the run-queue wait unknown. */
        Sample(long nanos, long cpuNanos, long completed, long runNanos, int active, int queued) {
            this(nanos, cpuNanos, completed, runNanos, active, queued, Double.NaN, 0);
        }
    }

    /** A new limit and why. */
    record Change(int limit, String reason) {}

    private final int processors;
    private final int maxLimit;
    private final long earlyWindowNanos;
    private int limit;
    private double shortestRunNanos = Double.POSITIVE_INFINITY;
    private double shortestOwnRunNanos = Double.POSITIVE_INFINITY; // without waits for a processor
    private double lastOwnRunNanos = Double.NaN;
    private double cpuPerTaskNanos = Double.NaN;
    private double lastRunNanos = Double.NaN;
    private long windowNanos;
    private long windowCpuNanos;
    private long windowCompleted;
    private long windowRunNanos;
    private long windowRunQueueNanos;
    private long sinceChangeNanos;
    private long sinceChangeCpuNanos;
    private long sinceChangeActiveNanos; // the sum over ticks of tick length times tasks running
    private long sinceChangeRunQueueNanos;
    private boolean processorsContended; // the latest window's threads waited for processors a quarter of the time
    private boolean anyEnded;
    private boolean scaling; // the latest bold step raised throughput about as much as the limit
    private boolean probePastCeiling; // the step being probed went past the CPU ceiling because of scaling
    private boolean congested; // run time has risen past the tolerance once: grow gently from then on
    private double lastThroughput = Double.NaN; // tasks ended per second in the latest window
    private double lastCoresUsed = Double.NaN; // processors the whole process kept busy in the latest window
    private int probeFromLimit; // the limit before a bold step up, until a window judges it; 0 if none
    private double probeThroughput;
    private long holdNanos; // no growth until this has run out
    private int referenceLimit = Integer.MAX_VALUE; // see next(); none yet
    private boolean slowStartOver; // a window's run time rose past STEADY_LATENCY once: slow start never resumes
    private double referenceThroughput = Double.NaN;

    /**
     * @param processors the processors the pool may use; also the first limit
     * @param maxLimit the highest limit it may choose
     */
    LimitController(int processors, int maxLimit) {
        this(processors, maxLimit, false);
    }

    /**
     * @param processors the processors the pool may use; also the first limit
     * @param maxLimit the highest limit it may choose
     * @param exactCpu whether the samples' CPU times are exact (the carrier threads' schedstat) rather than counted in
     *     10 ms clock steps (the process CPU time); with exact ones, the early rule judges over {@value
     *     #EXACT_EARLY_WINDOW_NANOS} ns instead of {@value #MIN_EARLY_WINDOW_NANOS}
     */
    LimitController(int processors, int maxLimit, boolean exactCpu) {
        this.earlyWindowNanos = exactCpu ? EXACT_EARLY_WINDOW_NANOS : MIN_EARLY_WINDOW_NANOS;
        this.processors = Math.max(1, processors);
        this.maxLimit = Math.max(this.processors, maxLimit);
        this.limit = this.processors;
    }

    int limit() {
        return limit;
    }

    /** Takes one tick's figures and returns the new limit with its reason, or {@code null} to keep the limit. */
    Change next(Sample sample) {
        sinceChangeNanos += sample.nanos();
        sinceChangeCpuNanos += Math.max(0, sample.cpuNanos());
        sinceChangeActiveNanos += sample.nanos() * Math.max(1, sample.active());
        sinceChangeRunQueueNanos += Math.max(0, sample.runQueueNanos());
        holdNanos -= sample.nanos();
        anyEnded |= sample.completed() > 0;
        boolean fresh = addToWindow(sample);
        if (fresh && probeFromLimit > 0 && sample.queued() == 0) {
            probeFromLimit = 0; // the queue ran dry: throughput was bounded by the tasks left, not by the limit
        } else if (fresh && probeFromLimit > 0) {
            Change verdict = judgeProbe();
            if (verdict != null) {
                return verdict;
            }
        }
        if (sample.queued() == 0 || sample.active() < limit) {
            return null; // nothing waits for the limit: more concurrency could not help, and the figures cannot say
        }
        if (Double.isNaN(cpuPerTaskNanos)) {
            return anyEnded ? null : early(sample); // once tasks end, their first window decides
        }
        double slowdown = lastRunNanos / shortestRunNanos;
        // Throughput that rose in step with the limit for tasks that almost only wait outranks the CPU ceiling: the
        // process CPU it is computed from counts the JIT compiler and the collector, busiest just when a pool starts.
        boolean pastCeiling = scaling && waitingShare() >= MOSTLY_WAITING;
        boolean slowStart = !slowStartOver
                && !congested
                && probeFromLimit == 0
                && holdNanos <= 0
                && waitingShare() >= MOSTLY_WAITING;
        if (slowStart && fresh && slowdown > STEADY_LATENCY) {
            slowStartOver = true; // tasks no longer run at their usual pace: from here the rules below decide
            slowStart = false;
        }
        int ceiling = pastCeiling ? maxLimit : ceiling();
        if (fresh && slowdown <= LATENCY_TOLERANCE) {
            referenceLimit = limit; // the latest limit at which tasks ran at their normal pace
            referenceThroughput = lastThroughput;
        }
        // Slower tasks are fine if the limit above that reference paid: throughput up by at least half as much as
        // the limit, and by a tenth (false while there is no reference).
        boolean gained = limit > referenceLimit
                && lastThroughput > referenceThroughput * Math.max(PROBE_GAIN, 0.5 * limit / (double) referenceLimit);
        if (fresh
                && slowdown > LATENCY_TOLERANCE
                && !gained
                && limit > processors
                && sinceChangeNanos >= lastRunNanos) {
            double gradient = Math.max(0.5, LATENCY_TOLERANCE / slowdown);
            int lower = Math.max(processors, (int) (limit * gradient));
            if (lower < limit) {
                congested = true;
                scaling = false;
                probeFromLimit = 0;
                return change(
                        lower,
                        String.format(
                                Locale.ROOT,
                                "tasks take %.1fx their shortest run time (%s, against %s): they queue for the"
                                        + " processors or for something outside the pool, so more at once would not"
                                        + " finish sooner",
                                slowdown,
                                millis(lastRunNanos),
                                millis(shortestRunNanos)),
                        true);
            }
        }
        if (slowStart) {
            // Not brought down to the ceiling either: just after the early rule's jumps, the CPU of thousands of
            // tasks starting is charged to the few that ended, which makes tasks that wait look costly (a limit of
            // 8,192 cut to 1,106 for 20,000 waits of 50 ms, and back to 8,848 100 ms later). Processors that really
            // run short make tasks slower, which ends slow start, and the ceiling then applies.
            return limit < ceiling ? slowStartStep(sample, ceiling) : null;
        }
        if (fresh && limit > 2L * ceiling) {
            return change(ceiling, computeReason(ceiling), true);
        }
        if (limit >= ceiling || probeFromLimit > 0 || holdNanos > 0) {
            return null;
        }
        if (slowdown <= STEADY_LATENCY && !congested && fresh) {
            int from = limit;
            // Eightfold while the process leaves most processors idle, fourfold otherwise: the probe undoes a step
            // that bought nothing, so a bold one costs little.
            // Tasks that almost only wait cost the processors little per task, so a big step is cheap too.
            long factor = lastCoresUsed < IDLE_PROCESSORS_FOR_BIG_STEP * processors || waitingShare() >= MOSTLY_WAITING
                    ? 8
                    : 4;
            Change grown = change(Math.min(ceiling, limit * factor), growReason(ceiling, "run time is steady"), true);
            if (grown != null) { // a bold step: see whether throughput follows before the next
                probeFromLimit = from;
                probeThroughput = lastThroughput;
                probePastCeiling = pastCeiling;
            }
            return grown;
        }
        if (slowdown <= (congested ? STEADY_LATENCY * 1.2 : LATENCY_TOLERANCE)
                && fresh
                && sinceChangeNanos >= lastRunNanos) {
            return change(
                    Math.min(ceiling, Math.max(limit + 1L, (long) (limit * 1.25))),
                    growReason(ceiling, String.format(Locale.ROOT, "run time is up %.0f%%", 100 * (slowdown - 1))),
                    true);
        }
        return null;
    }

    /**
     * Slow start, as in TCP: every task that ended in this tick at its usual pace (the tick's mean run time within
     * {@value #STEADY_LATENCY} times the shortest) lets {@value #SLOW_START_GAIN} more start, so the limit grows with
     * the tasks' own round trips instead of one judged step per window. A tick whose tasks took longer grows nothing;
     * the next window then says whether slow start is over.
     */
    private Change slowStartStep(Sample sample, int ceiling) {
        if (sample.completed() == 0) {
            return null;
        }
        double tickRun = (double) sample.runNanos() / sample.completed();
        if (tickRun > STEADY_LATENCY * shortestRunNanos) {
            return null;
        }
        return change(
                Math.min(ceiling, limit + (long) SLOW_START_GAIN * sample.completed()),
                String.format(
                        Locale.ROOT,
                        "slow start: tasks spend %.0f%% of their time waiting and %d ended at their usual pace (%s,"
                                + " shortest %s), each letting %d more start",
                        100 * waitingShare(),
                        sample.completed(),
                        millis(tickRun),
                        millis(shortestRunNanos),
                        SLOW_START_GAIN),
                false);
    }

    /** Rule 1: before any task has ended, grow only if the running tasks clearly wait. */
    private Change early(Sample sample) {
        if (sinceChangeNanos < earlyWindowNanos || limit >= maxLimit) {
            return null;
        }
        // Time spent ready but waiting for a processor is not the tasks' own: on a busy machine, tasks that compute
        // would otherwise look like tasks that wait.
        double cpuShare = (double) sinceChangeCpuNanos
                / Math.max(sinceChangeActiveNanos * 0.05, sinceChangeActiveNanos - sinceChangeRunQueueNanos);
        double waitingBelow = sample.machineLoad() > BUSY_MACHINE ? STARVED_CPU_SHARE : WAITING_CPU_SHARE;
        if (cpuShare >= waitingBelow) {
            return null;
        }
        return change(
                Math.min(maxLimit, limit * 8L),
                String.format(
                        Locale.ROOT,
                        "no task has ended yet and the %d running use %.0f%% of a processor each: they wait",
                        sample.active(),
                        100 * cpuShare),
                true);
    }

    /**
     * After a bold step up, the first window measured wholly after it: if throughput did not rise by a tenth, the
     * step bought nothing (the processors or something outside the pool were already the limit), so it is undone and
     * the limit held for {@value #HOLD_AFTER_PLATEAU_NANOS} ns.
     */
    private Change judgeProbe() {
        int from = probeFromLimit;
        double before = probeThroughput;
        probeFromLimit = 0;
        // Near-linear: a limit at least doubled, and throughput up by at least half as much.
        scaling = !Double.isNaN(before) && limit >= 2L * from && lastThroughput >= before * 0.5 * limit / from;
        boolean wasPastCeiling = probePastCeiling;
        probePastCeiling = false;
        if (!scaling && wasPastCeiling && limit > from) {
            // A step past the CPU ceiling was allowed only because throughput had kept pace with the limit; if it
            // stopped, keep what the gain was worth: by Little's law, the throughput reached needs the old limit
            // times the gain at once.
            if (limit > ceiling()) {
                long worth = Math.round(from * Math.max(1.0, lastThroughput / before));
                return change(
                        Math.max(from, Math.min(limit, worth)),
                        String.format(
                                Locale.ROOT,
                                "throughput rose less than the limit with %d at once (%.0f tasks/s, against %.0f at"
                                        + " %d)",
                                limit,
                                lastThroughput,
                                before,
                                from),
                        true);
            }
        }
        if (Double.isNaN(before) || lastThroughput >= before * PROBE_GAIN) {
            return null;
        }
        holdNanos = HOLD_AFTER_PLATEAU_NANOS;
        return change(
                from,
                String.format(
                        Locale.ROOT,
                        "throughput did not grow with %d at once (%.0f tasks/s, against %.0f at %d)",
                        limit,
                        lastThroughput,
                        before,
                        from),
                true);
    }

    /** Adds the tick to the window; when the window has enough ended tasks, updates the estimates and says so. */
    private boolean addToWindow(Sample sample) {
        windowNanos += sample.nanos();
        windowCpuNanos += Math.max(0, sample.cpuNanos());
        windowCompleted += sample.completed();
        windowRunNanos += sample.runNanos();
        windowRunQueueNanos += Math.max(0, sample.runQueueNanos());
        // Many ended tasks make a short window as exact as a long one: one 10 ms CPU clock step spread over them.
        boolean enough = windowCompleted >= MIN_COMPLETIONS && windowNanos >= MIN_WINDOW_NANOS
                || windowCompleted >= MANY_COMPLETIONS && windowNanos >= MIN_EARLY_WINDOW_NANOS;
        // After a bold step, the window that judges it runs until the tasks the step started could have ended:
        // before that it shows the old limit's throughput, and tasks longer than a window would have every step undone.
        if (!enough || probeFromLimit > 0 && sinceChangeNanos < PROBE_RUN_TIMES * shortestRunNanos) {
            return false;
        }
        double run = (double) windowRunNanos / windowCompleted;
        // A task's own run time leaves out its share of the time the carriers waited for a processor: what the CPU
        // share and the ceiling are judged by. Congestion is judged by the whole run time, as callers see it.
        double ownRun = Math.max(0.05 * windowRunNanos, windowRunNanos - windowRunQueueNanos) / windowCompleted;
        shortestOwnRunNanos = Math.min(shortestOwnRunNanos, ownRun);
        lastOwnRunNanos = ownRun;
        double cpu = (double) windowCpuNanos / windowCompleted;
        shortestRunNanos = Math.min(shortestRunNanos, run);
        // Half the weight to the newest window: the JIT compiler's early CPU use fades within a few windows.
        cpuPerTaskNanos = Double.isNaN(cpuPerTaskNanos) ? cpu : (cpuPerTaskNanos + cpu) / 2;
        lastRunNanos = run;
        lastThroughput = windowCompleted * 1e9 / windowNanos;
        lastCoresUsed = (double) windowCpuNanos / windowNanos;
        processorsContended = windowRunQueueNanos > CONTENDED_RUN_QUEUE * windowNanos;
        resetWindow();
        return true;
    }

    private void resetWindow() {
        windowNanos = 0;
        windowCpuNanos = 0;
        windowCompleted = 0;
        windowRunNanos = 0;
        windowRunQueueNanos = 0;
    }

    /**
     * The limit at which the tasks' computing would keep every processor busy, plus the headroom; the higher of two
     * estimates. Little's law per task ({@code processors * shortest run / CPU per task}) charges the process's
     * background CPU (JIT compiler, garbage collector) to the tasks, which at low throughput makes waiting tasks look
     * costly; scaling the current limit by the processors left idle ({@code limit * processors / processors used})
     * does not, but assumes CPU grows with the limit, which the throughput probe checks.
     */
    int ceiling() {
        if (Double.isNaN(cpuPerTaskNanos)) {
            return maxLimit;
        }
        double perTask = CPU_HEADROOM * processors * shortestOwnRunNanos / Math.max(1, cpuPerTaskNanos);
        double idle = Double.isNaN(lastCoresUsed) || processorsContended // idle processors are someone else's
                ? 0
                : limit * IDLE_TARGET * processors / Math.max(0.01 * processors, lastCoresUsed);
        return (int) Math.max(processors, Math.min(maxLimit, Math.floor(Math.max(perTask, idle))));
    }

    /** The share of a task's run time spent waiting, by the estimates so far: 0 to 1. */
    double waitingShare() {
        if (Double.isNaN(cpuPerTaskNanos) || Double.isNaN(lastRunNanos)) {
            return Double.NaN;
        }
        return Math.max(
                0, Math.min(1, 1 - cpuPerTaskNanos / Math.max(1, Math.min(lastOwnRunNanos, shortestOwnRunNanos))));
    }

    private String growReason(int ceiling, String latency) {
        if (ceiling >= maxLimit && scaling) {
            return String.format(
                    Locale.ROOT,
                    "tasks spend %.0f%% of their time waiting, %s and throughput rose with the limit's last step;"
                            + " tasks are queued",
                    100 * waitingShare(),
                    latency);
        }
        return String.format(
                Locale.ROOT,
                "tasks spend %.0f%% of their time waiting and %s; tasks are queued and the processors would be"
                        + " busy at %d",
                100 * waitingShare(),
                latency,
                ceiling);
    }

    private String computeReason(int ceiling) {
        return String.format(
                Locale.ROOT,
                "tasks spend %.0f%% of their time computing: %d at once keep the %d processors busy",
                100 * (1 - waitingShare()),
                ceiling,
                processors);
    }

    /** @param measured whether the change follows measured run times; if so the next window starts afresh */
    private Change change(long newLimit, String reason, boolean measured) {
        int previous = limit;
        int next = (int) Math.max(1, Math.min(maxLimit, newLimit));
        if (next == previous) {
            return null;
        }
        limit = next;
        sinceChangeNanos = 0;
        sinceChangeCpuNanos = 0;
        sinceChangeActiveNanos = 0;
        sinceChangeRunQueueNanos = 0;
        if (measured) {
            resetWindow(); // so that the next window measures the new limit only
        }
        return new Change(limit, reason + ": limit " + previous + " -> " + limit);
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
