/**
 * multitask: one {@link dev.multitask.Pool} to run many tasks at once, with strategies for tasks that wait and
 * tasks that compute, and a trace of how every task ran.
 *
 * <p>{@code dev.multitask} is the API. {@code dev.multitask.internal} is exported for multitask's own modules (other
 * strategies, the CLI); it is not API and changes without notice. The strategy packages are not exported.
 */
module dev.multitask.core {
    requires java.management;
    requires jdk.jfr;
    requires jdk.management;

    exports dev.multitask;
    exports dev.multitask.internal;

    uses dev.multitask.internal.PoolProvider;
}
