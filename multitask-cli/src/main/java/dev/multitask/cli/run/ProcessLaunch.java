package dev.multitask.cli.run;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Chooses how the JDK starts child processes, before it starts the first one.
 *
 * <p>On Linux the JDK's default, {@code POSIX_SPAWN}, execs a helper ({@code jspawnhelper}) that then execs the
 * command: two execs per job. {@code VFORK} execs the command directly and measured about 1.5x faster for short jobs
 * here (see BENCHMARKS.md), which is the whole game for thousands of {@code true} jobs. The JDK deprecated {@code
 * VFORK} in 25 (printing a warning to standard error when its process class initialises) and will remove it, and an
 * unsupported value would break every process start of the JVM; so this picks {@code VFORK} only on Linux, only on
 * JDK 21 to 25 where it exists, and only when nobody set {@code jdk.lang.Process.launchMechanism} (set it to {@code
 * POSIX_SPAWN} to opt out). The JDK's warning is kept off the user's terminal. (No environment variable can switch
 * this: reading the environment initialises the JDK's process class, which fixes the mechanism.)
 */
public final class ProcessLaunch {

    private static final String PROPERTY = "jdk.lang.Process.launchMechanism";

    private ProcessLaunch() {}

    /**
     * Call first thing in {@code main}: the JDK fixes the mechanism when its process class initialises, which any
     * {@code System.getenv} does (picocli calls it while building the command line). Later calls have no effect.
     */
    public static synchronized void preferDirectExec() {
        int feature = Runtime.version().feature();
        if (!System.getProperty("os.name", "").equals("Linux")
                || feature < 21
                || feature > 25
                || System.getProperty(PROPERTY) != null) {
            return;
        }
        PrintStream err = System.err;
        try {
            System.setProperty(PROPERTY, "VFORK");
            System.setErr(new PrintStream(OutputStream.nullOutputStream()));
            Class.forName("java.lang.ProcessImpl", true, ProcessLaunch.class.getClassLoader());
        } catch (ReflectiveOperationException | LinkageError e) {
            // no such class on this JDK: the default mechanism stays
        } finally {
            System.setErr(err);
        }
    }
}
