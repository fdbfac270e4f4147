package dev.multitask.cli.get;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx serving a directory on 127.0.0.1, started by the test with a generated configuration and a temporary
 * prefix, and stopped by {@link #close}. nginx is installed by {@code scripts/install-test-deps}
 * ({@code scripts/test-tools.txt}). Its access log records status, URI and Range of every request.
 */
final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path prefix;

    private Nginx(Process process, int port, Path prefix) {
        this.process = process;
        this.port = port;
        this.prefix = prefix;
    }

    static Nginx serve(Path root, Path prefix) throws IOException, InterruptedException {
        String binary = find();
        IOException last = null;
        for (int tries = 0; tries < 3; tries++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0)) {
                port = probe.getLocalPort();
            }
            Files.createDirectories(prefix.resolve("logs"));
            Path conf = prefix.resolve("nginx.conf");
            Files.writeString(conf, config(root, prefix, port));
            Process p = new ProcessBuilder(binary, "-p", prefix.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                    .start();
            try {
                int finalPort = port;
                await().atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            if (!p.isAlive()) {
                                return true;
                            }
                            try (Socket s = new Socket()) {
                                s.connect(new InetSocketAddress("127.0.0.1", finalPort), 200);
                                return true;
                            } catch (IOException e) {
                                return false;
                            }
                        });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                p.destroyForcibly();
                throw new IOException("nginx did not start listening", e);
            }
            if (p.isAlive()) {
                return new Nginx(p, port, prefix);
            }
            last = new IOException("nginx exited: " + Files.readString(prefix.resolve("logs/error.log")));
        }
        throw last;
    }

    private static String find() {
        for (String dir : List.of("/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/nginx/sbin")) {
            if (Files.isExecutable(Path.of(dir, "nginx"))) {
                return dir + "/nginx";
            }
        }
        throw new IllegalStateException(
                "nginx is not installed: run scripts/install-test-deps (it reads scripts/test-tools.txt)");
    }

    private static String config(Path root, Path prefix, int port) {
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                user root;
                pid %2$s/nginx.pid;
                error_log %2$s/logs/error.log warn;
                events { worker_connections 1024; }
                http {
                    log_format ranges '$status $request_uri "$http_range" $body_bytes_sent';
                    access_log %2$s/logs/access.log ranges;
                    client_body_temp_path %2$s/client_body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    sendfile on;
                    keepalive_requests 100000;
                    default_type application/octet-stream;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %1$s;
                    }
                }
                """.formatted(root, prefix, port);
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    List<String> accessLog() throws IOException {
        Path log = prefix.resolve("logs/access.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
