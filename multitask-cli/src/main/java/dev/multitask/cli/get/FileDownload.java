package dev.multitask.cli.get;

import dev.multitask.cli.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One file: the HTTP attempts, retries and resumes that bring its body to disk, and the final rename.
 *
 * <p>The body goes to {@code NAME.part} through one buffer, so memory does not grow with the file. When an attempt
 * fails half-way, the next one asks for the rest with {@code Range}, made conditional by {@code If-Range} on the
 * validator (a strong ETag, else Last-Modified) of the first response: a server whose file changed, or that ignores
 * ranges, sends the whole body again with 200 and the download starts over from zero. A validator is also written
 * next to the {@code .part} file ({@code NAME.part.resume}) for large bodies, so that a later run with {@code -c} can
 * resume after the process was killed; small bodies simply start over. Only a complete body (the length the server
 * announced, and the expected SHA-256 if given) is renamed to its final name.
 */
final class FileDownload {

    /** Bodies at least this large, or of unknown length, get a resume file; smaller ones are fetched again. */
    static final long RESUMABLE_SIZE = 1 << 20;

    private static final int BUFFER_SIZE = 64 * 1024;
    /**
     * One buffer per thread: with -j, the pool's j worker threads run every download, so a run of 1,000 small files
     * allocates j buffers rather than 1,000.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final DownloadRequest request;
    private final GetSettings settings;
    private final Http1Client client;
    private final OutputDirectory output;
    private final RetryPolicy retryPolicy;
    private final RateLimiter rateLimiter;
    private final Progress progress;

    private final String name;
    private Validator validator;
    private String finalName;
    private int attempts;
    private long bodyBytes;

    FileDownload(
            DownloadRequest request,
            String claimedName,
            GetSettings settings,
            Http1Client client,
            OutputDirectory output,
            RetryPolicy retryPolicy,
            RateLimiter rateLimiter,
            Progress progress) {
        this.request = request;
        this.name = claimedName;
        this.settings = settings;
        this.client = client;
        this.output = output;
        this.retryPolicy = retryPolicy;
        this.rateLimiter = rateLimiter;
        this.progress = progress;
    }

    /** Downloads the file, trying again as the policy allows; never throws except for an interrupt. */
    DownloadResult run() throws InterruptedException {
        long start = System.nanoTime();
        DownloadResult result = null;
        try {
            if (output.policy() == ExistingFilePolicy.SKIP && output.exists(name)) {
                result = result(
                        start, output.file(name), sizeOf(output.file(name)), DownloadResult.Status.SKIPPED, null);
                return result;
            }
            try (Progress.Item item = progress.begin(name)) {
                result = download(start, item);
                return result;
            }
        } finally {
            if (result == null || result.failed()) { // null: interrupted
                progress.failed();
            }
            progress.step();
        }
    }

