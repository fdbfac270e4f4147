package dev.multitask.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A worker began a task; committed on the worker, whose thread the recording names. */
@Name("dev.multitask.TaskStarted")
@Label("Task Started")
@Description("A worker of a multitask pool started a task")
final class TaskStartedEvent extends TaskEvent {
    @Label("Worker")
    String worker;
}
