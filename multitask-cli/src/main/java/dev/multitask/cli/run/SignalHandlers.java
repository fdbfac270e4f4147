package dev.multitask.cli.run;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM while jobs run: the first stops starting jobs and terminates the running ones with their
 * descendants (SIGTERM, then SIGKILL after a grace period); a second kills them at once. The runner then ends with
 * 128 + the signal number. The JVM's own handlers are put back on {@link #close}.
 *
 * <p>{@code sun.misc.Signal} is the JDK's only way to intercept a signal without ending the JVM; a shutdown hook
 * would run too late, after the JVM has begun to exit.
 */
final class SignalHandlers implements AutoCloseable {

    private final Signal interrupt = new Signal("INT");
    private final Signal terminate = new Signal("TERM");
    private final SignalHandler previousInterrupt;
    private final SignalHandler previousTerminate;

    private SignalHandlers(JobRunner runner) {
        AtomicInteger received = new AtomicInteger();
        SignalHandler handler = signal -> {
            if (received.getAndIncrement() == 0) {
                runner.interrupt(signal.getNumber());
            } else {
                runner.kill();
            }
        };
        previousInterrupt = Signal.handle(interrupt, handler);
        previousTerminate = Signal.handle(terminate, handler);
    }

    static SignalHandlers install(JobRunner runner) {
        return new SignalHandlers(runner);
    }

    @Override
    public void close() {
        Signal.handle(interrupt, previousInterrupt);
        Signal.handle(terminate, previousTerminate);
    }
}
