package dev.multitask.cli.demo;

import dev.multitask.SerializableFunction;
import dev.multitask.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * {@code cpu-vs-io}: the same number of tasks, first computing, then waiting, each on sequential, threads (one per
 * core), threads (one per task), virtual threads and worker processes (one per core). Waiting speeds up with every
 * thread; computing only up to the number of cores. The tasks are serializable functions, so that the process pool
 * can ship them to its worker JVMs.
 */
final class CpuVsIoLesson implements Lesson {

    static final String NAME = "cpu-vs-io";
    private static final Duration TASK = Duration.ofMillis(250);

    @Override
    public String name() {
        return NAME;
    }

    /** One way to run the tasks: a strategy and what to call it. */
    private record Way(String name, Strategy strategy) {}

    @Override
    public void run(Demo demo) throws Exception {
        Report report = demo.report();
        int cores = Runtime.getRuntime().availableProcessors();
        int tasks = Math.max(8, 4 * cores);
        Duration taskTime = demo.scaled(TASK);
        List<Way> ways = List.of(
                new Way("sequential", Strategy.sequential()),
                new Way("threads, one per core", Strategy.threads(cores)),
                new Way("threads, one per task", Strategy.threads(tasks)),
                new Way("virtual threads", Strategy.virtual()),
                new Way("processes, one per core", Strategy.processes(cores)));

        report.heading("cpu-vs-io: the same tasks computing, then waiting");
        report.say(String.format(
                Locale.ROOT,
                "%d tasks, each about %.3f s (0.25 s times --scale %s): first computing (a loop of arithmetic sized"
                        + " on this machine to take that long on one core), then waiting (a sleep). Each set runs as"
                        + " pool.map(task, inputs) on sequential, threads:%d (one per core; this machine has %d),"
                        + " threads:%d (one per task), virtual threads and processes:%d (one worker JVM per core,"
                        + " whose start is part of the time).",
                tasks,
                taskTime.toNanos() / 1e9,
                demo.scale(),
                cores,
                cores,
                tasks,
                cores));
        List<Integer> inputs = IntStream.rangeClosed(1, tasks).boxed().toList();
        CpuWork cpu = CpuWork.calibrate(taskTime);
        SerializableFunction<Integer, Long> compute = i -> cpu.run(i);
        SerializableFunction<Integer, Long> sleep = i -> {
            try {
                Thread.sleep(taskTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoFailure("interrupted");
            }
            return (long) i;
        };

        List<Demo.Measured> cpuRuns = measure(demo, ways, compute, inputs);
        List<Demo.Measured> waitRuns = measure(demo, ways, sleep, inputs);
        List<RunResult> cpuResults = new ArrayList<>();
        List<RunResult> waitResults = new ArrayList<>();
        for (int i = 0; i < ways.size(); i++) {
            cpuResults.add(demo.result(
                    NAME, ways.get(i).name(), cpuRuns.get(i), cpuRuns.getFirst().wallSeconds(), "cpu"));
            waitResults.add(demo.result(
                    NAME,
                    ways.get(i).name(),
                    waitRuns.get(i),
                    waitRuns.getFirst().wallSeconds(),
                    "wait"));
        }
        cpuResults.forEach(report::result);
        waitResults.forEach(report::result);
        int many = ways.indexOf(ways.stream()
                .filter(way -> way.strategy().equals(Strategy.threads(tasks)))
                .findFirst()
                .orElseThrow());
        Demo.Measured cpuMany = cpuRuns.get(many);
        Demo.Measured waitMany = waitRuns.get(many);
        Demo.Measured cpuProcesses = cpuRuns.getLast();

        report.blank();
        report.timeline("Computing, one thread per task", cpuMany.trace());
        report.blank();
        report.timeline("Waiting, one thread per task", waitMany.trace());
        report.blank();
        report.timeline("Computing, one worker process per core (each row names its JVM's pid)", cpuProcesses.trace());
        report.blank();
        String format = "  %-23s %-11s %8s %9s   %8s %9s%n";
        StringBuilder table = new StringBuilder(
                demo.repeats() > 1 ? "Measured, fastest of " + demo.repeats() + ":\n" : "Measured:\n");
        table.append(String.format(Locale.ROOT, format, "run", "strategy", "computing", "", "waiting", ""));
        table.append(String.format(Locale.ROOT, format, "", "", "wall", "speed-up", "wall", "speed-up"));
        for (int i = 0; i < ways.size(); i++) {
            RunResult c = cpuResults.get(i);
            RunResult w = waitResults.get(i);
            table.append(String.format(
                    Locale.ROOT,
                    format,
                    ways.get(i).name(),
                    ways.get(i).strategy(),
                    String.format(Locale.ROOT, "%.2f s", c.wallSeconds()),
                    String.format(Locale.ROOT, "%.2fx", c.speedup()),
                    String.format(Locale.ROOT, "%.2f s", w.wallSeconds()),
                    String.format(Locale.ROOT, "%.2fx", w.speedup())));
        }
        report.line(table.toString().stripTrailing());
        report.blank();
        report.say("What it shows: waiting tasks speed up with every thread added, because a waiting thread needs no"
                + " core; with one thread per task, or a virtual thread per task, all " + tasks + " wait at once."
                + " Computing tasks speed up only up to the number of cores (" + cores + " here): more threads than"
                + " cores take turns on the same cores, so each task takes longer, as the computing timeline shows."
                + " Worker processes compute on every core too, each in its own JVM: a task that crashes or leaks"
                + " harms only its worker, at the price of starting the JVMs (part of their wall time) and of"
                + " serializing every input and result. Other programs busy on the machine lower the computing"
                + " speed-ups.");
        report.blank();
        report.say("What differs from Python: there, the GIL lets one thread at a time run Python code, so threads"
                + " do not speed up computing at all (the lesson measured 0.92x for CPU-bound tasks on two threads)"
                + " and parallel computing needs ProcessPoolExecutor. Java has no GIL: its threads compute on every"
                + " core at once, so threads speed up both kinds of task, and Pool.processes, Java's"
                + " ProcessPoolExecutor, is for isolation rather than for speed.");
    }

    /** Runs {@code task} over the inputs every way, taking turns, and returns the fastest run of each way. */
    private static List<Demo.Measured> measure(
            Demo demo, List<Way> ways, Function<Integer, Long> task, List<Integer> inputs) throws Exception {
        Demo.Run[] runs = ways.stream()
                .map(way -> (Demo.Run) r -> Demo.onPool(
                        way.strategy(), pool -> pool.map(task, inputs).toList()))
                .toArray(Demo.Run[]::new);
        return demo.fastest(runs);
    }
}
