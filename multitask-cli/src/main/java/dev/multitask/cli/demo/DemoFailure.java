package dev.multitask.cli.demo;

/** A lesson could not run, for a reason outside the command line (a download failed, say): exit code 1, one line. */
final class DemoFailure extends RuntimeException {

    DemoFailure(String message) {
        super(message);
    }

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
