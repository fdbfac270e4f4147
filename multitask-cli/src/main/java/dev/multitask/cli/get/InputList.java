package dev.multitask.cli.get;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a list of URLs in the style of aria2's input file: one URL per line, blank lines and {@code #} comments
 * ignored, options either after the URL on the same line ({@code URL out=NAME sha256=HEX}) or on the following lines
 * indented by white space, as aria2 writes them ({@code "  out=NAME"}). Known options: {@code out}, {@code sha256}
 * and aria2's {@code checksum=sha-256=HEX}. A line that cannot be used is reported with its number and skipped; the
 * caller decides whether a problem is fatal ({@code --strict}).
 */
final class InputList {

    /** The usable requests and one message per line that was not. */
    record Result(List<DownloadRequest> requests, List<String> problems) {}

    private InputList() {}

    /** Parses a URL given on the command line, with no per-line options. */
    static DownloadRequest parseArgument(String text, String origin) throws BadLineException {
        return new DownloadRequest(parseUri(text.trim()), null, null, origin);
    }

    /** Parses a whole list; {@code sourceName} prefixes line numbers in messages and origins. */
    static Result parse(Reader in, String sourceName) throws IOException {
        List<DownloadRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        BufferedReader reader = new BufferedReader(in);
        Pending pending = null;
        boolean skippingOptions = false; // the indented options of a skipped URL line go with it
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String origin = sourceName + ":" + number;
            boolean indented = Character.isWhitespace(line.charAt(0));
            try {
                if (indented) {
                    if (skippingOptions) {
                        continue;
                    }
                    if (pending == null) {
                        throw new BadLineException("an option line with no URL before it");
                    }
                    for (String option : trimmed.split("\\s+")) {
                        pending.apply(option);
                    }
                } else {
                    finish(pending, requests, problems);
                    pending = null;
                    skippingOptions = false;
                    String[] words = trimmed.split("\\s+");
                    pending = new Pending(parseUri(words[0]), origin);
                    for (int i = 1; i < words.length; i++) {
                        pending.apply(words[i]);
                    }
                }
            } catch (BadLineException e) {
                problems.add(origin + ": " + e.getMessage() + ", line skipped");
                if (!indented) {
                    pending = null;
                    skippingOptions = true;
                } else if (pending != null) {
                    // An option of this URL was bad: drop the URL, not only the option, so it is not fetched wrongly.
                    pending.bad = true;
                }
            }
        }
        finish(pending, requests, problems);
        return new Result(List.copyOf(requests), List.copyOf(problems));
    }

    private static void finish(Pending pending, List<DownloadRequest> requests, List<String> problems) {
        if (pending == null) {
            return;
        }
        if (pending.bad) {
            problems.add(pending.origin + ": " + pending.uri + " skipped because of a bad option");
            return;
        }
        requests.add(new DownloadRequest(pending.uri, pending.out, pending.sha256, pending.origin));
    }

    static URI parseUri(String text) throws BadLineException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new BadLineException("not a URL: " + abbreviate(text));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BadLineException("only http and https URLs are supported: " + abbreviate(text));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new BadLineException("no host in URL: " + abbreviate(text));
        }
        return uri;
    }

    static String parseSha256(String hex) throws BadLineException {
        String lower = hex.toLowerCase(Locale.ROOT);
        if (lower.length() != 64 || !lower.chars().allMatch(HexFormat::isHexDigit)) {
            throw new BadLineException("sha256 must be 64 hex digits: " + abbreviate(hex));
        }
        return lower;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** A URL whose options may still follow on indented lines. */
    private static final class Pending {
        final URI uri;
        final String origin;
        String out;
        String sha256;
        boolean bad;

        Pending(URI uri, String origin) {
            this.uri = uri;
            this.origin = origin;
        }

        void apply(String option) throws BadLineException {
            int eq = option.indexOf('=');
            if (eq <= 0) {
                throw new BadLineException("expected NAME=VALUE after the URL, got: " + abbreviate(option));
            }
            String name = option.substring(0, eq).toLowerCase(Locale.ROOT);
            String value = option.substring(eq + 1);
            switch (name) {
                case "out" -> {
                    if (value.isEmpty()) {
                        throw new BadLineException("out= needs a file name");
                    }
                    out = value;
                }
                case "sha256", "sha-256" -> sha256 = parseSha256(value);
                case "checksum" -> {
                    int inner = value.indexOf('=');
                    String algorithm =
                            inner < 0 ? "" : value.substring(0, inner).toLowerCase(Locale.ROOT);
                    if (!algorithm.equals("sha-256") && !algorithm.equals("sha256")) {
                        throw new BadLineException("only checksum=sha-256=HEX is supported, got: " + abbreviate(value));
                    }
                    sha256 = parseSha256(value.substring(inner + 1));
                }
                default -> throw new BadLineException("unknown option " + name + "= (known: out, sha256, checksum)");
            }
        }
    }

    /** A line of the list, or a URL argument, that cannot be used. */
    static final class BadLineException extends Exception {
        BadLineException(String message) {
            super(message, null, false, false);
        }
    }
}
