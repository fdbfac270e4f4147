package dev.multitask.cli.run;

import dev.multitask.Strategy;

/**
 * {@code -j}: how many jobs run at once. {@code N}; {@code +N} and {@code -N} relative to the CPU count; {@code N%}
 * of the CPU count; {@code 0} as many as the input allows (capped, so that a typo cannot fork-bomb the machine).
 */
final class JobCount {

    /** What {@code -j 0} means. */
    static final int UNLIMITED = 1024;

    private JobCount() {}

    static int parse(String text, int cpus) {
        String t = text.trim();
        try {
            int n;
            if (t.endsWith("%")) {
                n = (int) Math.floor(cpus * Double.parseDouble(t.substring(0, t.length() - 1)) / 100);
            } else if (t.startsWith("+")) {
                n = cpus + Integer.parseInt(t.substring(1));
            } else if (t.startsWith("-")) {
                n = cpus - Integer.parseInt(t.substring(1));
            } else {
                n = Integer.parseInt(t);
                if (n == 0) {
                    return UNLIMITED;
                }
                if (n < 0) {
                    throw new RunException("-j: expected N, +N, -N or N%, got '" + text + "'");
                }
            }
            if (n > Strategy.Threads.MAX_WORKERS) { // each job waits in a platform thread of its own
                throw new RunException(
                        "-j: at most " + Strategy.Threads.MAX_WORKERS + " jobs at once, got '" + text + "'");
            }
            return Math.max(1, n);
        } catch (NumberFormatException e) {
            throw new RunException("-j: expected N, +N, -N or N%, got '" + text + "'");
        }
    }
}
