package dev.multitask.processes;

import dev.multitask.ProcessOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The command line of a worker JVM: this JVM's {@code java}, class path and module path, the pool's start-up options,
 * then the caller's.
 *
 * <p>Start-up options, chosen by measurement (see BENCHMARKS.md): the serial collector, which starts fastest and
 * needs the least memory for a JVM that runs one task at a time; no {@code hsperfdata} file; and, when the class path
 * is made of jar files only (the JVM cannot archive classes from directories), a class-data sharing archive of the
 * worker's classes in {@code java.io.tmpdir}, keyed by the JVM, class path and options, which the first worker writes and the
 * later ones map.
 */
final class WorkerCommand {

    private WorkerCommand() {}

    static List<String> of(ProcessOptions options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (options.jvmOptions().stream().noneMatch(WorkerCommand::choosesCollector)) {
            command.add("-XX:+UseSerialGC"); // a JVM refuses to start with two collectors chosen
        }
        command.add("-XX:-UsePerfData");
        command.add("-Xshare:auto");
        String classPath = System.getProperty("java.class.path", "");
        Path archive = sharedArchive(classPath, options.jvmOptions());
        if (archive != null) {
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + archive);
            command.add("-Xlog:cds=off");
            command.add("-Xlog:cds+dynamic=off");
        }
        command.add("-D" + WorkerMain.PARENT_PROPERTY + "="
                + ProcessHandle.current().pid());
        if (options.serialFilter() != null) {
            command.add("-D" + Serialization.FILTER_PROPERTY + "=" + options.serialFilter());
        }
        command.addAll(options.jvmOptions());
        String modulePath = System.getProperty("jdk.module.path");
        Module module = WorkerMain.class.getModule();
        if (modulePath != null && !modulePath.isEmpty()) {
            command.add("--module-path");
            command.add(modulePath);
            command.add("--add-modules");
            command.add("ALL-MODULE-PATH");
        }
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        if (module.isNamed()) {
            command.add("-m");
            command.add(module.getName() + "/" + WorkerMain.class.getName());
        } else {
            command.add(WorkerMain.class.getName());
        }
        return command;
    }

    private static boolean choosesCollector(String option) {
        return option.startsWith("-XX:+Use") && option.endsWith("GC");
    }

    private static boolean hasClassPathAttribute(String jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            return manifest != null && manifest.getMainAttributes().containsKey(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            return true;
        }
    }

    /** The archive for this JVM and class path, or {@code null} when the class path holds a directory. */
    private static Path sharedArchive(String classPath, List<String> jvmOptions) {
        if (classPath.isEmpty()) {
            return null;
        }
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry)) || hasClassPathAttribute(entry)) {
                return null; // directories, possibly behind a manifest's Class-Path, cannot be archived
            }
        }
        // Options such as -Xmx or a collector make an archive unusable, so each set of them has its own.
        String key = System.getProperty("java.home") + "|" + Runtime.version() + "|" + classPath + "|" + jvmOptions;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String name = "multitask-worker-" + HexFormat.of().formatHex(digest, 0, 8) + ".jsa";
            return Path.of(System.getProperty("java.io.tmpdir"), name);
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }
}
