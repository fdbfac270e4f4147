package dev.multitask.cli;

import java.util.Locale;

/** Byte counts, rates and durations as people read them: binary units, one decimal. */
public final class Units {

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {}

    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    public static String rate(double bytesPerSecond) {
        return bytes((long) bytesPerSecond) + "/s";
    }

    /** {@code 0:07}, {@code 12:03}, {@code 1:02:03}. */
    public static String clock(long seconds) {
        if (seconds < 0) {
            return "--:--";
        }
        long h = seconds / 3600;
        long m = (seconds / 60) % 60;
        long s = seconds % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
                : String.format(Locale.ROOT, "%d:%02d", m, s);
    }

    /**
     * Parses a size or rate such as {@code 500k}, {@code 2M}, {@code 1.5G} or {@code 1024} (bytes), with binary
     * multipliers as wget and curl use them.
     */
    public static long parseBytes(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty size");
        }
        char last = Character.toLowerCase(t.charAt(t.length() - 1));
        long multiplier =
                switch (last) {
                    case 'k' -> 1L << 10;
                    case 'm' -> 1L << 20;
                    case 'g' -> 1L << 30;
                    case 't' -> 1L << 40;
                    default -> 1;
                };
        String number = multiplier == 1 ? t : t.substring(0, t.length() - 1);
        if (number.toLowerCase(Locale.ROOT).endsWith("i")) {
            number = number.substring(0, number.length() - 1);
        }
        double value = Double.parseDouble(number);
        if (value < 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        return (long) (value * multiplier);
    }
}
