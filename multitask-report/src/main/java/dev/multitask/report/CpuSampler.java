package dev.multitask.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples CPU use while work runs, for the report's CPU chart: per core from {@code /proc/stat} on Linux, otherwise
 * the whole machine's load from {@link com.sun.management.OperatingSystemMXBean#getCpuLoad()}.
 *
 * <p>{@link #start} begins sampling on a daemon thread; {@link #stop} ends it, waits for the thread and returns the
 * samples. Sampling reads one small file per interval, which at the default 100 ms is far below 1% of one core. The
 * samples are kept in memory, about 100 bytes each per core: an hour at 100 ms on 64 cores is some 230 MB, so long
 * runs should sample less often.
 */
public final class CpuSampler implements AutoCloseable {

    /** The interval {@link #start()} samples at. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private static final Path PROC_STAT = Path.of("/proc/stat");

    private final Duration interval;
    private final Source source;
    private final List<CpuSample> samples = new ArrayList<>(); // guarded by this
    private final Thread thread;
    private volatile boolean stopping;

    private CpuSampler(Duration interval, Source source) {
        this.interval = interval;
        this.source = source;
        this.thread = Thread.ofPlatform().daemon().name("multitask-cpu-sampler").unstarted(this::sampleUntilStopped);
    }

    /** Starts sampling every {@link #DEFAULT_INTERVAL}. */
    public static CpuSampler start() {
        return start(DEFAULT_INTERVAL);
    }

    /** Starts sampling every {@code interval}, at least 10 ms. */
    public static CpuSampler start(Duration interval) {
        if (interval.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("a CPU sampling interval must be at least 10 ms, got " + interval);
        }
        CpuSampler sampler = new CpuSampler(interval, ProcStat.available() ? new ProcStat() : new MxBean());
        sampler.thread.start();
        return sampler;
    }

    /**
     * Stops sampling, takes a last sample so that the end of the work is covered, and returns all samples. Calling it
     * again returns the same samples.
     */
    public CpuSamples stop() {
        stopping = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            return new CpuSamples(source.name(), source.series(), interval, samples);
        }
    }

    /** How many samples there are so far; for tests that wait for sampling to have begun. */
    synchronized int snapshotSize() {
        return samples.size();
    }

    /** Same as {@link #stop()}, discarding the samples. */
    @Override
    public void close() {
        stop();
    }

    private void sampleUntilStopped() {
        long origin = System.nanoTime();
        Instant wallOrigin = Instant.now();
        try {
            source.read(); // the baseline that the first interval is measured from
            long next = origin + interval.toNanos();
            while (true) {
                for (long wait = next - System.nanoTime(); wait > 0 && !stopping; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                double[] usage = source.read();
                Instant time = wallOrigin.plusNanos(System.nanoTime() - origin);
                synchronized (this) {
                    samples.add(new CpuSample(time, usage));
                }
                if (stopping) {
                    return;
                }
                next += interval.toNanos();
            }
        } catch (IOException | RuntimeException e) {
            // A report without CPU figures is still a report; the samples so far are kept.
            System.err.println("multitask: CPU sampling stopped: " + e);
        }
    }

    /** One way of reading CPU use; each {@link #read()} returns the use since the previous read. */
    private interface Source {
        String name();

        List<String> series();

        double[] read() throws IOException;
    }

    /** Linux's per-CPU tick counters: the share of ticks not idle and not waiting for I/O, per core. */
    private static final class ProcStat implements Source {
        private final List<String> series = new ArrayList<>();
        private long[] lastBusy;
        private long[] lastTotal;
        private double[] lastUsage;

        static boolean available() {
            return Files.isReadable(PROC_STAT);
        }

        @Override
        public String name() {
            return "/proc/stat";
        }

        @Override
        public List<String> series() {
            return series;
        }

        @Override
        public double[] read() throws IOException {
            List<long[]> ticks = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(PROC_STAT)) {
                // "cpuN user nice system idle iowait irq softirq steal guest guest_nice"; the line "cpu " is the sum
                if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    String[] fields = line.trim().split("\\s+");
                    long total = 0;
                    for (int i = 1; i <= Math.min(8, fields.length - 1); i++) {
                        total += Long.parseLong(fields[i]);
                    }
                    long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
                    names.add(fields[0]);
                    ticks.add(new long[] {total - idle, total});
                }
            }
            if (series.isEmpty()) {
                series.addAll(names);
            }
            int cores = series.size();
            double[] usage = new double[cores];
            long[] busy = new long[cores];
            long[] total = new long[cores];
            for (int i = 0; i < Math.min(cores, ticks.size()); i++) { // a core taken offline reads as idle
                busy[i] = ticks.get(i)[0];
                total[i] = ticks.get(i)[1];
                if (lastTotal != null && total[i] > lastTotal[i]) {
                    usage[i] = Math.min(1, Math.max(0, (double) (busy[i] - lastBusy[i]) / (total[i] - lastTotal[i])));
                } else if (lastUsage != null) {
                    // No tick passed (the sampler ran late, then early): the use has not changed, not dropped to 0.
                    usage[i] = lastUsage[i];
                    busy[i] = lastBusy[i];
                    total[i] = lastTotal[i];
                }
            }
            lastBusy = busy;
            lastTotal = total;
            lastUsage = usage;
            return usage;
        }
    }

    /** The JVM's view of the whole machine's load, where there is no {@code /proc/stat}. */
    private static final class MxBean implements Source {
        private final java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();

        @Override
        public String name() {
            return "OperatingSystemMXBean";
        }

        @Override
        public List<String> series() {
            return List.of("all");
        }

        @Override
        public double[] read() {
            double load = bean instanceof com.sun.management.OperatingSystemMXBean os ? os.getCpuLoad() : -1;
            return new double[] {load < 0 ? 0 : load};
        }
    }
}
