package dev.multitask.auto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.auto.LimitController.Change;
import dev.multitask.auto.LimitController.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The controller against models of a workload, tick by tick, with no clock: the same figures always give the same
 * decisions. Each model answers, for the limit in force, what one 25 ms tick would show.
 */
class LimitControllerTest {

    private static final long TICK = 25_000_000;
    private static final int PROCESSORS = 4;

    /** What running {@code limit} tasks at once for a tick shows, for tasks of a given kind. */
    private record Model(long runNanos, double cpuShare, int capacity, long serviceNanos) {

        /** Tasks that spend {@code cpuShare} of {@code runNanos} computing, on {@link #PROCESSORS} processors. */
        static Model tasks(long runNanos, double cpuShare) {
            return new Model(runNanos, cpuShare, 0, 0);
        }

        /** Requests to a server that serves {@code capacity} at once; beyond that, they queue there. */
        static Model downstream(int capacity, long serviceNanos) {
            return new Model(0, 0.001, capacity, serviceNanos);
        }

        Sample at(int limit) {
            double run;
            double running = limit;
            if (capacity > 0) {
                run = serviceNanos * Math.max(1.0, (double) limit / capacity);
            } else {
                // Computing beyond the processors takes turns: a task's computing stretches, its waiting does not.
                double demand = limit * cpuShare;
                double stretch = Math.max(1.0, demand / PROCESSORS);
                run = runNanos * (cpuShare * stretch + (1 - cpuShare));
            }
            double completed = running * TICK / run;
            if (capacity == 0) { // the processors end at most PROCESSORS / (CPU per task) tasks a second
                completed = Math.min(completed, PROCESSORS * TICK / (cpuShare * runNanos));
            }
            double cpu = Math.min(PROCESSORS, limit * cpuShare * runNanos / run) * TICK;
            return new Sample(
                    TICK, (long) cpu, Math.round(completed), (long) (Math.round(completed) * run), limit, 1_000);
        }
    }

