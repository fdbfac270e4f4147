package dev.multitask.jfr;

import dev.multitask.Pool;

/** Runs one task in a JVM where JFR never started; {@link TaskEventsTest} watches which classes it loads. */
public final class WithoutRecording {
    public static void main(String[] args) throws Exception {
        try (Pool pool = Pool.threads(1)) {
            System.out.println("result " + pool.submit("one", () -> 42).get());
        }
    }
}
