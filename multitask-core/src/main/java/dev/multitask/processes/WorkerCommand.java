package dev.multitask.processes;

import dev.multitask.ProcessOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command line of a pool's worker JVMs: this JVM's {@code java}, class path and module path, the pool's start-up
 * options, then the caller's.
 *
 * <p>Start-up options, chosen by measurement (see BENCHMARKS.md): the serial collector, which starts fastest and
 * needs the least memory for a JVM that runs one task at a time; no {@code hsperfdata} file; and, when the class path
 * is made of jar files only (the JVM cannot archive classes from directories), an archive of the classes a worker
 * loads, links and profiles, kept in a per-user cache directory and keyed by the JVM, the class path (with each jar's
 * size and time) and the options. On JDK 25 and later it is an AOT cache (JEP 483, 514, 515): the first worker of a
 * process that finds none is started with {@code -XX:AOTCacheOutput}, writes the cache when it exits, and later
 * workers start from it; measured here, a worker then reaches its first result with about a third less CPU than
 * from the JDK's own archive. On JDK 21 to 24 it is a dynamic class-data sharing archive
 * ({@code -XX:+AutoCreateSharedArchive}). A caller's own archive option ({@code -XX:AOTCache}, {@code
 * -XX:SharedArchiveFile}, {@code -Xshare}) turns this off.
 */
final class WorkerCommand {

    /** The system property that overrides where worker archives are kept; an empty value keeps none. */
    static final String CACHE_PROPERTY = "multitask.worker.cacheDir";

    /**
     * How many training workers this JVM runs at once per archive. Each costs a dump of seconds of CPU when it exits,
     * which the first pool's close waits for; one with the rehearsal covers what every worker's first task needs.
     */
    private static final int MAX_TRAINING = 1;

    /** Archives whose training workers this JVM has started, and how many of them are still running. */
    private static final Map<Path, AtomicInteger> TRAINING = new ConcurrentHashMap<>();

    /** Checking the jars' manifests costs a read of each jar's directory: once per class path and JVM is enough. */
    private static final Map<String, Boolean> ARCHIVABLE = new ConcurrentHashMap<>();

    private static final AtomicLong TRAINING_RUNS = new AtomicLong();

    private final List<String> before; // java and options, up to where an archive option goes
    private final List<String> after; // the rest: caller's options, paths, main class
    private final Path archive; // or null
    private final boolean aot;

    /** One worker's command, and what to do once that worker has exited. */
    record Launch(List<String> command, Runnable onExit, boolean training) {}

    private WorkerCommand(List<String> before, List<String> after, Path archive, boolean aot) {
        this.before = before;
        this.after = after;
        this.archive = archive;
        this.aot = aot;
    }

    static WorkerCommand of(ProcessOptions options) {
        List<String> before = new ArrayList<>();
        before.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Plain loops and no lambdas on the way to a pool's first worker, here and in next(): in a fresh process,
        // linking each lambda or stream pipeline costs about a millisecond before the first worker can start.
        boolean collectorChosen = false;
        boolean archiveChosen = false;
        for (String option : options.jvmOptions()) {
            collectorChosen |= choosesCollector(option);
            archiveChosen |= choosesArchive(option);
        }
        if (!collectorChosen) {
            before.add("-XX:+UseSerialGC"); // a JVM refuses to start with two collectors chosen
        }
        before.add("-XX:-UsePerfData");
        List<String> after = new ArrayList<>();
        after.add("-D" + WorkerMain.PARENT_PROPERTY + "="
                + ProcessHandle.current().pid());
        if (options.serialFilter() != null) {
            after.add("-D" + Serialization.FILTER_PROPERTY + "=" + options.serialFilter());
        }
        after.addAll(options.jvmOptions());
        String classPath = System.getProperty("java.class.path", "");
        String modulePath = System.getProperty("jdk.module.path");
        Module module = WorkerMain.class.getModule();
        if (modulePath != null && !modulePath.isEmpty()) {
            after.add("--module-path");
            after.add(modulePath);
            after.add("--add-modules");
            after.add("ALL-MODULE-PATH");
        }
        if (!classPath.isEmpty()) {
            after.add("-cp");
            after.add(classPath);
        }
        if (module.isNamed()) {
            after.add("-m");
            after.add(module.getName() + "/" + WorkerMain.class.getName());
        } else {
            after.add(WorkerMain.class.getName());
        }
        boolean aot = Runtime.version().feature() >= 25;
        Path archive = archiveChosen || (modulePath != null && !modulePath.isEmpty())
                ? null
                : archive(classPath, before, options.jvmOptions(), aot);
        return new WorkerCommand(List.copyOf(before), List.copyOf(after), archive, aot);
    }

