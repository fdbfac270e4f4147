package dev.multitask.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A real HTTP server on 127.0.0.1 and an ephemeral port that serves a few generated images, each throttled to take
 * about a given time, like a slow server on the internet would.
 *
 * <p>The images are PPM pictures (a plain header, then RGB bytes), made from their number, so every run serves the
 * same bytes. The throttle paces each response on its own, by the clock: a chunk is written when the response's own
 * schedule says it is due. Every request runs on its own thread, so concurrent downloads do not slow each other down,
 * as with many clients of one big server; the server has no shared bandwidth to divide. The threads are platform
 * threads: a timed wait on one is a single wake-up by the kernel, where a virtual thread needs two hand-overs, and
 * each late wake-up of the last chunk would make a download look slower than its throttle.
 */
final class ImageServer implements AutoCloseable {

    static final int WIDTH = 1024;
    static final int HEIGHT = 683; // 1024 x 683 x 3 bytes: about 2 MB
    // Few, large chunks: each is a wake-up of the sending thread, and on a busy machine late wake-ups, more than bytes,
    // are what make a throttled transfer slower than its schedule (8 chunks an image measured far steadier than 64).
    private static final int CHUNK = 256 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<byte[]> images;
    private final long nanosPerImage;

    private ImageServer(HttpServer server, ExecutorService executor, List<byte[]> images, long nanosPerImage) {
        this.server = server;
        this.executor = executor;
        this.images = images;
        this.nanosPerImage = nanosPerImage;
    }

    /**
     * Starts serving {@code count} images at {@code /images/image-N.ppm}, N from 1, each sent over about {@code
     * perImage}; {@code /warm-up} answers the first image at full speed.
     */
    static ImageServer start(int count, Duration perImage) throws IOException {
        List<byte[]> images = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            images.add(image(i));
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("image-server-", 1).factory());
        ImageServer imageServer = new ImageServer(server, executor, images, perImage.toNanos());
        server.createContext("/", imageServer::handle);
        server.setExecutor(executor);
        server.start();
        return imageServer;
    }

    /** The images' addresses, in order. */
    List<URI> imageUris() {
        List<URI> uris = new ArrayList<>();
        for (int i = 1; i <= images.size(); i++) {
            uris.add(base().resolve("/images/image-" + i + ".ppm"));
        }
        return uris;
    }

    /** An address that answers an image without throttling, so that a client can warm up before it is timed. */
    URI warmUpUri() {
        return base().resolve("/warm-up");
    }

    /** Bytes in each image. */
    int imageBytes() {
        return images.getFirst().length;
    }

    private URI base() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/warm-up")) {
                send(exchange, images.getFirst(), 0);
                return;
            }
            int number = imageNumber(path);
            if (number < 1
                    || number > images.size()
                    || !exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/x-portable-pixmap");
            send(exchange, images.get(number - 1), nanosPerImage);
        }
    }

    /** Sends {@code body} in chunks, each when the response's own schedule says it is due. */
    private static void send(HttpExchange exchange, byte[] body, long totalNanos) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        long start = System.nanoTime();
        try (OutputStream out = exchange.getResponseBody()) {
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                int length = Math.min(CHUNK, body.length - offset);
                long due = start + (long) ((double) totalNanos * (offset + length) / body.length);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                out.write(body, offset, length);
                out.flush();
            }
        }
    }

    private static int imageNumber(String path) {
        String prefix = "/images/image-";
        if (!path.startsWith(prefix) || !path.endsWith(".ppm")) {
            return -1;
        }
        try {
            return Integer.parseInt(path.substring(prefix.length(), path.length() - ".ppm".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Image {@code n}: a PPM picture of diagonal bands whose colours depend on {@code n}. */
    static byte[] image(int n) {
        byte[] header = ("P6\n" + WIDTH + " " + HEIGHT + "\n255\n").getBytes(StandardCharsets.US_ASCII);
        byte[] image = new byte[header.length + WIDTH * HEIGHT * 3];
        System.arraycopy(header, 0, image, 0, header.length);
        int i = header.length;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                image[i++] = (byte) ((x + y + 40 * n) & 0xff);
                image[i++] = (byte) ((x - y + 90 * n) & 0xff);
                image[i++] = (byte) (((x ^ y) + 25 * n) & 0xff);
            }
        }
        return image;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
