package dev.multitask.cli.get;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns names that come from outside (a URL's last path segment, a server's {@code Content-Disposition}, the user's
 * {@code out=}) into a single safe file name: never a path, never {@code .} or {@code ..}, no control or
 * direction-changing characters, no leading dot (no hidden files, no {@code .bashrc}), at most {@link #MAX_BYTES}
 * bytes of UTF-8 so that {@code .part} and a {@code .N} rename suffix still fit the usual 255-byte limit.
 */
final class FileNames {

    static final int MAX_BYTES = 200;
    static final String FALLBACK = "index.html";

    private FileNames() {}

    /** The name for a URL: its last path segment, decoded; {@code index.html} for a directory URL. */
    static String fromUri(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return FALLBACK;
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        String decoded;
        try {
            decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = segment;
        }
        return sanitize(decoded);
    }

    /**
     * The file name a {@code Content-Disposition} header proposes, sanitised, or null when it proposes none.
     * {@code filename*} (RFC 6266 / 5987, with a charset) wins over {@code filename}.
     */
    static String fromContentDisposition(String header) {
        if (header == null) {
            return null;
        }
        String plain = null;
        String extended = null;
        for (String part : splitParameters(header)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).strip();
            if (key.equals("filename")) {
                plain = unquote(value);
            } else if (key.equals("filename*")) {
                extended = decodeExtended(value);
            }
        }
        String chosen = extended != null ? extended : plain;
        if (chosen == null || chosen.isBlank()) {
            return null;
        }
        String name = sanitize(chosen);
        return name.equals(FALLBACK) && !chosen.contains(FALLBACK) ? null : name;
    }

    /**
     * Makes {@code name} a single safe file name. Anything up to the last {@code /} or {@code \} is dropped (so
     * {@code ../../x} becomes {@code x} and {@code /etc/passwd} becomes {@code passwd}), unsafe characters become
     * {@code _}, leading dots and trailing dots and spaces are removed, and a name left empty becomes
     * {@link #FALLBACK}.
     */
    static String sanitize(String name) {
        String base = name;
        int slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
        if (slash >= 0) {
            base = base.substring(slash + 1);
        }
        StringBuilder safe = new StringBuilder(base.length());
        base.codePoints().forEach(c -> safe.appendCodePoint(isUnsafe(c) ? '_' : c));
        String cleaned = safe.toString().strip();
        int start = 0;
        while (start < cleaned.length() && cleaned.charAt(start) == '.') {
            start++;
        }
        int end = cleaned.length();
        while (end > start && (cleaned.charAt(end - 1) == '.' || cleaned.charAt(end - 1) == ' ')) {
            end--;
        }
        cleaned = cleaned.substring(start, end);
        if (cleaned.isEmpty()) {
            return FALLBACK;
        }
        return truncate(cleaned);
    }

    /** Inserts {@code .n} before the extension: {@code photo.jpg} becomes {@code photo.1.jpg}, as aria2 does. */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) + "." + n + name.substring(dot) : name + "." + n;
    }

    private static boolean isUnsafe(int c) {
        return c < 0x20
                || c == 0x7f
                || (c >= 0x80 && c < 0xa0) // C1 controls
                || c == '/'
                || c == '\\'
                || c == ':'
                || (c >= 0x200b && c <= 0x200f) // zero-width and direction marks
                || (c >= 0x202a && c <= 0x202e) // bidi embedding and override: "gpj.exe" shown as "exe.jpg"
                || (c >= 0x2066 && c <= 0x2069)
                || c == 0xfeff
                || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.UNASSIGNED;
    }

    /** Cuts the name to {@link #MAX_BYTES} bytes of UTF-8 at a character boundary, keeping a short extension. */
    private static String truncate(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= 16 ? name.substring(dot) : "";
        int budget = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length() - extension.length(); ) {
            int c = name.codePointAt(i);
            int bytes = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            kept.appendCodePoint(c);
            used += bytes;
            i += Character.charCount(c);
        }
        return kept + extension;
    }

    private static java.util.List<String> splitParameters(String header) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            } else if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            StringBuilder out = new StringBuilder();
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                out.append(c);
            }
            return out.toString();
        }
        return value;
    }

    /** Decodes RFC 5987 {@code charset'language'percent-encoded}; null when malformed. */
    private static String decodeExtended(String value) {
        int first = value.indexOf('\'');
        int second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            Charset charset = Charset.forName(value.substring(0, first));
            return URLDecoder.decode(value.substring(second + 1).replace("+", "%2B"), charset);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
