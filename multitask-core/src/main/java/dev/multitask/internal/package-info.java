/**
 * Not API: the machinery shared by every strategy ({@link dev.multitask.internal.AbstractPool}, the task future, the
 * trace recorder). Public only so that multitask's own modules can use it; it changes without notice.
 */
package dev.multitask.internal;
