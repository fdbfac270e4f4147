package dev.multitask;

import java.io.Serializable;

/**
 * A {@link Runnable} that can travel to a worker process: a task for {@link Pool#submit(Runnable)} or {@link
 * Pool#execute} on a process pool, or a worker {@linkplain ProcessOptions#withInitializer initializer}. A lambda
 * becomes serializable when it is cast to this type, provided that everything it captures is serializable too.
 */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {}