    /**
     * The command for the next worker: one that starts from the archive if it exists; else, once per archive and
     * JVM, one that writes it when it exits; else one without.
     */
    Launch next() {
        List<String> command = new ArrayList<>(before);
        Runnable onExit = NOTHING;
        boolean training = false;
        if (archive != null && !aot) {
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xlog:cds=off");
            command.add("-Xlog:cds+dynamic=off");
        } else if (archive != null && Files.isRegularFile(archive)) {
            command.add("-XX:AOTCache=" + archive);
            command.add("-Xlog:aot=off"); // a cache gone stale is ignored; the worker starts without it
            command.add("-Xlog:cds=off");
        } else if (archive != null && startTraining(archive)) {
            Path output = archive.resolveSibling(archive.getFileName() + "."
                    + ProcessHandle.current().pid() + "-" + TRAINING_RUNS.incrementAndGet() + ".tmp");
            command.add("-XX:AOTCacheOutput=" + output);
            command.add("-Xlog:aot=off");
            command.add("-Xlog:cds=off");
            onExit = new Publish(output, archive);
            command.add("-D" + WorkerMain.TRAINING_PROPERTY + "=true");
            training = true;
        }
        command.addAll(after);
        return new Launch(List.copyOf(command), onExit, training);
    }

    private static final Runnable NOTHING = new Runnable() {
        @Override
        public void run() {}
    };

    /** Moves a training worker's cache into place once it has exited, once; see {@link #publish}. */
    private static final class Publish implements Runnable {
        private final Path output;
        private final Path archive;
        private final AtomicBoolean done = new AtomicBoolean();

