package dev.multitask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StartupTrainingTest {

    @Test
    void theTrainingRunsItsDownloadsToTheEndAndLeavesNoFiles() throws Exception {
        StartupTraining.train(); // throws if a training command did not exit with 0

        Path directory = Path.of(
                System.getProperty("java.io.tmpdir"),
                "multitask-training-" + ProcessHandle.current().pid());
        assertThat(Files.exists(directory)).isFalse();
    }
}
