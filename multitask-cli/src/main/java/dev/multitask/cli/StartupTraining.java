package dev.multitask.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * A training run for the JDK's ahead-of-time cache ({@code -XX:AOTCacheOutput}, JDK 25 and later): the launcher runs
 * this once per build, and later runs start with the classes it loaded already parsed, linked and profiled. It runs
 * what is most sensitive to start-up time, a {@code get} of many small files and of one large one from a server on
 * 127.0.0.1 inside this JVM, and {@code --version}.
 *
 * <p>Every class loaded here is loaded again at the start of every later run, so the training itself uses as few
 * classes as it can: a bare socket server rather than the JDK's HTTP server, no temporary-file or stream APIs.
 *
 * <p>Not a command: nothing here is part of the tool's interface, and it writes only to a directory of its own under
 * {@code java.io.tmpdir}, which it deletes.
 */
public final class StartupTraining {

    private static final int SMALL_FILES = 64;
    private static final int SMALL_BYTES = 100 * 1024;
    private static final int LARGE_BYTES = 16 << 20;

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        train();
        // Every run ends in System.exit, which (JDK 21 and later) looks up the "java.lang.Runtime" logger to log the
        // exit at debug level: ~20 logging classes, loaded from the JDK's image at every exit unless loaded here.
        System.exit(ExitCodes.OK);
    }

    /** The training without the exit, for its test. */
    static void train() throws Exception {
        byte[] small = new byte[SMALL_BYTES];
        byte[] large = new byte[LARGE_BYTES];
        Path directory = Path.of(
                System.getProperty("java.io.tmpdir"),
                "multitask-training-" + ProcessHandle.current().pid());
        try (ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress())) {
            Thread.ofPlatform().daemon().start(() -> accept(server, small, large));
            String base = "http://127.0.0.1:" + server.getLocalPort();
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < SMALL_FILES; i++) {
                urls.add(base + "/small/f" + i + ".bin");
            }
            Files.createDirectories(directory);
            Path list = directory.resolve("urls.txt");
            Files.write(list, urls);
            // Both ways a list arrives and both endings: -i FILE and -q (as bench/get-vs-wget2 runs it), and URL
            // arguments with the summary (as a user and the lesson's case run it).
            for (int round = 0; round < 2; round++) {
                String out = directory.resolve("round" + round).toString();
                List<String> smallGet = new ArrayList<>(List.of("get", "-j", "16", "-d", out));
                if (round == 0) {
                    smallGet.addAll(List.of("-q", "-i", list.toString()));
                } else {
                    smallGet.addAll(List.of("--progress", "none"));
                    smallGet.addAll(urls);
                }
                run(smallGet);
                run(List.of("get", "-q", "-d", out, base + "/large/big.bin"));
            }
            run(List.of("--version"));
        } finally {
            delete(directory);
        }
    }

    private static void run(List<String> args) {
        CommandLine commandLine = Main.commandLine();
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        commandLine.setOut(nowhere).setErr(nowhere);
        int exit = commandLine.execute(args.toArray(String[]::new));
        if (exit != ExitCodes.OK) { // a cache trained on a failing run would hold the wrong classes
            throw new IllegalStateException("training run failed with exit code " + exit + ": " + args.get(0));
        }
    }

    private static void accept(ServerSocket server, byte[] small, byte[] large) {
        try {
            while (true) {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().start(() -> serve(socket, small, large));
            }
        } catch (IOException e) {
            // closed: training is over
        }
    }

    /** Answers GET requests on one kept-alive connection: paths under /large get the large body. */
    private static void serve(Socket socket, byte[] small, byte[] large) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (String requestLine = line(in); requestLine != null; requestLine = line(in)) {
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    // headers are not needed
                }
                byte[] body = requestLine.contains(" /large") ? large : small;
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed the connection
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                return null;
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            for (String name : path.toFile().list()) {
                delete(path.resolve(name));
            }
        }
        Files.deleteIfExists(path);
    }
}
