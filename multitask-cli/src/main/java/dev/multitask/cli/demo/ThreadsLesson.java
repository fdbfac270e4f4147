package dev.multitask.cli.demo;

import dev.multitask.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code threads}: the lesson's {@code calc_square} and {@code calc_cube} on one thread, then on two {@link Thread}s
 * started and joined by hand. No pool is involved, so each step is traced by hand.
 */
final class ThreadsLesson implements Lesson {

    static final String NAME = "threads";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Demo demo) throws Exception {
        Report report = demo.report();
        Duration pause = demo.scaled(Duration.ofSeconds(1));
        List<Integer> numbers = SquareAndCube.NUMBERS;

        report.heading("threads: one thread, then two threads started and joined by hand");
        report.say(String.format(
                Locale.ROOT,
                "calc_square and calc_cube over %s; every step prints a line and pauses %.2f s (1 s times --scale %s).",
                numbers,
                pause.toNanos() / 1e9,
                demo.scale()));

        warmUp(numbers);

        List<Demo.Measured> measured = demo.fastest(
                r -> {
                    r.blank();
                    r.line("One thread:   calcSquare(numbers); calcCube(numbers);");
                    return oneThread(new SquareAndCube(r, pause), numbers);
                },
                r -> {
                    r.blank();
                    r.line("Two threads:  Thread t1 = new Thread(() -> calcSquare(numbers));");
                    r.line("              Thread t2 = new Thread(() -> calcCube(numbers));");
                    r.line("              t1.start(); t2.start(); t1.join(); t2.join();");
                    return twoThreads(new SquareAndCube(r, pause), numbers);
                });
        Demo.Measured one = measured.get(0);
        Demo.Measured two = measured.get(1);

        RunResult oneResult = demo.result(NAME, "one thread", one, one.wallSeconds(), null);
        RunResult twoResult = demo.result(NAME, "two threads", two, one.wallSeconds(), null);
        report.result(oneResult);
        report.result(twoResult);

        report.blank();
        report.timeline("One thread", one.trace());
        report.blank();
        report.timeline("Two threads", two.trace());
        report.blank();
        report.times(
                List.of(oneResult, twoResult),
                "The Python lesson, at full scale: 8.09 s on one thread, 4.07 s on two.");
        report.blank();
        report.say("What it shows: each step spends its time waiting (a pause), not computing. While one thread"
                + " waits, the other can run, so two threads finish the same eight steps in about half the time:"
                + " the one-thread timeline has its blocks end to end, the two-thread timeline has two rows that"
                + " overlap. That is concurrency. Python gets the same 2x here, because a thread that sleeps lets go"
                + " of the GIL.");
    }

    private static Demo.Measured oneThread(SquareAndCube work, List<Integer> numbers) {
        HandTrace trace = new HandTrace();
        long start = System.nanoTime();
        work.calcSquare(numbers, trace);
        work.calcCube(numbers, trace);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Demo.Measured(seconds, trace.trace("one-thread", Strategy.sequential()));
    }

    private static Demo.Measured twoThreads(SquareAndCube work, List<Integer> numbers) throws InterruptedException {
        HandTrace trace = new HandTrace();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long start = System.nanoTime();
        Thread t1 = new Thread(() -> work.calcSquare(numbers, trace), "t1-square");
        Thread t2 = new Thread(() -> work.calcCube(numbers, trace), "t2-cube");
        for (Thread t : List.of(t1, t2)) {
            t.setUncaughtExceptionHandler((thread, e) -> failure.compareAndSet(null, e));
            t.start();
        }
        t1.join();
        t2.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) {
            throw new DemoFailure("a hand-made thread failed: " + failure.get(), failure.get());
        }
        return new Demo.Measured(seconds, trace.trace("two-threads", Strategy.threads(2)));
    }

    /**
     * Runs both ways once with no pause and no output before anything is timed, so that loading and compiling the
     * code is not counted against the first run.
     */
    private static void warmUp(List<Integer> numbers) throws InterruptedException {
        SquareAndCube work = new SquareAndCube(Report.silent(), Duration.ZERO);
        HandTrace trace = new HandTrace();
        work.calcSquare(numbers, trace);
        Thread thread = new Thread(() -> work.calcCube(numbers, trace), "warm-up");
        thread.start();
        thread.join();
        trace.trace("warm-up", Strategy.threads(2)).timeline(80);
    }
}