    private DownloadResult download(long start, Progress.Item item) throws InterruptedException {
        if (settings.resume()) {
            validator = Validator.read(output.resumeFile(name));
        }
        while (true) {
            attempts++;
            try {
                Path path = attempt(item);
                return result(start, path, bodyBytes, DownloadResult.Status.OK, null); // finish() set bodyBytes
            } catch (DownloadException e) {
                if (!e.retryable() || !retryPolicy.mayRetry(attempts)) {
                    String message = e.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : "");
                    return result(start, null, bodyBytes, DownloadResult.Status.FAILED, message);
                }
                Duration wait = retryPolicy.waitAfter(attempts, e);
                Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            }
        }
    }

    private DownloadResult result(long start, Path path, long bytes, DownloadResult.Status status, String error) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new DownloadResult(request.uri(), path, bytes, status, attempts, seconds, error);
    }

    /** One attempt: returns the final path, or throws why it failed. */
    private Path attempt(Progress.Item item) throws DownloadException, InterruptedException {
        Path part = output.partFile(name);
        long offset = validator != null ? sizeOf(part) : 0;
        try (Http1Client.Response response = send(offset)) {
            return receive(response, offset, part, item);
        } catch (LocalWriteException e) {
            throw DownloadException.fatal(e.getMessage(), e.getCause());
        } catch (SocketTimeoutException e) {
            throw DownloadException.retryable("no data for " + seconds(settings.readTimeout()) + " (read timeout)");
        } catch (IOException e) {
            throw DownloadException.retryable("network error: " + describe(e), e);
        }
    }

    /** Sends the request, following redirects up to the limit; returns a response that is not a redirect. */
    private Http1Client.Response send(long offset) throws DownloadException, InterruptedException {
        URI uri = request.uri();
        for (int redirects = 0; ; redirects++) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            List<Map.Entry<String, String>> headers =
                    new ArrayList<>(settings.headers().size() + 3);
            headers.add(Map.entry("User-Agent", settings.userAgent()));
            headers.addAll(settings.headers());
            if (offset > 0) {
                headers.add(Map.entry("Range", "bytes=" + offset + "-"));
                headers.add(Map.entry("If-Range", validator.value()));
            }
            Http1Client.Response response;
            try {
                response = client.get(uri, headers);
            } catch (Http1Client.ConnectTimeoutException e) {
                throw DownloadException.retryable("connect timed out after " + seconds(settings.connectTimeout()));
            } catch (SocketTimeoutException e) {
                throw DownloadException.retryable("no response within " + seconds(settings.readTimeout()));
            } catch (UnknownHostException e) {
                throw DownloadException.fatal("unknown host " + uri.getHost());
            } catch (ConnectException e) {
                throw DownloadException.retryable("cannot connect to " + ConnectionLimits.hostKey(uri) + reason(e), e);
            } catch (IOException e) {
                throw DownloadException.retryable("network error: " + describe(e), e);
            }
            int status = response.statusCode();
            if (!REDIRECTS.contains(status)) {
                return response;
            }
            response.close();
            String location = response.header("Location");
            if (location == null) {
                throw DownloadException.fatal("HTTP " + status + " redirect without a Location");
            }
            if (redirects >= settings.maxRedirects()) {
                throw DownloadException.fatal("too many redirects (more than " + settings.maxRedirects() + ")");
            }
            URI next;
            try {
                next = uri.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw DownloadException.fatal("redirect to a bad URL: " + location);
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || next.getHost() == null) {
                throw DownloadException.fatal("redirect to a URL that is not http or https: " + next);
            }
            if (uri.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
                throw DownloadException.fatal("refused redirect from https to plain http: " + next);
            }
            uri = next;
        }
    }

    private Path receive(Http1Client.Response response, long offset, Path part, Progress.Item item)
            throws DownloadException, IOException, InterruptedException {
        int status = response.statusCode();
        InputStream body = response.body();
        if (status == 416 && offset > 0) {
            // The range starts at or past the end: complete if the server's length is what we have.
            long total = contentRangeTotal(nonNull(response.header("Content-Range")));
            if (total == offset) {
                chooseFinalName(response);
                if (request.sha256() != null) {
                    MessageDigest whole = sha256();
                    hashPrefix(part, offset, whole);
                    verify(whole, part);
                }
                return finish(part, offset);
            }
            deletePart(part);
            validator = null;
            throw DownloadException.retryable("the server refused to resume; starting over");
        }
        if (status == 429 || status == 503) {
            Duration after = RetryPolicy.parseRetryAfter(response.header("Retry-After"), Instant.now());
            throw DownloadException.retryAfter("HTTP " + status + reasonPhrase(status), after);
        }
        if (status >= 500 || status == 408) {
            throw DownloadException.retryable("HTTP " + status + reasonPhrase(status));
        }
        if (status != 200 && status != 206) {
            throw DownloadException.fatal("HTTP " + status + reasonPhrase(status));
        }
        long length = response.contentLength();
        if (status == 206) {
            long start = contentRangeStart(nonNull(response.header("Content-Range")));
            if (offset == 0 || start != offset) {
                deletePart(part);
                validator = null;
                throw DownloadException.retryable("the server sent a range that was not asked for; starting over");
            }
        } else {
            offset = 0; // 200: the server ignored Range, or the file changed since; start over
        }
        long total = length < 0 ? -1 : offset + length;
        if (settings.maxSize() >= 0 && total > settings.maxSize()) {
            throw DownloadException.fatal("larger than --max-size: " + total + " bytes");
        }
        item.size(total);
        item.startsAt(offset);
        chooseFinalName(response);
        Validator fresh = Validator.of(response);
        if (offset == 0) {
            validator = fresh;
            if (validator != null && (total < 0 || total >= RESUMABLE_SIZE)) {
                validator.write(output.resumeFile(name));
            }
        }
        MessageDigest digest = request.sha256() != null ? sha256() : null;
        bodyBytes = offset;
        try (FileChannel channel = openPart(part, offset)) {
            if (digest != null && offset > 0) {
                hashPrefix(part, offset, digest);
            }
            byte[] buffer = BUFFERS.get();
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                if (n == 0) {
                    continue;
                }
                if (settings.maxSize() >= 0 && bodyBytes + n > settings.maxSize()) {
                    throw DownloadException.fatal("larger than --max-size: more than " + settings.maxSize() + " bytes");
                }
                if (rateLimiter != null) {
                    rateLimiter.acquire(n);
                }
                wrapped.clear().limit(n);
                try {
                    while (wrapped.hasRemaining()) {
                        channel.write(wrapped);
                    }
                } catch (IOException e) {
                    throw localFailure("cannot write " + part.getFileName(), e);
                }
                if (digest != null) {
                    digest.update(buffer, 0, n);
                }
                bodyBytes += n;
                item.add(n);
            }
        }
        if (total >= 0 && bodyBytes != total) {
            throw DownloadException.retryable("the body ended early: " + bodyBytes + " of " + total + " bytes");
        }
        if (digest != null) {
            verify(digest, part);
        }
        return finish(part, bodyBytes);
    }

    private void verify(MessageDigest digest, Path part) throws DownloadException {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(request.sha256())) {
            deletePart(part);
            throw DownloadException.fatal("checksum mismatch: expected sha256 " + request.sha256() + ", got " + actual);
        }
    }

    private Path finish(Path part, long bytes) throws DownloadException {
        try {
            Path path = output.publish(part, finalName);
            deleteQuietly(output.resumeFile(name));
            bodyBytes = bytes;
            return path;
        } catch (IOException e) {
            throw DownloadException.fatal("cannot rename " + part.getFileName() + " to " + finalName + reason(e), e);
        }
    }

    /** The user's name wins; else a Content-Disposition file name, sanitised; else the name from the URL. */
    private void chooseFinalName(Http1Client.Response response) {
        if (finalName != null) {
            return;
        }
        String fromServer = request.outName() == null
                ? FileNames.fromContentDisposition(response.header("Content-Disposition"))
                : null;
        finalName = fromServer == null || fromServer.equals(name) ? name : output.claim(fromServer);
    }

    private FileChannel openPart(Path part, long offset) throws LocalWriteException {
        try {
            // NOFOLLOW_LINKS: a planted NAME.part symlink must not make us write somewhere else.
            if (offset > 0) {
                FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                channel.truncate(offset); // a killed run may have written past the bytes it counted
                channel.position(offset);
                return channel;
            }
            return FileChannel.open(
                    part,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new LocalWriteException("cannot write " + part + reason(e), e);
        }
    }

    private static void hashPrefix(Path part, long length, MessageDigest digest) throws LocalWriteException {
        try (InputStream in = Files.newInputStream(part, LinkOption.NOFOLLOW_LINKS)) {
            byte[] buffer = new byte[BUFFER_SIZE];
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new LocalWriteException("cannot read " + part + reason(e), e);
        }
    }

    private static LocalWriteException localFailure(String what, IOException e) {
        return new LocalWriteException(what + reason(e), e);
    }

    private void deletePart(Path part) {
        deleteQuietly(part);
        deleteQuietly(output.resumeFile(name));
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // best effort: a stale file is overwritten or ignored by the next attempt
        }
    }

    private static long sizeOf(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    static long contentRangeStart(String value) {
        // "bytes 100-199/200"
        try {
            String v = value.strip();
            int space = v.indexOf(' ');
            int dash = v.indexOf('-', space + 1);
            return Long.parseLong(v.substring(space + 1, dash).strip());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static long contentRangeTotal(String value) {
        int slash = value.lastIndexOf('/');
        try {
            return slash < 0 ? -1 : Long.parseLong(value.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 408 -> " Request Timeout";
            case 410 -> " Gone";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /** ": No space left on device" and the like, from the exception the JDK threw. */
    static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return ": permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return ": no such file or directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return ": " + fse.getReason();
        }
        return e.getMessage() != null
                ? ": " + e.getMessage()
                : ": " + e.getClass().getSimpleName();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            Throwable cause = e.getCause();
            message = cause != null && cause.getMessage() != null
                    ? cause.getMessage()
                    : e.getClass().getSimpleName();
        }
        return message;
    }

    /** A local file could not be written or read: fails the file, since trying again will not help. */
    private static final class LocalWriteException extends IOException {
        LocalWriteException(String message, IOException cause) {
            super(message, cause);
        }
    }

    /** What makes a Range request conditional: a strong ETag, else a Last-Modified date. */
    record Validator(String value) {

        static Validator of(Http1Client.Response response) {
            String etag = response.header("ETag");
            if (etag != null && etag.strip().startsWith("\"")) {
                return new Validator(etag.strip()); // weak ETags (W/"...") are not allowed in If-Range
            }
            String lastModified = response.header("Last-Modified");
            return lastModified == null ? null : new Validator(lastModified.strip());
        }

        static Validator read(Path file) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.isEmpty() || lines.get(0).isBlank()
                        ? null
                        : new Validator(lines.get(0).strip());
            } catch (IOException e) {
                return null;
            }
        }

        void write(Path file) throws IOException {
            try {
                Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new LocalWriteException("cannot write " + file + reason(e), e);
            }
        }
    }
}
