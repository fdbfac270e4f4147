package dev.multitask.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multitask.TaskRecord;
import dev.multitask.Trace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Writes runs in the Chrome Trace Event format, which Perfetto (ui.perfetto.dev) and {@code chrome://tracing} open:
 * a JSON object whose {@code traceEvents} hold, per run, one process named after the run with one thread per lane
 * (worker), a complete event ({@code "ph":"X"}) per task that ran with its id, input and outcome in {@code args}, an
 * instant event per task cancelled before it started, and counters of running and queued tasks. CPU samples, when
 * given, are one more process of per-core counters. Times are microseconds from the earliest run's first submission.
 *
 * <p>The file is written whole or not at all: a failed write leaves any earlier file of that name as it was.
 */
public final class ChromeTrace {

    private static final JsonFactory JSON = new JsonFactory();

    private ChromeTrace() {}

    /** Writes the runs of {@code traces}, named after their strategies, with no CPU samples. */
    public static void write(Path file, List<Trace> traces) throws IOException {
        write(file, Run.of(traces), CpuSamples.none());
    }

    public static void write(Path file, List<Run> runs, CpuSamples cpu) throws IOException {
        List<RunView> views = runs.stream().map(RunView::new).toList();
        Instant origin = views.stream()
                .map(v -> v.instant(v.startNanos))
                .min(Comparator.naturalOrder())
                .orElse(Instant.EPOCH);
        ReportFiles.write(file, out -> {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                json.writeStartObject();
                json.writeArrayFieldStart("traceEvents");
                int pid = 0;
                for (RunView view : views) {
                    writeRun(json, ++pid, view, micros(Duration.between(origin, view.instant(view.startNanos))));
                }
                if (!cpu.isEmpty()) {
                    writeCpu(json, ++pid, cpu, origin);
                }
                json.writeEndArray();
                json.writeStringField("displayTimeUnit", "ms");
                json.writeObjectFieldStart("otherData");
                json.writeStringField("producer", "multitask");
                json.writeStringField("origin", origin.toString());
                json.writeEndObject();
                json.writeEndObject();
            }
        });
    }

    private static void writeRun(JsonGenerator json, int pid, RunView view, double offsetMicros) throws IOException {
        metadata(json, "process_name", pid, 0, "name", view.name + " (pool " + view.trace.pool() + ")");
        metadata(json, "process_sort_index", pid, 0, "sort_index", pid);
        List<String> lanes = view.lanes.names();
        for (int lane = 0; lane < lanes.size(); lane++) {
            metadata(json, "thread_name", pid, lane + 1, "name", lanes.get(lane));
            metadata(json, "thread_sort_index", pid, lane + 1, "sort_index", lane + 1);
        }
        for (TaskRecord task : view.tasks) {
            json.writeStartObject();
            json.writeStringField("name", task.name());
            json.writeStringField("cat", "task," + task.outcome().name().toLowerCase(java.util.Locale.ROOT));
            if (task.started()) {
                json.writeStringField("ph", "X");
                json.writeNumberField("ts", offsetMicros + micros(task.startedNanos() - view.startNanos));
                json.writeNumberField("dur", micros(task.finishedNanos() - task.startedNanos()));
                json.writeNumberField("pid", pid);
                json.writeNumberField("tid", view.lanes.laneOf(task) + 1);
            } else {
                json.writeStringField("ph", "i");
                json.writeStringField("s", "p");
                json.writeNumberField("ts", offsetMicros + micros(task.finishedNanos() - view.startNanos));
                json.writeNumberField("pid", pid);
                json.writeNumberField("tid", 0);
            }
            json.writeObjectFieldStart("args");
            json.writeNumberField("id", task.id());
            if (task.label() != null) {
                json.writeStringField("input", task.label());
            }
            json.writeStringField("outcome", task.outcome().name());
            if (task.worker() != null) {
                json.writeStringField("worker", task.worker());
            }
            json.writeNumberField("queued_us", micros(task.queueTime().toNanos()));
            if (task.cpuNanos() >= 0) {
                json.writeNumberField("cpu_us", micros(task.cpuNanos()));
            }
            if (task.error() != null) {
                json.writeStringField("error", task.error());
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        for (RunView.Level level : view.levels()) {
            json.writeStartObject();
            json.writeStringField("name", "tasks");
            json.writeStringField("ph", "C");
            json.writeNumberField("ts", offsetMicros + micros(level.nanos()));
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", 0);
            json.writeObjectFieldStart("args");
            json.writeNumberField("running", level.running());
            json.writeNumberField("queued", level.queued());
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void writeCpu(JsonGenerator json, int pid, CpuSamples cpu, Instant origin) throws IOException {
        metadata(json, "process_name", pid, 0, "name", "CPU use, % (" + cpu.source() + ")");
        metadata(json, "process_sort_index", pid, 0, "sort_index", pid);
        for (CpuSample sample : cpu.samples()) {
            json.writeStartObject();
            json.writeStringField("name", "cpu");
            json.writeStringField("ph", "C");
            json.writeNumberField("ts", micros(Duration.between(origin, sample.time())));
            json.writeNumberField("pid", pid);
            json.writeNumberField("tid", 0);
            json.writeObjectFieldStart("args");
            double[] percent = RunView.percent(sample.usage());
            for (int i = 0; i < percent.length; i++) {
                json.writeNumberField(cpu.series().get(i), percent[i]);
            }
            json.writeEndObject();
            json.writeEndObject();
        }
    }

    private static void metadata(JsonGenerator json, String name, int pid, int tid, String key, Object value)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeStringField("ph", "M");
        json.writeNumberField("pid", pid);
        json.writeNumberField("tid", tid);
        json.writeObjectFieldStart("args");
        if (value instanceof Integer number) {
            json.writeNumberField(key, number);
        } else {
            json.writeStringField(key, String.valueOf(value));
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static double micros(Duration duration) {
        return micros(duration.toNanos());
    }

    /** Microseconds with nanosecond precision: the format's unit, as a JSON number. */
    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
