package dev.multitask.cli.run;

/** A bad command line or input for {@code multitask run}: one line on stderr and exit status 255, as GNU parallel. */
final class RunException extends RuntimeException {

    RunException(String message) {
        super(message);
    }
}
