package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.Pool;
import dev.multitask.SerializableCallable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workers' start-up archive, with real workers on a class path of one jar (the JVM archives classes from jars
 * only): made once, by the first pool, then started from; and no archive at all, but working workers, when there is
 * nowhere to keep one.
 */
class WorkerArchiveTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private String classPath;
    private String cacheDir;

    @BeforeEach
    void runOnOneJar() throws IOException, URISyntaxException {
        classPath = System.getProperty("java.class.path");
        cacheDir = System.getProperty(WorkerCommand.CACHE_PROPERTY);
        Path jar = dir.resolve("app.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            for (Class<?> from : List.of(WorkerMain.class, WorkerArchiveTest.class)) {
                Path root = Path.of(
                        from.getProtectionDomain().getCodeSource().getLocation().toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path path : files.filter(Files::isRegularFile).toList()) {
                        out.putNextEntry(
                                new JarEntry(root.relativize(path).toString().replace('\\', '/')));
                        Files.copy(path, out);
                        out.closeEntry();
                    }
                }
            }
        }
        System.setProperty("java.class.path", jar.toString());
    }

    @AfterEach
    void restore() {
        System.setProperty("java.class.path", classPath);
        if (cacheDir == null) {
            System.clearProperty(WorkerCommand.CACHE_PROPERTY);
        } else {
            System.setProperty(WorkerCommand.CACHE_PROPERTY, cacheDir);
        }
        Workers.awaitNoneRunning();
    }

    private static int runOneTask() throws Exception {
        try (Pool pool = Pool.processes(2)) {
            return pool.submit((SerializableCallable<Integer>) () -> 6 * 7).result(WAIT);
        }
    }

    @Test
    void theFirstPoolMakesTheArchiveAndLaterPoolsStartFromIt() throws Exception {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        System.setProperty(WorkerCommand.CACHE_PROPERTY, cache.toString());
        Path archive = WorkerCommand.of(dev.multitask.ProcessOptions.defaults()).archive();
        assertThat(archive).isNotNull().doesNotExist();

        assertThat(runOneTask()).isEqualTo(42);
        if (!Files.exists(archive)) {
            // Writing the cache is best effort (a run never fails for it), and once in six suite runs on a loaded
            // 2-core machine the JVM's dump left none, cause not found; the next pool trains again.
            assertThat(runOneTask()).isEqualTo(42);
        }
        assertThat(archive)
                .as("written by a training worker as its pool closed")
                .isNotEmptyFile();
        FileTime made = Files.getLastModifiedTime(archive);

        try (Pool pool = Pool.processes(2)) {
            assertThat(pool.submit((SerializableCallable<Integer>) () -> 6 * 7).result(WAIT))
                    .isEqualTo(42);
            assertThat(Workers.running()).hasSize(2).allMatch(worker -> worker.info()
                    .arguments()
                    .map(args -> String.join(" ", args).contains(archive.toString()))
                    .orElse(false));
        }
        assertThat(Files.getLastModifiedTime(archive))
                .as("started from, not made again")
                .isEqualTo(made);
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left).as("no partial archive left behind").containsExactly(archive);
        }
    }

    @Test
    void withNowhereToKeepAnArchiveWorkersStartWithout() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "");
        System.setProperty(
                WorkerCommand.CACHE_PROPERTY, notADirectory.resolve("cache").toString());

        assertThat(WorkerCommand.of(dev.multitask.ProcessOptions.defaults()).archive())
                .isNull();
        assertThat(runOneTask()).isEqualTo(42);
    }
}
