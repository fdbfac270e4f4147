package dev.multitask.processes;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What the process pool tests share: finding our worker processes, and tasks that say where they run. */
final class Workers {

    private Workers() {}

    /** The live worker JVMs that descend from this test JVM. */
    static List<ProcessHandle> running() {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .arguments()
                        .map(args -> List.of(args).contains(WorkerMain.class.getName())
                                || String.join(" ", args).contains("/" + WorkerMain.class.getName()))
                        .orElse(false))
                .toList();
    }

    /** Waits until no worker of ours is left; closed pools must get there within seconds. */
    static void awaitNoneRunning() {
        await().atMost(Duration.ofSeconds(30)).until(() -> running().isEmpty());
    }

    /** In a worker: writes this process's pid to {@code marker}, then blocks until killed. */
    static long markAndBlock(String marker) throws Exception {
        Path path = Path.of(marker);
        Path partial = Path.of(marker + ".part");
        Files.writeString(partial, Long.toString(ProcessHandle.current().pid()));
        Files.move(partial, path);
        Thread.sleep(Duration.ofMinutes(5)); // the test kills this process long before
        return -1;
    }

    /** Waits for the marker written by {@link #markAndBlock} and returns the pid in it. */
    static long awaitMarker(Path marker) {
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(marker));
        try {
            return Long.parseLong(Files.readString(marker).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
