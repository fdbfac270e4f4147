package dev.multitask.cli.run;

/**
 * The job slots {@code 1..n} ({@code {%}} and {@code PARALLEL_JOBSLOT}): a job takes the lowest free slot, waiting
 * while all are taken, and gives it back when it ends. This is also what bounds the jobs in flight.
 */
final class JobSlots {

    private final boolean[] taken;
    private int free;

    JobSlots(int slots) {
        this.taken = new boolean[slots];
        this.free = slots;
    }

    /** Takes the lowest free slot, waiting for one. */
    synchronized int take() throws InterruptedException {
        while (free == 0) {
            wait();
        }
        for (int i = 0; i < taken.length; i++) {
            if (!taken[i]) {
                taken[i] = true;
                free--;
                return i + 1;
            }
        }
        throw new IllegalStateException("no free slot although " + free + " are counted free");
    }

    synchronized void release(int slot) {
        taken[slot - 1] = false;
        free++;
        notifyAll();
    }

    /** Waits until every slot is free: every job started has ended and been reported. */
    synchronized void awaitAllFree() throws InterruptedException {
        while (free < taken.length) {
            wait();
        }
    }
}
