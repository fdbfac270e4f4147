package dev.multitask.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A task ended. Its duration is the task's run time, so Mission Control draws it as a bar in the worker's thread lane;
 * a task cancelled before it started ends with zero duration on the cancelling thread.
 */
@Name("dev.multitask.TaskFinished")
@Label("Task Finished")
@Description("A task of a multitask pool ended: returned, threw or was cancelled; the duration is its run time")
final class TaskFinishedEvent extends TaskEvent {
    @Label("Worker")
    String worker;

    @Label("Outcome")
    @Description("SUCCEEDED, FAILED or CANCELLED")
    String outcome;

    @Label("Error")
    @Description("What the task threw, as Type: message")
    String error;
}
