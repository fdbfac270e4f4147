package dev.multitask.cli.demo;

import dev.multitask.Pool;
import dev.multitask.Strategy;
import dev.multitask.TaskFuture;
import dev.multitask.TraceSummary;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code pool}: the same work as {@code threads}, through a {@link Pool}: {@code submit} of whole functions, {@code
 * map} over the steps, and {@code shutdown} that cancels what has not started, as Python's {@code cancel_futures}.
 */
final class PoolLesson implements Lesson {

    static final String NAME = "pool";
    private static final Strategy DEFAULT = Strategy.threads(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(Demo demo) throws Exception {
        Report report = demo.report();
        Strategy strategy = demo.strategy() != null ? demo.strategy() : DEFAULT;
        Duration pause = demo.scaled(Duration.ofSeconds(1));
        List<Integer> numbers = SquareAndCube.NUMBERS;
        List<SquareAndCube.Step> steps = SquareAndCube.steps(numbers);

        report.heading("pool: the same work through a Pool, with submit, map and shutdown");
        report.say("A pool starts and joins the threads for you. Pool.sequential() runs each task in the caller's"
                + " thread: the one-thread baseline. Then Pool.of(" + strategy + ") runs the same work, first as two"
                + " submitted functions, then as a map over the eight steps.");

        warmUp(strategy, numbers, steps);

        List<Demo.Measured> measured = demo.fastest(
                r -> {
                    r.blank();
                    r.line("One thread:   try (Pool pool = Pool.sequential()) {");
                    r.line("                  pool.submit(\"calc_square\", () -> calcSquare(numbers));");
                    r.line("                  pool.submit(\"calc_cube\", () -> calcCube(numbers));");
                    r.line("              }");
                    SquareAndCube work = new SquareAndCube(r, pause);
                    return Demo.onPool(Strategy.sequential(), pool -> submitBoth(pool, work, numbers));
                },
                r -> {
                    r.blank();
                    r.line("submit:       try (Pool pool = Pool.of(" + strategy + ")) {");
                    r.line("                  TaskFuture<Void> square = pool.submit(\"calc_square\","
                            + " () -> calcSquare(numbers));");
                    r.line(
                            "                  TaskFuture<Void> cube = pool.submit(\"calc_cube\", () -> calcCube(numbers));");
                    r.line("                  square.result(timeout); cube.result(timeout);");
                    r.line("              }");
                    SquareAndCube work = new SquareAndCube(r, pause);
                    return Demo.onPool(strategy, pool -> submitBoth(pool, work, numbers));
                },
                r -> {
                    r.blank();
                    r.line("map:          try (Pool pool = Pool.of(" + strategy + ")) {");
                    r.line("                  List<Long> values = pool.map(step -> step.run(), " + steps
                            + ").toList();");
                    r.line("              }");
                    SquareAndCube work = new SquareAndCube(r, pause);
                    return Demo.onPool(strategy, pool -> {
                        List<Long> values = pool.map(work::run, steps).toList();
                        r.line("              values in input order: " + values);
                    });
                });
        Demo.Measured baseline = measured.get(0);
        Demo.Measured submitted = measured.get(1);
        Demo.Measured mapped = measured.get(2);

        double base = baseline.wallSeconds();
        List<RunResult> results = List.of(
                demo.result(NAME, "one thread, submit", baseline, base, null),
                demo.result(NAME, "submit", submitted, base, null),
                demo.result(NAME, "map", mapped, base, null));
        results.forEach(report::result);

        if (!report.json()) {
            showShutdown(report, new SquareAndCube(report, pause), strategy, steps);
        }

        report.blank();
        report.timeline("One thread, submit", baseline.trace());
        report.blank();
        report.timeline("submit", submitted.trace());
        report.blank();
        report.timeline("map", mapped.trace());
        report.blank();
        report.times(results, null);
        report.blank();
        report.say("What it shows: the pool gives the same speed-up as the hand-made threads, since what matters is"
                + " how many tasks wait at once, not who made the threads. submit returns a future at once"
                + " (a CompletableFuture, with Python's result, exception and done-callbacks); map runs a function"
                + " over inputs and hands back results in input order, reading the input lazily; shutdown stops the"
                + " pool taking tasks, waits for the running ones, and can cancel those that have not started,"
                + " like Python's cancel_futures. close(), at the end of try-with-resources, waits for everything.");
    }

    private static void submitBoth(Pool pool, SquareAndCube work, List<Integer> numbers) throws Exception {
        TaskFuture<Void> square = pool.submit("calc_square", () -> work.calcSquare(numbers));
        TaskFuture<Void> cube = pool.submit("calc_cube", () -> work.calcCube(numbers));
        Duration timeout = Duration.ofMinutes(10);
        square.result(timeout);
        cube.result(timeout);
    }

    /** Submits all the steps, then shuts down at once, cancelling those that have not started. Text mode only. */
    private static void showShutdown(
            Report report, SquareAndCube work, Strategy strategy, List<SquareAndCube.Step> steps) throws Exception {
        report.blank();
        report.line("shutdown:     Pool pool = Pool.of(" + strategy + ");");
        report.line("              for (Step step : steps) pool.submit(step.toString(), () -> step.run());");
        report.line("              pool.shutdown(true, true);   // wait, and cancel what has not started");
        Demo.Measured shutdown = Demo.onPool(strategy, pool -> {
            for (SquareAndCube.Step step : steps) {
                pool.submit(step.toString(), () -> work.run(step));
            }
            pool.shutdown(true, true);
        });
        TraceSummary summary = shutdown.trace().summary();
        report.line(String.format(
                Locale.ROOT,
                "              %d tasks ran, %d were cancelled before they started; %.2f s",
                summary.tasks() - summary.cancelled(),
                summary.cancelled(),
                shutdown.wallSeconds()));
    }

    /**
     * Runs the work both ways once with no pause and no output before anything is timed, so that loading and
     * compiling the pool's code is not counted against the first run.
     */
    private static void warmUp(Strategy strategy, List<Integer> numbers, List<SquareAndCube.Step> steps)
            throws Exception {
        SquareAndCube work = new SquareAndCube(Report.silent(), Duration.ZERO);
        for (Strategy warm : List.of(Strategy.sequential(), strategy)) {
            Demo.onPool(warm, pool -> {
                submitBoth(pool, work, numbers);
                pool.map(work::run, steps).toList();
            });
        }
    }
}
