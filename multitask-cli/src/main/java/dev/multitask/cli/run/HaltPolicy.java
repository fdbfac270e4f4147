package dev.multitask.cli.run;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --halt}: when to stop because of how jobs ended, with GNU parallel's exit statuses.
 *
 * <p>{@code now} kills the running jobs, {@code soon} lets them finish; either way no job starts after the condition
 * holds. The condition counts failed, succeeded or done jobs, as a number or a percentage of all jobs. {@code 0}
 * means never, {@code 1} is {@code soon,fail=1}, {@code 2} is {@code now,fail=1}.
 *
 * @param when {@link When#NEVER}, {@link When#SOON} or {@link When#NOW}
 * @param count jobs that must fail, succeed or be done; 0 when {@code percent} says
 * @param percent the same as a percentage of all jobs, or 0
 */
record HaltPolicy(When when, Kind kind, int count, double percent) {

    enum When {
        NEVER,
        SOON,
        NOW
    }

    enum Kind {
        FAIL,
        SUCCESS,
        DONE
    }

    /** What to do after a job ended, and the exit status to end with (null: count the failed jobs as usual). */
    record Decision(When when, Integer exitStatus) {}

    static final HaltPolicy NEVER = new HaltPolicy(When.NEVER, Kind.FAIL, 0, 0);

    private static final Pattern FORM = Pattern.compile("(now|soon),(fail|success|done)=(\\d+(?:\\.\\d+)?)(%?)");

    static HaltPolicy parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "0", "never" -> {
                return NEVER;
            }
            case "1" -> {
                return new HaltPolicy(When.SOON, Kind.FAIL, 1, 0);
            }
            case "2" -> {
                return new HaltPolicy(When.NOW, Kind.FAIL, 1, 0);
            }
            default -> {}
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new RunException("--halt: expected now|soon,fail|success|done=N[%], or 0, 1, 2; got '" + text + "'");
        }
        When when = m.group(1).equals("now") ? When.NOW : When.SOON;
        Kind kind = Kind.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        double value = Double.parseDouble(m.group(3));
        if (!m.group(4).isEmpty()) {
            if (value <= 0 || value > 100) {
                throw new RunException("--halt: the percentage must be in (0, 100], got " + text);
            }
            return new HaltPolicy(when, kind, 0, value / 100);
        }
        if (value < 1 || value != Math.floor(value)) {
            throw new RunException("--halt: the count must be a whole number of at least 1, got " + text);
        }
        return new HaltPolicy(when, kind, (int) value, 0);
    }

    /** Whether the policy needs the total number of jobs, and so reads all input before starting. */
    boolean needsTotal() {
        return when != When.NEVER && percent > 0;
    }

    /**
     * Decides after {@code job} ended, given the counts that include it.
     *
     * @return null to go on
     */
    Decision decide(JobResult job, long failed, long done, long totalJobs) {
        if (when == When.NEVER) {
            return null;
        }
        long reached =
                switch (kind) {
                    case FAIL -> job.failed() ? failed : -1;
                    case SUCCESS -> job.failed() ? -1 : done - failed;
                    case DONE -> done;
                };
        double threshold = percent > 0 ? totalJobs * percent : count;
        if (reached < 0 || reached < threshold) {
            return null;
        }
        if (kind == Kind.SUCCESS) {
            return new Decision(when, 0);
        }
        int status;
        if (count == 1) {
            status = job.status();
        } else if (percent > 0) {
            status = (int) Math.ceil(failed * 100.0 / totalJobs);
        } else {
            status = (int) Math.min(failed, 101);
        }
        return new Decision(when, status);
    }
}
