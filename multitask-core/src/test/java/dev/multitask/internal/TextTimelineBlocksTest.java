package dev.multitask.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.multitask.Strategy;
import dev.multitask.TaskRecord;
import dev.multitask.TaskRecord.Outcome;
import dev.multitask.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTimelineBlocksTest {

    private static final long MS = 1_000_000;

    @Test
    void tasksEndToEndEachKeepBothBrackets() {
        List<TaskRecord> tasks = new ArrayList<>();
        long at = 0;
        for (int i = 1; i <= 8; i++) { // lengths that do not fall on column boundaries
            long length = (97 + 13 * i) * MS;
            tasks.add(new TaskRecord(i, "t" + i, "main", 0, at, at + length, -1, Outcome.SUCCEEDED, null));
            at += length;
        }
        Trace trace = Trace.of("one", Strategy.sequential(), Instant.now(), tasks);

        for (int columns = 40; columns <= 120; columns += 7) {
            String row = trace.timeline(columns).lines().toList().get(1);
            assertThat(row.chars().filter(c -> c == '[')).as(row).hasSize(8);
            assertThat(row.chars().filter(c -> c == ']')).as(row).hasSize(8);
        }
    }
}
