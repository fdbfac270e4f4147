package dev.multitask.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One measured run of a lesson, as printed by {@code --json} (one object per line) and in the text table.
 *
 * @param lesson the lesson's name, such as {@code threads}
 * @param run what ran, in a few words, such as {@code two threads}
 * @param strategy how the tasks ran, in {@link dev.multitask.Strategy} text form, such as {@code threads:2}
 * @param workers the threads that ran tasks
 * @param tasks the tasks that ran
 * @param wallSeconds from the start of the run to its end, thread or pool start-up and shutdown included
 * @param speedup the lesson's one-thread run's wall time divided by this run's, for the same kind of work
 * @param repeats how many times the run ran; {@code wallSeconds} is the fastest
 * @param work what the tasks spend their time on, where a lesson compares kinds ({@code cpu} or {@code wait})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"lesson", "run", "strategy", "workers", "tasks", "wallSeconds", "speedup", "repeats", "work"})
record RunResult(
        String lesson,
        String run,
        String strategy,
        int workers,
        long tasks,
        double wallSeconds,
        double speedup,
        int repeats,
        String work) {}
