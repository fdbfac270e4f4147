package dev.multitask;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The window of tasks in flight that {@code map} chooses when its options leave it to the pool. */
class PoolMapWindowTest {

    @Test
    void theWindowGrowsForTinyTasksButStaysBounded() {
        try (Pool pool = Pool.threads(2)) {
            CountingInput input = new CountingInput();
            long maxInFlight = 0;
            try (Stream<Long> results = pool.map(n -> n, input)) {
                Iterator<Long> taken = results.iterator();
                for (long count = 1; count <= 100_000; count++) {
                    taken.next();
                    maxInFlight = Math.max(maxInFlight, input.read.get() - count);
                }
            }
            assertThat(maxInFlight).isGreaterThan(16).isLessThanOrEqualTo(4096);
        }
    }

    @Test
    void tasksOfAMillisecondKeepTheSmallWindow() {
        try (Pool pool = Pool.threads(2)) {
            CountingInput input = new CountingInput();
            long maxInFlight = 0;
            try (Stream<Long> results = pool.map(
                    n -> {
                        sleepMillis(1);
                        return n;
                    },
                    input)) {
                Iterator<Long> taken = results.iterator();
                for (long count = 1; count <= 100; count++) {
                    taken.next();
                    maxInFlight = Math.max(maxInFlight, input.read.get() - count);
                }
            }
            assertThat(maxInFlight).isLessThanOrEqualTo(16);
        }
    }

    @Test
    void anExplicitWindowNeverGrows() {
        try (Pool pool = Pool.threads(2)) {
            CountingInput input = new CountingInput();
            long maxInFlight = 0;
            try (Stream<Long> results =
                    pool.map(n -> n, input, MapOptions.defaults().withInFlight(8))) {
                Iterator<Long> taken = results.iterator();
                for (long count = 1; count <= 20_000; count++) {
                    taken.next();
                    maxInFlight = Math.max(maxInFlight, input.read.get() - count);
                }
            }
            assertThat(maxInFlight).isLessThanOrEqualTo(8);
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An endless input 0, 1, 2, ... that counts how many numbers were read. */
    private static final class CountingInput implements Iterable<Long> {
        final AtomicLong read = new AtomicLong();

        @Override
        public Iterator<Long> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Long next() {
                    return read.getAndIncrement();
                }
            };
        }
    }
}
