package dev.multitask.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ImageServerTest {

    @Test
    void servesTheSameWholeImageEveryTime() throws Exception {
        try (ImageServer server = ImageServer.start(2, Duration.ZERO);
                HttpClient client = HttpClient.newHttpClient()) {
            URI first = server.imageUris().getFirst();

            byte[] once = get(client, first).body();
            byte[] twice = get(client, first).body();
            byte[] second = get(client, server.imageUris().get(1)).body();

            String header = "P6\n1024 683\n255\n";
            assertThat(once).hasSize(header.length() + 1024 * 683 * 3).isEqualTo(twice);
            assertThat(new String(once, 0, header.length(), StandardCharsets.US_ASCII))
                    .isEqualTo(header);
            assertThat(Arrays.equals(once, second)).isFalse();
        }
    }

    @Test
    void answersNotFoundForAnythingButItsImages() throws Exception {
        try (ImageServer server = ImageServer.start(2, Duration.ZERO);
                HttpClient client = HttpClient.newHttpClient()) {
            URI base = server.imageUris().getFirst();
            for (String path : List.of("image-3.ppm", "image-0.ppm", "image-x.ppm", "/other")) {
                assertThat(get(client, base.resolve(path)).statusCode())
                        .as(path)
                        .isEqualTo(404);
            }
        }
    }

    @Test
    void throttlesEachImageWithoutConcurrentDownloadsSlowingEachOther() throws Exception {
        Duration perImage = Duration.ofMillis(300);
        try (ImageServer server = ImageServer.start(3, perImage);
                Downloader downloader = new Downloader();
                ExecutorService threads = Executors.newFixedThreadPool(3)) {
            downloader.download(server.warmUpUri());

            long start = System.nanoTime();
            long bytes = downloader.download(server.imageUris().getFirst());
            double alone = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            List<Future<Long>> all = server.imageUris().stream()
                    .map(uri -> threads.submit(() -> downloader.download(uri)))
                    .toList();
            for (Future<Long> download : all) {
                assertThat(download.get()).isEqualTo(server.imageBytes());
            }
            double together = (System.nanoTime() - start) / 1e9;

            assertThat(bytes).isEqualTo(server.imageBytes());
            assertThat(alone).isBetween(0.28, 1.5);
            assertThat(together).isLessThan(alone * 1.7); // three at once are not three times as slow
        }
    }

    private static HttpResponse<byte[]> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