        Publish(Path output, Path archive) {
            this.output = output;
            this.archive = archive;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                publish(output, archive);
            }
        }
    }

    /** The archive's path, or {@code null} if there is none; for tests and benchmarks. */
    Path archive() {
        return archive;
    }

    private static boolean startTraining(Path archive) {
        AtomicInteger running = TRAINING.computeIfAbsent(archive, a -> new AtomicInteger());
        while (true) {
            int now = running.get();
            if (now >= MAX_TRAINING) {
                return false;
            }
            if (running.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /**
     * Moves a training worker's cache into place, whole, unless the cache already there is bigger: a worker that
     * ran more of the pool's tasks has loaded more of their classes. Drops it if the worker died before writing it.
     */
    private static void publish(Path output, Path archive) {
        try {
            long size = Files.exists(output) ? Files.size(output) : 0;
            if (size > 0 && (!Files.exists(archive) || Files.size(archive) < size)) {
                try {
                    Files.move(output, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(output, archive, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            // no cache this time; the next process to start a pool tries again
        } finally {
            deleteQuietly(output);
            deleteQuietly(Path.of(output + ".config"));
            TRAINING.get(archive).decrementAndGet();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the next clean-up of stale archives
        }
    }

    private static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private static boolean choosesArchive(String option) {
        return option.startsWith("-XX:SharedArchiveFile")
                || option.startsWith("-XX:AOT")
                || option.startsWith("-Xshare")
                || option.contains("ArchiveClassesAtExit");
    }

    private static boolean hasClassPathAttribute(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().containsKey(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The archive for this JVM, class path and options, or {@code null} when the class path holds a directory or
     * there is no cache directory. Archives of the same JVM, class path and options made from older jars are deleted.
     */
    private static Path archive(String classPath, List<String> ours, List<String> jvmOptions, boolean aot) {
        if (classPath.isEmpty()) {
            return null;
        }
        Path directory = cacheDirectory();
        if (directory == null) {
            return null;
        }
        String[] entries = classPath.split(File.pathSeparator);
        StringBuilder jars = new StringBuilder();
        for (String entry : entries) {
            Path jar = Path.of(entry).toAbsolutePath();
            if (!entry.endsWith(".jar") || !Files.isRegularFile(jar)) {
                return null; // the JVM cannot archive classes from directories
            }
            try {
                jars.append(jar)
                        .append('|')
                        .append(Files.size(jar))
                        .append('|')
                        .append(Files.getLastModifiedTime(jar).toMillis())
                        .append('|');
            } catch (IOException e) {
                return null;
            }
        }
        // Options such as -Xmx or a collector make an archive unusable, so each set of them has its own.
        // java.runtime.version, not Runtime.version(), whose toString runs a stream pipeline of lambdas
        String setup = System.getProperty("java.home") + "|" + System.getProperty("java.runtime.version") + "|" + ours
                + "|" + jvmOptions + "|" + classPath;
        String prefix = "worker-" + hash(setup) + "-";
        String name = prefix + hash(jars.toString()) + (aot ? ".aot" : ".jsa");
        Path archive = directory.resolve(name);
        if (Files.exists(archive)) {
            // Made from these very jars, so they passed the check below. Reading the directory of a jar of thousands of
            // classes costs a fresh process tens of milliseconds before it can start its first worker.
            return archive;
        }
        if (ARCHIVABLE.computeIfAbsent(jars.toString(), k -> {
                    for (String entry : entries) {
                        if (hasClassPathAttribute(entry)) {
                            return false; // directories, possibly behind a manifest's Class-Path, cannot be archived
                        }
                    }
                    return true;
                })
                == Boolean.FALSE) {
            return null;
        }
        deleteStale(directory, prefix, name);
        return archive;
    }

    /**
     * Deletes archives of the same set-up made from jars that have changed since, and the partial output of training
     * workers whose pool's process died before moving it into place.
     */
    private static void deleteStale(Path directory, String prefix, String current) {
        long hourAgo = System.currentTimeMillis() - 3_600_000;
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(directory, "worker-*")) {
            for (Path path : stale) {
                String name = path.getFileName().toString();
                boolean replaced = name.startsWith(prefix)
                        && !name.startsWith(current)
                        && (name.endsWith(".aot") || name.endsWith(".jsa"));
                boolean abandoned = (name.endsWith(".tmp") || name.endsWith(".config"))
                        && Files.getLastModifiedTime(path).toMillis() < hourAgo;
                if (replaced || abandoned) {
                    deleteQuietly(path);
                }
            }
        } catch (IOException e) {
            // they stay; each is only a file in a cache
        }
    }

    /**
     * Where archives are kept: {@value #CACHE_PROPERTY} if set, else {@code $XDG_CACHE_HOME/multitask}, else {@code
     * ~/.cache/multitask}, else {@code java.io.tmpdir}; {@code null} if none can be made.
     */
    static Path cacheDirectory() {
        String chosen = System.getProperty(CACHE_PROPERTY);
        List<Path> candidates = new ArrayList<>();
        if (chosen != null) {
            if (chosen.isEmpty()) {
                return null;
            }
            candidates.add(Path.of(chosen));
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isEmpty()) {
                candidates.add(Path.of(xdg, "multitask"));
            }
            String home = System.getProperty("user.home");
            if (home != null && !home.isEmpty() && !home.equals("?")) {
                candidates.add(Path.of(home, ".cache", "multitask"));
            }
            candidates.add(
                    Path.of(System.getProperty("java.io.tmpdir"), "multitask-" + System.getProperty("user.name")));
        }
        for (Path candidate : candidates) {
            try {
                Files.createDirectories(candidate);
                if (Files.isWritable(candidate)) {
                    return candidate;
                }
            } catch (IOException | SecurityException e) {
                // try the next
            }
        }
        return null;
    }

    /** 64 bits of FNV-1a, in hex: enough to tell set-ups apart, and free of the security providers' start-up. */
    private static String hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        String hex = Long.toHexString(h); // not String.format, whose parser a fresh process would load for this alone
        return "0".repeat(16 - hex.length()) + hex;
    }
}
