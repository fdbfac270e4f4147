package dev.multitask.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends a job's whole process tree, as GNU parallel's default {@code --termseq}: SIGTERM to the job and every
 * descendant, then SIGKILL to whatever is still alive after a grace period.
 */
final class ProcessTrees {

    static final long GRACE_MILLIS = 200;

    private ProcessTrees() {}

    /** The process and its descendants, taken before any is signalled so that none escapes by being reparented. */
    static List<ProcessHandle> tree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        return tree;
    }

    /** SIGTERM to the tree now, SIGKILL to its survivors (and their new children) after the grace period. */
    static void terminate(ProcessHandle root, ScheduledExecutorService timer) {
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroy);
        timer.schedule(() -> kill(tree), GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** SIGKILL to every process of {@code tree} still alive, and to its descendants. */
    static void kill(List<ProcessHandle> tree) {
        for (ProcessHandle p : tree) {
            if (p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }
}
