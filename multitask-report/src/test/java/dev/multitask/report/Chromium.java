package dev.multitask.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run once per call with a fresh profile and nothing that reaches the network, as the
 * project's scripts install it ({@code scripts/test-tools.txt}).
 */
final class Chromium {

    /** What one run of the browser printed. */
    record Output(int exitCode, String stdout, String stderr) {}

    private static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {}

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** The page's DOM after its scripts ran (up to 10 s of virtual time). */
    static Output dumpDom(Path page, Path profile) throws IOException, InterruptedException {
        return run(
                profile,
                "--dump-dom",
                "--virtual-time-budget=10000",
                page.toUri().toString());
    }

    static Output screenshot(Path page, Path png, Path profile, int width, int height)
            throws IOException, InterruptedException {
        return run(
                profile,
                "--screenshot=" + png.toAbsolutePath(),
                "--window-size=" + width + "," + height,
                "--hide-scrollbars",
                "--virtual-time-budget=10000",
                page.toUri().toString());
    }

    private static Output run(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                BINARY.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + profile.toAbsolutePath()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chromium did not finish within 120 s: " + command);
        }
        return new Output(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
