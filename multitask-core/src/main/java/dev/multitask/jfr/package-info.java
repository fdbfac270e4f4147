/**
 * JFR events for the life of every task: {@code dev.multitask.TaskSubmitted}, {@code dev.multitask.TaskStarted} and
 * {@code dev.multitask.TaskFinished}, so that a run under {@code -XX:StartFlightRecording} shows its tasks in JDK
 * Mission Control. Not exported: the events are read by name from a recording, not by class.
 */
package dev.multitask.jfr;
