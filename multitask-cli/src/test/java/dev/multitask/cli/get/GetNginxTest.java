package dev.multitask.cli.get;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.multitask.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code multitask get} against a real nginx on 127.0.0.1 serving 1,000 small files and three large ones: every file
 * arrives with the right SHA-256, and a run killed half-way (SIGKILL, a child JVM) finishes with {@code -c}, resuming
 * the large files with Range rather than starting them over.
 */
class GetNginxTest {

    static final int SMALL_FILES = 1000;
    static final int LARGE_FILES = 3;
    static final int LARGE_SIZE = 16 << 20;

    @TempDir
    static Path temp;

    static Nginx nginx;
    static Map<String, String> sha256ByName = new LinkedHashMap<>();
    static Path list;

    @BeforeAll
    static void serve() throws Exception {
        Path www = temp.resolve("www");
        Files.createDirectories(www.resolve("big"));
        Random random = new Random(42);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        StringBuilder urls = new StringBuilder("# written by GetNginxTest\n");
        nginx = Nginx.serve(www, temp.resolve("nginx"));
        // Large files first, so that they are under way when the run is killed.
        for (int i = 0; i < LARGE_FILES; i++) {
            byte[] data = new byte[LARGE_SIZE];
            random.nextBytes(data);
            String name = "large-" + i + ".bin";
            Files.write(www.resolve("big").resolve(name), data);
            sha256ByName.put(name, HexFormat.of().formatHex(digest.digest(data)));
            urls.append(nginx.url("/big/" + name))
                    .append(" sha256=")
                    .append(sha256ByName.get(name))
                    .append('\n');
        }
        for (int i = 0; i < SMALL_FILES; i++) {
            byte[] data = new byte[1 + random.nextInt(32 * 1024)];
            random.nextBytes(data);
            String name = String.format("file-%04d.dat", i);
            Files.write(www.resolve(name), data);
            sha256ByName.put(name, HexFormat.of().formatHex(digest.digest(data)));
            // Every other line gives its checksum; the test checks every file either way.
            urls.append(nginx.url("/" + name));
            if (i % 2 == 0) {
                urls.append(" sha256=").append(sha256ByName.get(name));
            }
            urls.append('\n');
        }
        list = temp.resolve("urls.txt");
        Files.writeString(list, urls);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (nginx != null) {
            nginx.close();
        }
    }

    static int runInProcess(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        int exit = cl.execute(args);
        if (exit != 0) {
            System.err.println(err);
        }
        return exit;
    }

    static void assertEveryFileArrivedIntact(Path dir) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .as("exactly the served files: no .part, no resume files, no duplicates")
                    .containsExactlyInAnyOrderElementsOf(sha256ByName.keySet());
        }
        for (Map.Entry<String, String> e : sha256ByName.entrySet()) {
            byte[] data = Files.readAllBytes(dir.resolve(e.getKey()));
            assertThat(HexFormat.of().formatHex(digest.digest(data)))
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void aThousandFilesArriveWithTheRightChecksums() throws Exception {
        Path out = temp.resolve("fresh");

        int exit = runInProcess("get", "-q", "-i", list.toString(), "-d", out.toString());

        assertThat(exit).isEqualTo(0);
        assertEveryFileArrivedIntact(out);
    }

    @Test
    void aRunKilledHalfWayFinishesWithContinueAndResumesTheLargeFiles() throws Exception {
        Path out = temp.resolve("killed");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "get",
                "-i",
                list.toString(),
                "-d",
                out.toString(),
                "-j",
                "4",
                "--limit-rate",
                "8M",
                "--progress",
                "plain"));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
        try {
            // Kill once every large file has a good part on disk, and some small files are done.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!child.isAlive()) {
                            throw new AssertionError("the run ended before it could be killed: "
                                    + Files.readString(temp.resolve("child.log")));
                        }
                        for (int i = 0; i < LARGE_FILES; i++) {
                            Path part = out.resolve("large-" + i + ".bin.part");
                            if (!Files.exists(part) || Files.size(part) < (2 << 20)) {
                                return false;
                            }
                        }
                        return true;
                    });
        } finally {
            child.destroyForcibly(); // SIGKILL: no chance to clean up
            child.waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = 0; i < LARGE_FILES; i++) {
            assertThat(out.resolve("large-" + i + ".bin"))
                    .as("never a partial file under the final name")
                    .doesNotExist();
            assertThat(out.resolve("large-" + i + ".bin.part.resume")).exists();
        }
        int logLinesBefore = nginx.accessLog().size();

        int exit = runInProcess("get", "-q", "-c", "-i", list.toString(), "-d", out.toString());

        assertThat(exit).isEqualTo(0);
        assertEveryFileArrivedIntact(out);
        List<String> resumed = nginx
                .accessLog()
                .subList(logLinesBefore, nginx.accessLog().size())
                .stream()
                .filter(line -> line.startsWith("206 /big/large-"))
                .toList();
        assertThat(resumed).as("the large files resumed with Range").hasSize(LARGE_FILES);
    }
}
