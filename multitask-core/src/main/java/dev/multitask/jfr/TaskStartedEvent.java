package dev.multitask.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A worker began a task; committed on the worker, whose thread the recording names. */
@Name("dev.multitask.TaskStarted")
@Label("Task Started")
@Category({"multitask", "Tasks"})
@Description("A worker of a multitask pool started a task")
@StackTrace(false)
final class TaskStartedEvent extends Event {
    @Label("Pool")
    String pool;

    @Label("Task Id")
    long taskId;

    @Label("Label")
    @Description("The task's label or input, if it has one")
    String label;

    @Label("Worker")
    String worker;
}
