package dev.multitask.jfr;

import dev.multitask.TaskFuture;
import dev.multitask.TaskRecord.Outcome;
import jdk.jfr.FlightRecorder;

/**
 * Emits the task events. Until the Flight Recorder is initialized (by {@code -XX:StartFlightRecording}, {@code jcmd
 * JFR.start} or a {@link jdk.jfr.Recording}) each method is one flag read and the event classes are not even loaded:
 * loading the first event class starts part of JFR, which cost the first task of a command some 0.7 s. After that,
 * each method costs an allocation the JIT removes and one check when no recording wants the event. Labels are only
 * computed for events that will be committed.
 */
public final class TaskEvents {

    private TaskEvents() {}

    public static void submitted(String pool, TaskFuture<?> task) {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        TaskSubmittedEvent event = new TaskSubmittedEvent();
        if (event.shouldCommit()) {
            event.describe(pool, task);
            event.commit();
        }
    }

    /**
     * Commits a started event and begins the finished event, which {@link #finished} commits.
     *
     * @return the begun finished event, or {@code null} when no recording wants one
     */
    public static Object started(String pool, TaskFuture<?> task, Thread worker) {
        if (!FlightRecorder.isInitialized()) {
            return null;
        }
        TaskStartedEvent started = new TaskStartedEvent();
        if (started.shouldCommit()) {
            started.describe(pool, task);
            started.worker = worker.getName();
            started.commit();
        }
        TaskFinishedEvent finished = new TaskFinishedEvent();
        if (!finished.isEnabled()) {
            return null;
        }
        finished.begin();
        return finished;
    }

    /**
     * Commits the finished event begun by {@link #started} for a task that returned, threw or was cancelled while
     * running.
     */
    public static void finished(Object begun, String pool, TaskFuture<?> task, String worker, Throwable failure) {
        if (begun instanceof TaskFinishedEvent event) {
            event.end();
            Outcome outcome =
                    task.isCancelled() ? Outcome.CANCELLED : failure != null ? Outcome.FAILED : Outcome.SUCCEEDED;
            commit(event, pool, task, worker, outcome, failure);
        }
    }

    /** Commits a finished event of zero duration for a task that ended before any worker started it. */
    public static void cancelled(String pool, TaskFuture<?> task) {
        if (!FlightRecorder.isInitialized()) {
            return;
        }
        TaskFinishedEvent event = new TaskFinishedEvent();
        if (event.isEnabled()) {
            commit(event, pool, task, null, Outcome.CANCELLED, null);
        }
    }

    private static void commit(
            TaskFinishedEvent event, String pool, TaskFuture<?> task, String worker, Outcome outcome, Throwable error) {
        if (event.shouldCommit()) {
            event.describe(pool, task);
            event.worker = worker;
            event.outcome = outcome.name();
            event.error = error == null ? null : describe(error);
            event.commit();
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : error.getClass().getName() + ": " + message;
    }
}
