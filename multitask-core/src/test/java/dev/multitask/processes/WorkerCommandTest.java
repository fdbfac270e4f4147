package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.ProcessOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which archive options a worker's command line gets, for the class path and options it is made from. */
class WorkerCommandTest {

    @TempDir
    Path dir;

    private String classPath;
    private String cacheDir;

    @BeforeEach
    void remember() {
        classPath = System.getProperty("java.class.path");
        cacheDir = System.getProperty(WorkerCommand.CACHE_PROPERTY);
    }

    @AfterEach
    void restore() {
        System.setProperty("java.class.path", classPath);
        if (cacheDir == null) {
            System.clearProperty(WorkerCommand.CACHE_PROPERTY);
        } else {
            System.setProperty(WorkerCommand.CACHE_PROPERTY, cacheDir);
        }
    }

    private Path jar(String name) throws IOException {
        Path jar = dir.resolve(name);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
        return jar;
    }

    private static boolean archiveOption(String option) {
        return option.startsWith("-XX:AOT") || option.startsWith("-XX:SharedArchiveFile");
    }

    @Test
    void aJarClassPathTrainsOneWorkerThenStartsWorkersFromTheArchive() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        System.setProperty(WorkerCommand.CACHE_PROPERTY, cache.toString());
        System.setProperty("java.class.path", jar("app.jar").toString());
        WorkerCommand command = WorkerCommand.of(ProcessOptions.defaults());
        Path archive = command.archive();
        assertThat(archive).isNotNull();
        assertThat(archive.getParent()).isEqualTo(cache);

        WorkerCommand.Launch first = command.next();
        WorkerCommand.Launch second = command.next();
        if (Runtime.version().feature() < 25) {
            assertThat(first.command()).contains("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
            return;
        }
        assertThat(first.training()).isTrue();
        assertThat(first.command())
                .anyMatch(o -> o.startsWith("-XX:AOTCacheOutput=" + archive))
                .contains("-D" + WorkerMain.TRAINING_PROPERTY + "=true");
        assertThat(second.training()).as("one training worker at a time").isFalse();
        assertThat(second.command()).noneMatch(WorkerCommandTest::archiveOption);

        Files.write(archive, new byte[] {1});
        assertThat(command.next().command()).contains("-XX:AOTCache=" + archive);
    }

    @Test
    void aDirectoryOnTheClassPathMeansNoArchive() throws IOException {
        System.setProperty(WorkerCommand.CACHE_PROPERTY, dir.resolve("cache").toString());
        System.setProperty(
                "java.class.path",
                jar("app.jar") + java.io.File.pathSeparator + Files.createDirectories(dir.resolve("classes")));

        WorkerCommand command = WorkerCommand.of(ProcessOptions.defaults());

        assertThat(command.archive()).isNull();
        assertThat(command.next().command()).noneMatch(WorkerCommandTest::archiveOption);
    }

    @Test
    void theCallersOwnArchiveOptionTurnsOursOff() throws IOException {
        System.setProperty(WorkerCommand.CACHE_PROPERTY, dir.resolve("cache").toString());
        System.setProperty("java.class.path", jar("app.jar").toString());

        WorkerCommand command = WorkerCommand.of(ProcessOptions.defaults().withJvmOptions(List.of("-Xshare:off")));

        assertThat(command.archive()).isNull();
        assertThat(command.next().command()).contains("-Xshare:off").noneMatch(WorkerCommandTest::archiveOption);
    }

    @Test
    void aRebuiltJarGetsANewArchiveOfTheSameSetUp() throws IOException {
        System.setProperty(WorkerCommand.CACHE_PROPERTY, dir.resolve("cache").toString());
        Path jar = jar("app.jar");
        System.setProperty("java.class.path", jar.toString());
        Path before = WorkerCommand.of(ProcessOptions.defaults()).archive();

        Files.write(jar, Files.readAllBytes(jar)); // same bytes, new time
        Files.setLastModifiedTime(
                jar, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
        Path after = WorkerCommand.of(ProcessOptions.defaults()).archive();

        assertThat(after).isNotEqualTo(before);
        String setUp = before.getFileName().toString().split("-")[1];
        assertThat(after.getFileName().toString()).startsWith("worker-" + setUp + "-");
    }
}
