package dev.multitask.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Members as separate JVMs, started one after another (started at once on 2 cores they take long to form). */
class ClusterProcessesTest {

    private static final Pattern STARTED = Pattern.compile("member \\[([^]]+)]:(\\d+) started");

    private final String name = ClusterOptions.randomName();
    private final List<Process> members = new ArrayList<>();

    /** A task class that exists only in the test classes. */
    record Echo(String text) implements Callable<String>, Serializable {
        @Override
        public String call() {
            return text;
        }
    }

    @AfterEach
    void killMembers() throws InterruptedException {
        for (Process member : members) {
            member.destroyForcibly();
            member.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void threeMemberProcessesLoseNoTaskWhenOneIsKilledMidRun() throws Exception {
        String first = startMember(null, true);
        startMember(first, true);
        startMember(first, true);
        Process victim = members.get(2);

        int tasks = 2_000;
        ClusterOptions options = ClusterOptions.defaults()
                .withClusterName(name)
                .withMembers(List.of(first))
                .withFailurePolicy(FailurePolicy.RETRY);
        try (Pool pool = ClusterPools.create(options, false)) {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> pool.submit((Callable<Integer> & Serializable) () -> 1)
                                    .get()
                            == 1);
            List<TaskFuture<Integer>> futures =
                    MidRunKill.submitIds(pool, tasks, tasks / 2, tasks / 5, victim::destroyForcibly); // SIGKILL
            Set<Integer> results = ConcurrentHashMap.newKeySet();
            for (TaskFuture<Integer> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            assertThat(results)
                    .containsExactlyInAnyOrderElementsOf(
                            IntStream.range(0, tasks).boxed().toList());
        }
    }

    @Test
    void aTaskClassMissingOnAMemberFailsNamingTheClassAndTheMember() throws Exception {
        String member = startMember(null, false);
        ClusterOptions options = ClusterOptions.defaults().withClusterName(name).withMembers(List.of(member));
        try (Pool pool = ClusterPools.create(options, false)) {
            TaskFuture<String> task = pool.submit(new Echo("hello"));
            assertThatThrownBy(() -> task.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ClusterTaskException.class)
                    .hasMessageContaining("class dev.multitask.cluster.ClusterProcessesTest$Echo")
                    .hasMessageContaining("is not on the class path of member [127.0.0.1]:" + member.split(":")[1]);
            assertThat(members.getFirst().isAlive())
                    .as("the member survives a task it cannot load")
                    .isTrue();
        }
    }

    /** Starts a member process, waits until it runs tasks, and returns its {@code host:port}. */
    private String startMember(String join, boolean withTestClasses) throws IOException {
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> withTestClasses || !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "--add-opens",
                "java.base/java.lang=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dmultitask.cluster.log=SEVERE",
                "-cp",
                classPath,
                ClusterMember.class.getName(),
                "--name",
                name,
                "--threads",
                "2",
                "--until-stdin-closes"));
        if (join != null) {
            command.addAll(List.of("--join", join));
        }
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        members.add(process);
        CompletableFuture<String> address = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    Matcher started = STARTED.matcher(line);
                    if (started.find()) {
                        return started.group(1) + ":" + started.group(2);
                    }
                }
                throw new IllegalStateException("member process ended before it started");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return address.orTimeout(120, TimeUnit.SECONDS).join();
    }
}