    private static List<Change> replay(IntFunction<Sample> model, int ticks, LimitController controller) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            Change change = controller.next(model.apply(controller.limit()));
            if (change != null) {
                changes.add(change);
            }
        }
        return changes;
    }

    @Test
    void raisesTheLimitForTasksThatWaitUntilTheirComputingWouldFillTheProcessors() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        Model io = Model.tasks(50_000_000, 0.001); // 50 ms, 0.05 ms of it computing
        List<Change> changes = replay(io::at, 200, controller);

        // Little's law: 4 processors * 50 ms / 0.05 ms = 4,000 at once fill the processors; a quarter more is allowed.
        assertThat(controller.limit()).isBetween(2_000, 5_000);
        assertThat(changes.getFirst().reason()).contains("of their time waiting");
        assertThat(changes).allSatisfy(c -> assertThat(c.reason()).doesNotContain("queue outside"));
    }

    @Test
    void keepsRaisingTheLimitPastACeilingInflatedByBackgroundCpuWhileThroughputScalesWithIt() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        Model io = Model.tasks(50_000_000, 0.001);
        // Half a processor busy with something other than the tasks (the JIT compiler, say), charged to them: at a
        // low limit few tasks end per tick, so each looks costly and the CPU ceiling low.
        IntFunction<Sample> withBackground = limit -> {
            Sample tasks = io.at(limit);
            return new Sample(
                    tasks.nanos(),
                    tasks.cpuNanos() + TICK / 2,
                    tasks.completed(),
                    tasks.runNanos(),
                    tasks.active(),
                    tasks.queued());
        };
        List<Change> changes = replay(withBackground, 20, controller); // half a second

        assertThat(controller.limit()).isGreaterThanOrEqualTo(2_000);
        // Slow start does it: tasks that end at their usual pace pay for the next ones, whatever the CPU ceiling says.
        assertThat(changes).anySatisfy(c -> assertThat(c.reason()).startsWith("slow start"));
        assertThat(changes).allSatisfy(c -> assertThat(c.reason()).doesNotContain("outside the pool"));
    }

    @Test
    void keepsTasksThatComputeAtTheNumberOfProcessorsAndAQuarter() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        List<Change> changes = replay(Model.tasks(20_000_000, 1.0)::at, 200, controller);

        assertThat(changes).allSatisfy(c -> assertThat(c.limit()).isBetween(PROCESSORS, PROCESSORS * 5 / 4));
        // The step to 5 buys nothing on 4 processors, so it is undone, and tried again only now and then.
        assertThat(changes).anySatisfy(c -> assertThat(c.reason()).startsWith("throughput did not grow"));
    }

    @Test
    void givesTasksThatHalfWaitAboutTwiceTheProcessors() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        replay(Model.tasks(20_000_000, 0.5)::at, 200, controller);

        assertThat(controller.limit()).isBetween(2 * PROCESSORS, 3 * PROCESSORS);
    }

    @Test
    void settlesNearAnOverloadedDownstreamsCapacityInsteadOfTheMaximum() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        List<Change> changes = replay(Model.downstream(64, 10_000_000)::at, 400, controller);

        assertThat(controller.limit()).isBetween(64, 2 * 64);
        assertThat(changes).anySatisfy(c -> assertThat(c.reason()).contains("something outside the pool"));
        // Once it has backed off, it grows gently: never again past 4x the capacity.
        int firstBackOff = indexOf(changes, "something outside the pool");
        assertThat(changes.subList(firstBackOff, changes.size()))
                .allSatisfy(c -> assertThat(c.limit()).isLessThanOrEqualTo(4 * 64));
    }

    @Test
    void undoesAStepUpThatDidNotRaiseThroughput() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        // Whatever the limit, 100 tasks a second end, each 10 ms long and computing a fifth of it (something outside
        // the pool hands out work at that rate, say). Tasks that wait 80% of their time take no slow start: each step
        // up is a probe.
        IntFunction<Sample> serialised =
                limit -> new Sample(TICK, 2 * 2_000_000L, 2, (long) (2 * 10_000_000L), limit, 1_000);
        // The first window shows 10 ms tasks, mostly waiting, so the controller tries a bigger limit.
        List<Change> changes = replay(serialised, 40, controller);

        Change undone = changes.stream()
                .filter(c -> c.reason().startsWith("throughput did not grow"))
                .findFirst()
                .orElseThrow();
        int before = changes.get(changes.indexOf(undone) - 1).limit();
        assertThat(undone.limit()).isLessThan(before);
        assertThat(controller.limit()).isEqualTo(undone.limit());
    }

    @Test
    void inSlowStartEachTaskThatEndsAtItsUsualPaceLetsOneMoreStart() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        // 50 ms tasks that wait: the first window (60 ms, 3 ended) shows their pace and that they barely compute.
        controller.next(new Sample(TICK, 10_000, 1, 50_000_000, PROCESSORS, 1_000));
        controller.next(new Sample(TICK, 10_000, 1, 50_000_000, PROCESSORS, 1_000));
        Change first = controller.next(new Sample(10_000_000, 10_000, 1, 50_000_000, PROCESSORS, 1_000));

        assertThat(first.limit()).isEqualTo(PROCESSORS + 1);
        assertThat(first.reason()).startsWith("slow start").contains("1 ended at their usual pace");
        // No window has to end before the next step: every tick's ended tasks count, here 3 of them.
        Change second = controller.next(new Sample(10_000_000, 3_000, 3, 3 * 51_000_000L, first.limit(), 1_000));
        assertThat(second.limit()).isEqualTo(first.limit() + 3);
    }

    @Test
    void aTickWhoseTasksTookLongerThanUsualGrowsNothingInSlowStart() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        controller.next(new Sample(TICK, 10_000, 1, 50_000_000, PROCESSORS, 1_000));
        controller.next(new Sample(TICK, 10_000, 1, 50_000_000, PROCESSORS, 1_000));
        int limit = controller
                .next(new Sample(10_000_000, 10_000, 1, 50_000_000, PROCESSORS, 1_000))
                .limit();

        // 60 ms against a usual 50: more than a tenth over, so these tasks queued for something.
        assertThat(controller.next(new Sample(10_000_000, 3_000, 3, 3 * 60_000_000L, limit, 1_000)))
                .isNull();
        assertThat(controller.limit()).isEqualTo(limit);
    }

    @Test
    void slowStartEndsWhenRunTimeRisesAndTheLimitSettlesNearTheDownstreamsCapacity() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        List<Change> changes = replay(Model.downstream(64, 10_000_000)::at, 400, controller);

        assertThat(changes).anySatisfy(c -> assertThat(c.reason()).startsWith("slow start"));
        int backOff = indexOf(changes, "something outside the pool");
        assertThat(backOff).isPositive();
        // Slow start at most doubles the limit in one task time, so it overshoots the capacity by little; then never
        // again.
        assertThat(changes.subList(0, backOff))
                .allSatisfy(c -> assertThat(c.limit()).isLessThanOrEqualTo(4 * 64));
        assertThat(changes.subList(backOff, changes.size()))
                .noneSatisfy(c -> assertThat(c.reason()).startsWith("slow start"));
        assertThat(controller.limit()).isBetween(64, 2 * 64);
    }

    @Test
    void inSlowStartALimitAboveTheCeilingIsHeldNotCut() {
        LimitController controller = new LimitController(2, 10_000, true);
        // The early rule's jumps: 2 -> 16 -> 128 -> 1,024 -> 8,192 before any of these 50 ms tasks ends.
        for (int limit = 2; limit < 8_192; limit *= 8) {
            assertThat(controller.next(new Sample(10_000_000, 10_000, 0, 0, limit, 20_000)))
                    .isNotNull();
        }
        assertThat(controller.limit()).isEqualTo(8_192);
        // The first window: the first 1,000 end at their usual pace while 7,000 more start, whose CPU (100 ms of the
        // 2 processors) is charged to the 1,000: a ceiling of 2 * 50 ms / 0.1 ms * 1.25 = 1,250.
        controller.next(new Sample(10_000_000, 50_000_000, 500, 500 * 50_000_000L, 8_192, 10_000));
        Change change = controller.next(new Sample(10_000_000, 50_000_000, 500, 500 * 50_000_000L, 8_192, 10_000));

        assertThat(controller.ceiling()).isLessThan(8_192 / 2);
        assertThat(change).isNull();
        assertThat(controller.limit()).isEqualTo(8_192);
    }

    @Test
    void tasksThatComputeHalfTheirTimeGetNoSlowStart() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        List<Change> changes = replay(Model.tasks(20_000_000, 0.5)::at, 200, controller);

        assertThat(changes).isNotEmpty().noneSatisfy(c -> assertThat(c.reason()).startsWith("slow start"));
    }

    @Test
    void withAnExactCpuClockTheEarlyRuleStepsAfterTenMillisecondsInsteadOfTwenty() {
        // Two tasks running, no task ended, almost no CPU used: they wait.
        Sample tenMillis = new Sample(10_000_000, 100_000, 0, 0, PROCESSORS, 1_000);
        LimitController exact = new LimitController(PROCESSORS, 10_000, true);
        LimitController coarse = new LimitController(PROCESSORS, 10_000, false);

        Change step = exact.next(tenMillis);
        assertThat(step.limit()).isEqualTo(8 * PROCESSORS);
        assertThat(step.reason()).startsWith("no task has ended yet");
        assertThat(coarse.next(tenMillis)).isNull(); // one 10 ms step of the process CPU clock could hide a whole task
        assertThat(coarse.next(tenMillis).limit()).isEqualTo(8 * PROCESSORS);
    }

    @Test
    void theEarlyRuleHoldsTasksThatComputeEvenOverTenMilliseconds() {
        LimitController exact = new LimitController(PROCESSORS, 10_000, true);
        // Four tasks, each computing half of the 10 ms.
        assertThat(exact.next(new Sample(10_000_000, 4 * 5_000_000L, 0, 0, PROCESSORS, 1_000)))
                .isNull();
        assertThat(exact.limit()).isEqualTo(PROCESSORS);
    }

    @Test
    void changesNothingWhileNoTaskIsQueued() {
        LimitController controller = new LimitController(PROCESSORS, 10_000);
        IntFunction<Sample> idle = limit -> new Sample(TICK, 1_000, 40, 40 * 1_000_000L, 1, 0);

        assertThat(replay(idle, 100, controller)).isEmpty();
        assertThat(controller.limit()).isEqualTo(PROCESSORS);
    }

    private static int indexOf(List<Change> changes, String reason) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).reason().contains(reason)) {
                return i;
            }
        }
        return -1;
    }
}
