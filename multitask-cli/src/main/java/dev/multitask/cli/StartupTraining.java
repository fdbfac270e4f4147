package dev.multitask.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A training run for the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25 and later): the launcher runs
 * this once per build, and later runs start with the classes it loaded already parsed, linked and profiled. It runs
 * what users start most and what is most sensitive to start-up time, a {@code get} of many small files and of one
 * large one from a server on 127.0.0.1 inside this JVM, plus {@code --version} and {@code get --help}.
 *
 * <p>Not a command: nothing here is part of the tool's interface, and it writes only to a temporary directory.
 */
public final class StartupTraining {

    private static final int SMALL_FILES = 64;
    private static final int SMALL_BYTES = 100 * 1024;
    private static final int LARGE_BYTES = 16 << 20;

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        byte[] small = new byte[SMALL_BYTES];
        byte[] large = new byte[LARGE_BYTES];
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestURI().getPath().startsWith("/large") ? large : small;
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.setExecutor(handlers);
        server.start();
        Path directory = Files.createTempDirectory("multitask-training");
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            List<String> smallUrls = new ArrayList<>();
            for (int i = 0; i < SMALL_FILES; i++) {
                smallUrls.add(base + "/small/f" + i + ".bin");
            }
            for (int round = 0; round < 2; round++) {
                Path out = directory.resolve("round" + round);
                run(concat(List.of("get", "-q", "-j", "16", "-d", out.toString()), smallUrls));
                run(List.of("get", "-q", "-d", out.toString(), base + "/large/big.bin"));
            }
            run(List.of("--version"));
            run(List.of("get", "--help"));
        } finally {
            server.stop(0);
            handlers.shutdownNow();
            deleteTree(directory);
        }
    }

    private static void run(List<String> args) {
        CommandLine commandLine = Main.commandLine();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        commandLine.setOut(nowhere).setErr(nowhere);
        commandLine.execute(args.toArray(String[]::new));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteTree(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
