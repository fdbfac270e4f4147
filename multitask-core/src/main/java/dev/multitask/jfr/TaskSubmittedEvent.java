package dev.multitask.jfr;

import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A task was handed to a pool; committed on the submitting thread. */
@Name("dev.multitask.TaskSubmitted")
@Label("Task Submitted")
@Description("A task was submitted to a multitask pool")
final class TaskSubmittedEvent extends TaskEvent {}
