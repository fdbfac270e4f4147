package dev.multitask.cli.get;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --json}: one JSON object per line on stdout for each file as it ends ({@code url}, {@code path},
 * {@code bytes}, {@code status}, {@code attempts}, {@code seconds}, {@code error}; with {@code --cluster} also
 * {@code member}), so that a pipeline can act on each
 * file without waiting for the run to end. Lines are written whole, one at a time.
 */
final class JsonRecords {

    private final ObjectMapper mapper = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private final PrintWriter out;

    JsonRecords(PrintWriter out) {
        this.out = out;
    }

    synchronized void write(DownloadResult result) {
        write(result, null);
    }

    /** With {@code --cluster}: the record also names the {@code member} that holds the file, unless null. */
    synchronized void write(DownloadResult result, String member) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("url", result.url().toString());
        record.put("path", result.path() == null ? null : result.path().toString());
        record.put("bytes", result.bytes());
        record.put("status", result.status().label());
        record.put("attempts", result.attempts());
        record.put("seconds", Math.round(result.seconds() * 1000) / 1000.0);
        record.put("error", result.error());
        if (member != null) {
            record.put("member", member);
        }
        try {
            out.println(mapper.writeValueAsString(record));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
