package dev.multitask.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.TaskRecord;
import dev.multitask.Trace;
import dev.multitask.TraceSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes one self-contained HTML page about one or more runs, which opens in a browser with no network: per run a
 * summary (wall time, sum of task times, speed-up, efficiency, failures), a timeline with one lane per worker and a bar
 * per task coloured by outcome (hover for id, input and times; wheel or drag to zoom and pan), running and queued
 * tasks over time (with an {@code auto} pool's concurrency limit, and the list of its decisions with their reasons),
 * and CPU use per core over time when samples are given; for several runs, a chart comparing them.
 *
 * <p>The charts are Apache ECharts, inlined into the page (about 1.1 MB) with the run data as JSON. The page marks its
 * root element with {@code data-ready="true"} once every chart has rendered, and each run's section with {@code
 * data-lanes} and {@code data-bars}, so that tests and tools can check it without a screenshot.
 *
 * <p>The file is written whole or not at all: a failed write leaves any earlier file of that name as it was.
 */
public final class HtmlReport {

    private static final String RESOURCES = "/dev/multitask/report/";
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\w+)}}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlReport() {}

    /** Writes a report of {@code traces}, named after their strategies, with no CPU samples. */
    public static void write(Path file, String title, List<Trace> traces) throws IOException {
        write(file, title, Run.of(traces), CpuSamples.none());
    }

    /**
     * Writes a report of {@code runs}; with more than one, the page also compares them, which is meant for runs of the
     * same work by different strategies.
     *
     * @param cpu samples taken while the runs ran, or {@link CpuSamples#none()}
     */
    public static void write(Path file, String title, List<Run> runs, CpuSamples cpu) throws IOException {
        String data = JSON.writeValueAsString(data(title, runs, cpu))
                // Every '<' in JSON is inside a string, where an escape means the same and cannot end the script.
                .replace("<", "\\u003c");
        Map<String, String> slots = Map.of(
                "TITLE", escape(title),
                "STYLE", resource("report.css"),
                "ECHARTS", resource("echarts/echarts.min.js"),
                "DATA", data,
                "SCRIPT", resource("report.js"));
        String template = resource("report.html");
        ReportFiles.write(file, out -> fill(template, slots, out));
    }

    private static void fill(String template, Map<String, String> slots, Writer out) throws IOException {
        Matcher slot = SLOT.matcher(template);
        int from = 0;
        while (slot.find()) {
            out.write(template, from, slot.start() - from);
            out.write(slots.get(slot.group(1)));
            from = slot.end();
        }
        out.write(template, from, template.length() - from);
    }

    private static Map<String, Object> data(String title, List<Run> runs, CpuSamples cpu) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("title", title);
        data.put("generated", Instant.now().toString());
        data.put("cpuSource", cpu.source());
        data.put("cpuSeries", cpu.series());
        data.put("outcomes", List.of(TaskRecord.Outcome.values()));
        List<Object> runData = new ArrayList<>();
        for (Run run : runs) {
            runData.add(runData(new RunView(run), cpu));
        }
        data.put("runs", runData);
        return data;
    }

    private static Map<String, Object> runData(RunView view, CpuSamples cpu) {
        TraceSummary summary = view.trace.summary();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", view.name);
        run.put("work", view.work);
        run.put("title", view.title);
        run.put("pool", view.trace.pool());
        run.put("strategy", view.trace.strategy().toString());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("tasks", summary.tasks());
        totals.put("failed", summary.failed());
        totals.put("cancelled", summary.cancelled());
        totals.put("wallMs", millis(summary.wall().toNanos()));
        totals.put("busyMs", millis(summary.busy().toNanos()));
        totals.put("workers", summary.workers());
        totals.put("speedup", summary.speedup());
        totals.put("efficiency", summary.utilisation());
        run.put("summary", totals);
        run.put("lengthMs", millis(view.lengthNanos));
        run.put("lanes", view.lanes.names());
        run.put("packed", view.lanes.packed());
        List<Object[]> tasks = new ArrayList<>(view.tasks.size());
        for (TaskRecord task : view.tasks) {
            tasks.add(new Object[] {
                task.id(),
                task.label(),
                task.worker(),
                millis(task.submittedNanos() - view.startNanos),
                task.started() ? millis(task.startedNanos() - view.startNanos) : null,
                millis(task.finishedNanos() - view.startNanos),
                task.outcome().ordinal(),
                task.error(),
                task.cpuNanos() >= 0 ? millis(task.cpuNanos()) : null,
                task.started() ? view.lanes.laneOf(task) : -1
            });
        }
        run.put("tasks", tasks);
        run.put(
                "levels",
                view.levels().stream()
                        .map(l -> new Object[] {millis(l.nanos()), l.running(), l.queued()})
                        .toList());
        List<double[]> samples = new ArrayList<>();
        for (CpuSample sample : view.cpuDuring(cpu)) {
            double[] percent = RunView.percent(sample.usage());
            double[] row = new double[percent.length + 1];
            row[0] = millis(view.sinceStart(sample.time()));
            System.arraycopy(percent, 0, row, 1, percent.length);
            samples.add(row);
        }
        run.put("cpu", samples);
        // What the pool chose as it ran (an auto pool's limit changes): [ms from the run's start, limit, reason].
        run.put(
                "decisions",
                view.trace.decisions().stream()
                        .map(d -> new Object[] {millis(d.atNanos() - view.startNanos), d.limit(), d.reason()})
                        .toList());
        return run;
    }

    /** Milliseconds to the microsecond, which keeps the page's JSON short. */
    private static double millis(long nanos) {
        return Math.round(nanos / 1000.0) / 1000.0;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the report resource " + name + " is missing from the class path;"
                        + " build multitask-report with Maven, which fetches Apache ECharts");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
