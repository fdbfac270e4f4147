package dev.multitask.jfr;

import dev.multitask.TaskFuture;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.StackTrace;

/** What every task event says: which pool, which task. The recording includes a superclass's fields. */
@Category({"multitask", "Tasks"})
@StackTrace(false)
abstract class TaskEvent extends Event {
    @Label("Pool")
    String pool;

    @Label("Task Id")
    long taskId;

    @Label("Label")
    @Description("The task's label or input, if it has one")
    String label;

    // Called on the subclass, so that verifying TaskEvents never checks one event type against another, which would
    // load the event classes, and with them part of JFR, in a JVM that records nothing.
    void describe(String pool, TaskFuture<?> task) {
        this.pool = pool;
        this.taskId = task.id();
        this.label = task.label();
    }
}
