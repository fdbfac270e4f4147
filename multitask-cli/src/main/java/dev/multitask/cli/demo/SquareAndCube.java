package dev.multitask.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The lesson's work: {@code calc_square} and {@code calc_cube} over a list of numbers, each step printing one line and
 * then pausing (1 s in the lesson, times {@code --scale}), as a task that waits for something would.
 */
final class SquareAndCube {

    static final List<Integer> NUMBERS = List.of(2, 3, 5, 8);

    /** One step of the work: the square or cube of one number; its text form labels it in timelines. */
    record Step(int number, int power) {
        @Override
        public String toString() {
            return number + "^" + power;
        }
    }

    private final Report report;
    private final Duration pause;

    SquareAndCube(Report report, Duration pause) {
        this.report = report;
        this.pause = pause;
    }

    /** All the steps of {@code calc_square} then {@code calc_cube}, in that order. */
    static List<Step> steps(List<Integer> numbers) {
        List<Step> steps = new ArrayList<>();
        numbers.forEach(n -> steps.add(new Step(n, 2)));
        numbers.forEach(n -> steps.add(new Step(n, 3)));
        return steps;
    }

    /** Prints the step's line, such as {@code Calculating Square : 5 ^ 2 = 25}, then pauses. */
    long run(Step step) {
        long value = step.power() == 2
                ? (long) step.number() * step.number()
                : (long) step.number() * step.number() * step.number();
        report.line("Calculating " + (step.power() == 2 ? "Square" : "Cube") + " : " + step.number() + " ^ "
                + step.power() + " = " + value);
        pause();
        return value;
    }

    /** The lesson's {@code calc_square(numbers)}, each step recorded in {@code trace}. */
    void calcSquare(List<Integer> numbers, HandTrace trace) {
        for (int n : numbers) {
            Step step = new Step(n, 2);
            trace.step(step.toString(), () -> run(step));
        }
    }

    /** The lesson's {@code calc_cube(numbers)}, each step recorded in {@code trace}. */
    void calcCube(List<Integer> numbers, HandTrace trace) {
        for (int n : numbers) {
            Step step = new Step(n, 3);
            trace.step(step.toString(), () -> run(step));
        }
    }

    /** {@code calc_square(numbers)} as one task of a pool, which traces it whole. */
    Void calcSquare(List<Integer> numbers) {
        numbers.forEach(n -> run(new Step(n, 2)));
        return null;
    }

    /** {@code calc_cube(numbers)} as one task of a pool, which traces it whole. */
    Void calcCube(List<Integer> numbers) {
        numbers.forEach(n -> run(new Step(n, 3)));
        return null;
    }

    private void pause() {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }
}
