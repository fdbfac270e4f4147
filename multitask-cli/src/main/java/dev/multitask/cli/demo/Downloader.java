package dev.multitask.cli.demo;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Downloads with {@link HttpClient}, streaming each body and counting its bytes rather than keeping them, so that
 * memory stays small whatever the size. Safe for many threads at once.
 */
final class Downloader implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    /**
     * Downloads {@code uri} and returns how many bytes its body had.
     *
     * @throws DemoFailure if it cannot be had: no answer, a status other than 200, a broken transfer
     */
    long download(URI uri) {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET().build();
        try {
            HttpResponse<Long> response = client.send(
                    request,
                    ok -> ok.statusCode() == 200
                            ? HttpResponse.BodySubscribers.fromSubscriber(new ByteCounter(), ByteCounter::total)
                            : HttpResponse.BodySubscribers.replacing(-1L));
            if (response.statusCode() != 200) {
                throw new DemoFailure("cannot download " + uri + ": the server answered HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new DemoFailure("cannot download " + uri + ": " + reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while downloading " + uri, e);
        }
    }

    /**
     * Counts a body's bytes as they arrive and drops them: no copy, no buffer of the whole body, and no hand-over to
     * a reading thread, which keeps the CPU cost of a download low when several run at once on a busy machine.
     */
    private static final class ByteCounter implements Flow.Subscriber<List<ByteBuffer>> {
        private volatile long total; // written by one thread at a time, as Flow serialises onNext

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long sum = total;
            for (ByteBuffer buffer : buffers) {
                sum += buffer.remaining();
            }
            total = sum;
        }

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}

        long total() {
            return total;
        }
    }

    /** Why a transfer failed, in a few words: the JDK's exceptions often carry no message. */
    static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s";
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer within " + RESPONSE_TIMEOUT.toSeconds() + " s";
            }
            if (t instanceof ConnectException && t.getMessage() == null) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        return failure.getClass().getSimpleName();
    }

    @Override
    public void close() {
        client.close();
    }
}
