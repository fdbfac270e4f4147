package dev.multitask.cli.get;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server on 127.0.0.1 over a raw ServerSocket, so that it can misbehave in ways a real server will not
 * on request: reset a connection half-way through a body, announce a Content-Length it does not send, ignore Range,
 * answer 503 with Retry-After, redirect in a loop, go silent. Every response closes its connection. Each path has a
 * {@link Behaviour}; the server records every request it gets, so that tests can check Range and If-Range headers.
 */
final class FaultServer implements AutoCloseable {

    /** What the server does for one request of a path; {@code n} counts the requests of that path from 1. */
    interface Behaviour {
        void respond(Request request, int n, OutputStream out, Socket socket) throws IOException, InterruptedException;
    }

    record Request(String method, String path, Map<String, String> headers) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket server;
    private final Map<String, Behaviour> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread acceptor;

    FaultServer() throws IOException {
        server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    String url(String path) {
        return uri(path).toString();
    }

    FaultServer route(String path, Behaviour behaviour) {
        routes.put(path, behaviour);
        return this;
    }

    int count(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Request request = readRequest(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            int n = counts.computeIfAbsent(request.path(), p -> new AtomicInteger())
                    .incrementAndGet();
            Behaviour behaviour = routes.get(request.path());
            OutputStream out = socket.getOutputStream();
            if (behaviour == null) {
                out.write(head(404, "Not Found", Map.of("Content-Length", "0")));
            } else {
                behaviour.respond(request, n, out, socket);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test is over
        } finally {
            open.remove(socket);
        }
    }

    private static Request readRequest(InputStream in) throws IOException {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
            return null;
        }
        String[] parts = line.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(
                        h.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        h.substring(colon + 1).strip());
            }
        }
        return new Request(parts[0], parts[1], headers);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                int len = line.length();
                return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    static byte[] head(int status, String reason, Map<String, String> headers) {
        StringBuilder s = new StringBuilder("HTTP/1.1 ")
                .append(status)
                .append(' ')
                .append(reason)
                .append("\r\n");
        headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
        s.append("Connection: close\r\n\r\n");
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // ---- behaviours ----

    static final String ETAG = "\"v1\"";

    /** A well-behaved file: ETag, Range and If-Range as RFC 9110 says. */
    static Behaviour file(byte[] body) {
        return file(body, Map.of());
    }

    static Behaviour file(byte[] body, Map<String, String> extraHeaders) {
        return (request, n, out, socket) -> sendFile(request, body, extraHeaders, out, Long.MAX_VALUE);
    }

    /** Sends the file, honouring Range and If-Range; writes at most {@code limit} body bytes then stops. */
    static void sendFile(Request request, byte[] body, Map<String, String> extra, OutputStream out, long limit)
            throws IOException {
        long start = 0;
        String range = request.header("Range");
        String ifRange = request.header("If-Range");
        boolean rangeOk = range != null && range.startsWith("bytes=") && (ifRange == null || ifRange.equals(ETAG));
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("ETag", ETAG);
        headers.put("Accept-Ranges", "bytes");
        if (rangeOk) {
            start = Long.parseLong(range.substring(6, range.indexOf('-')));
            if (start >= body.length) {
                headers.put("Content-Range", "bytes */" + body.length);
                headers.put("Content-Length", "0");
                out.write(head(416, "Range Not Satisfiable", headers));
                return;
            }
            headers.put("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
            headers.put("Content-Length", String.valueOf(body.length - start));
            out.write(head(206, "Partial Content", headers));
        } else {
            headers.put("Content-Length", String.valueOf(body.length));
            out.write(head(200, "OK", headers));
        }
        int length = (int) Math.min(body.length - start, limit);
        out.write(body, (int) start, length);
    }

    /** The first {@code failures} requests send {@code cut} bytes of the body and then reset the connection. */
    static Behaviour resetsMidBody(byte[] body, int cut, int failures) {
        return (request, n, out, socket) -> {
            if (n > failures) {
                sendFile(request, body, Map.of(), out, Long.MAX_VALUE);
                return;
            }
            sendFile(request, body, Map.of(), out, cut);
            out.flush();
            socket.setSoLinger(true, 0); // close() now sends RST, not FIN
            socket.close();
        };
    }

    /** Ignores Range: always 200 and the whole body; the first request is cut half-way by a reset. */
    static Behaviour ignoresRange(byte[] body) {
        return (request, n, out, socket) -> {
            Map<String, String> headers = Map.of("Content-Length", String.valueOf(body.length), "ETag", ETAG);
            out.write(head(200, "OK", headers));
            if (n == 1) {
                out.write(body, 0, body.length / 2);
                out.flush();
                socket.setSoLinger(true, 0);
                socket.close();
                return;
            }
            out.write(body);
        };
    }

    /** Answers {@code status} with Retry-After {@code retryAfter} to the first {@code failures} requests. */
    static Behaviour failsWith(int status, String retryAfter, int failures, byte[] body) {
        return (request, n, out, socket) -> {
            if (n > failures) {
                sendFile(request, body, Map.of(), out, Long.MAX_VALUE);
                return;
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Length", "0");
            if (retryAfter != null) {
                headers.put("Retry-After", retryAfter);
            }
            out.write(head(status, "Failing On Purpose", headers));
        };
    }

    /** Sends the body in chunks of {@code chunk} bytes with Transfer-Encoding: chunked, and a trailer. */
    static Behaviour chunked(byte[] body, int chunk) {
        return (request, n, out, socket) -> {
            out.write(head(200, "OK", Map.of("Transfer-Encoding", "chunked")));
            for (int off = 0; off < body.length; off += chunk) {
                int len = Math.min(chunk, body.length - off);
                out.write((Integer.toHexString(len) + ";ext=1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, off, len);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\nX-Trailer: yes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** Announces {@code claimed} bytes and sends {@code body}, shorter, then closes cleanly. */
    static Behaviour lyingLength(byte[] body, long claimed) {
        return (request, n, out, socket) -> {
            out.write(head(200, "OK", Map.of("Content-Length", String.valueOf(claimed))));
            out.write(body);
        };
    }

    /** Redirects to {@code location}, which may be itself. */
    static Behaviour redirect(String location) {
        return (request, n, out, socket) ->
                out.write(head(302, "Found", Map.of("Location", location, "Content-Length", "0")));
    }

    /** Sends the headers and {@code first} bytes, then nothing until the test ends, on the first request. */
    static Behaviour stallsOnce(byte[] body, int first, CountDownLatch until) {
        return (request, n, out, socket) -> {
            if (n > 1) {
                sendFile(request, body, Map.of(), out, Long.MAX_VALUE);
                return;
            }
            sendFile(request, body, Map.of(), out, first);
            out.flush();
            until.await(30, TimeUnit.SECONDS);
        };
    }

    /** Waits {@code latencyMillis}, then sends the body at about {@code bytesPerSecond}. */
    static Behaviour throttled(byte[] body, long latencyMillis, long bytesPerSecond) {
        return (request, n, out, socket) -> {
            Thread.sleep(latencyMillis);
            out.write(head(200, "OK", Map.of("Content-Length", String.valueOf(body.length))));
            int chunk = (int) Math.max(1, bytesPerSecond / 20);
            long startNanos = System.nanoTime();
            for (int off = 0; off < body.length; off += chunk) {
                int len = Math.min(chunk, body.length - off);
                out.write(body, off, len);
                out.flush();
                long due = startNanos + (long) ((off + len) * 1e9 / bytesPerSecond);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        };
    }
}
