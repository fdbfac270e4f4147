package dev.multitask.cli.run;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code --json}: one JSON object per job on standard output instead of the job's own output, for programs to read:
 * {@code seq}, {@code slot}, {@code args}, {@code command}, {@code exitval}, {@code signal}, {@code starttime} and
 * {@code runtime} (seconds), {@code stdout}, {@code stderr}; with {@code --cluster}
 * also {@code host}, the member that ran the job.
 */
final class JsonOutput implements JobOutput {

    private final OutputStream out;
    private final JsonFactory factory = new JsonFactory();

    JsonOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void finished(Job job, JobResult result) {
        if (result.aborted()) {
            return;
        }
        try {
            JsonGenerator json = factory.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeNumberField("seq", job.seq());
            json.writeNumberField("slot", job.slot());
            json.writeArrayFieldStart("args");
            for (String arg : job.args()) {
                json.writeString(arg);
            }
            json.writeEndArray();
            json.writeStringField("command", job.command());
            if (result.host() != null) {
                json.writeStringField("host", result.host());
            }
            json.writeNumberField("exitval", result.exitval());
            json.writeNumberField("signal", result.signal());
            json.writeNumberField("starttime", result.startMillis() / 1000.0);
            json.writeNumberField("runtime", result.runtimeNanos() / 1e9);
            json.writeStringField("stdout", new String(result.stdout(), StandardCharsets.UTF_8));
            json.writeStringField("stderr", new String(result.stderr(), StandardCharsets.UTF_8));
            json.writeEndObject();
            json.close();
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
