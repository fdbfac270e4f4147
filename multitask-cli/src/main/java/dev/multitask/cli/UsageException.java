package dev.multitask.cli;

/** A bad command line found after parsing, such as an unknown lesson: reported in one line with exit code 2. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
