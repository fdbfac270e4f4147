package dev.multitask.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A task was handed to a pool; committed on the submitting thread. */
@Name("dev.multitask.TaskSubmitted")
@Label("Task Submitted")
@Category({"multitask", "Tasks"})
@Description("A task was submitted to a multitask pool")
@StackTrace(false)
final class TaskSubmittedEvent extends Event {
    @Label("Pool")
    String pool;

    @Label("Task Id")
    long taskId;

    @Label("Label")
    @Description("The task's label or input, if it has one")
    String label;
}
