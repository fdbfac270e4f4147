package dev.multitask.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastInstance;
import dev.multitask.MapOptions;
import dev.multitask.Pool;
import dev.multitask.TaskFuture;
import dev.multitask.TaskRecord;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real cluster: several Hazelcast members on 127.0.0.1 in this JVM, each with its own name per test. */
class ClusterPoolTest {

    private final List<HazelcastInstance> members = new ArrayList<>();
    private final ClusterOptions options = ClusterOptions.defaults()
            .withClusterName(ClusterOptions.randomName())
            .withMemberThreads(4);

    // Tasks on members of this JVM see these statics, which lets a test hold a task inside a member.
    static final CountDownLatch RELEASE = new CountDownLatch(1);
    static final AtomicInteger STARTED = new AtomicInteger();

    @AfterEach
    void stopMembers() {
        members.forEach(member -> member.getLifecycleService().terminate());
    }

    @Test
    void runsSerializableTasksOnAMemberStartedInThisProcess() throws Exception {
        try (Pool pool = ClusterPools.create(options, true)) {
            TaskFuture<Integer> answer = pool.submit((Callable<Integer> & Serializable) () -> 6 * 7);
            assertThat(answer.get()).isEqualTo(42);
            List<Integer> squares = pool.map((Function<Integer, Integer> & Serializable) n -> n * n, List.of(1, 2, 3))
                    .toList();
            assertThat(squares).containsExactly(1, 4, 9);
            List<Integer> inChunks = pool.map(
                            (Function<Integer, Integer> & Serializable) n -> n + 1,
                            IntStream.range(0, 1000).boxed().toList(),
                            MapOptions.defaults().withChunkSize(100))
                    .toList();
            assertThat(inChunks).isEqualTo(IntStream.range(1, 1001).boxed().toList());
            assertThat(pool.trace().tasks()).extracting(TaskRecord::worker).allSatisfy(worker -> assertThat(worker)
                    .startsWith("member-127.0.0.1:"));
        }
    }

    @Test
    void spreadsTasksOverEveryMemberAndTakesWorkFromAMemberThatJoinsMidRun() throws Exception {
        HazelcastInstance first = startMember(options);
        try (Pool pool = ClusterPools.create(options.withMembers(List.of(address(first))), true)) {
            assertThat(runAll(pool, 20)).hasSize(20);
            HazelcastInstance second = startMember(options.withMembers(List.of(address(first))));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> first.getCluster().getMembers().size() == 2);
            for (int i = 0; i < 20; i++) {
                pool.submit((Callable<Integer> & Serializable) () -> 1).get();
            }
            List<TaskRecord> afterJoin = pool.trace().tasks().subList(20, 40);
            assertThat(afterJoin)
                    .extracting(TaskRecord::worker)
                    .containsOnly(worker(first), worker(second))
                    .contains(worker(first), worker(second));
        }
    }

    @Test
    void withRetryEveryTaskCompletesWhenAMemberIsKilledMidRun() throws Exception {
        HazelcastInstance first = startMember(options);
        String join = address(first);
        startMember(options.withMembers(List.of(join)));
        HazelcastInstance victim = startMember(options.withMembers(List.of(join)));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> first.getCluster().getMembers().size() == 3);

        int tasks = 10_000;
        try (Pool pool =
                ClusterPools.create(options.withMembers(List.of(join)).withFailurePolicy(FailurePolicy.RETRY), false)) {
            List<TaskFuture<Integer>> futures =
                    MidRunKill.submitIds(pool, tasks, tasks / 4, tasks / 10, () -> victim.getLifecycleService()
                            .terminate()); // like kill -9: no graceful hand-over
            Set<Integer> results = ConcurrentHashMap.newKeySet();
            for (TaskFuture<Integer> future : futures) {
                results.add(future.get());
            }
            assertThat(results)
                    .hasSize(tasks)
                    .containsAll(IntStream.range(0, tasks).boxed().toList());
        }
    }

    @Test
    void withFailATaskWhoseMemberDiesFailsNamingTheMember() throws Exception {
        HazelcastInstance first = startMember(options);
        try (Pool pool = ClusterPools.create(options.withMembers(List.of(address(first))), false)) {
            TaskFuture<Integer> held = pool.submit((Callable<Integer> & Serializable) () -> {
                STARTED.incrementAndGet();
                RELEASE.await();
                return 1;
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> STARTED.get() == 1);
            HazelcastInstance second = startMember(options.withMembers(List.of(address(first))));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> second.getCluster().getMembers().size() == 2);
            first.getLifecycleService().terminate();
            assertThatThrownBy(held::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(ClusterTaskException.class)
                    .hasMessageContaining("member [127.0.0.1]:")
                    .hasMessageContaining("left the cluster while running the task");
        } finally {
            RELEASE.countDown();
        }
    }

    @Test
    void aMemberWithAnotherClusterNameIsRefused() {
        HazelcastInstance first = startMember(options);
        HazelcastInstance stranger =
                startMember(options.withClusterName(ClusterOptions.randomName()).withMembers(List.of(address(first))));
        assertThat(first.getCluster().getMembers()).hasSize(1);
        assertThat(stranger.getCluster().getMembers()).hasSize(1);
    }

    @Test
    void anUnserializableTaskFailsOnlyThatTaskWithAClearMessage() throws Exception {
        try (Pool pool = ClusterPools.create(options, false)) {
            Object notSerializable = new Object();
            TaskFuture<String> task = pool.submit(() -> notSerializable.toString());
            assertThatThrownBy(task::get)
                    .cause()
                    .isInstanceOf(ClusterTaskException.class)
                    .hasMessageContaining("cannot be sent to the cluster");
            assertThat(pool.submit((Callable<Integer> & Serializable) () -> 1).get())
                    .isEqualTo(1);
        }
    }

    private static List<Integer> runAll(Pool pool, int count) {
        return pool.map(
                        (Function<Integer, Integer> & Serializable) n -> n,
                        IntStream.range(0, count).boxed().toList())
                .toList();
    }

    private static String worker(HazelcastInstance member) {
        return "member-" + address(member);
    }

    private HazelcastInstance startMember(ClusterOptions memberOptions) {
        HazelcastInstance member = ClusterPools.startMember(memberOptions);
        members.add(member);
        return member;
    }

    private static String address(HazelcastInstance member) {
        var address = member.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }
}
