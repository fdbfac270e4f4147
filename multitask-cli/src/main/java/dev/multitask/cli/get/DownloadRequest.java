package dev.multitask.cli.get;

import java.net.URI;
import java.util.Objects;

/**
 * One file to download, as the user asked for it.
 *
 * @param uri an absolute http or https URI
 * @param outName the file name the user chose ({@code out=} or {@code -o}), or null to take it from the server
 * @param sha256 the expected SHA-256 of the body in lower-case hex, or null when not checked
 * @param origin where the request came from, for messages: {@code "argument 2"}, {@code "urls.txt:14"}
 */
record DownloadRequest(URI uri, String outName, String sha256, String origin) {

    DownloadRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(origin, "origin");
    }
}
