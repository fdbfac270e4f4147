package dev.multitask.processes;

/**
 * Stands in for an exception thrown in a worker that could not itself be serialized: same class name and message in
 * its text, same worker-side stack trace, and the same for its causes.
 */
final class RemoteFailure extends RuntimeException {

    private final String remoteClass;

    private RemoteFailure(String remoteClass, String message, RemoteFailure cause) {
        super(message, cause);
        this.remoteClass = remoteClass;
    }

    /** A copy of {@code failure} and its causes made of serializable parts only. */
    static RemoteFailure of(Throwable failure) {
        return of(failure, 0);
    }

    private static RemoteFailure of(Throwable failure, int depth) {
        RemoteFailure cause = failure.getCause() != null && failure.getCause() != failure && depth < 32
                ? of(failure.getCause(), depth + 1)
                : null;
        RemoteFailure copy = new RemoteFailure(failure.getClass().getName(), safeMessage(failure), cause);
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    private static String safeMessage(Throwable failure) {
        try {
            return failure.getMessage();
        } catch (RuntimeException e) {
            return "(its getMessage() threw " + e + ")";
        }
    }

    /** The class of the exception this stands for. */
    String remoteClass() {
        return remoteClass;
    }

    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return remoteClass + (message == null ? "" : ": " + message) + " (not serializable; a copy)";
    }
}
