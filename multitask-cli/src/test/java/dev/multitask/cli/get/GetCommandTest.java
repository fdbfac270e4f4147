package dev.multitask.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multitask.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code multitask get} against {@link FaultServer} on 127.0.0.1: every fault the issue lists, and the options. */
class GetCommandTest {

    @TempDir
    Path temp;

    FaultServer server;
    Path out;

    @BeforeEach
    void start() throws IOException {
        server = new FaultServer();
        out = temp.resolve("out");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
    }

    record Run(int exit, String out, String err) {}

    /** Runs the command in this JVM, fast retries and no progress lines unless the test says otherwise. */
    Run get(String... args) {
        List<String> all = new ArrayList<>(List.of("get", "-d", out.toString(), "--retry-wait", "0.01"));
        all.addAll(List.of(args));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, o.toString(), e.toString());
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    List<String> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void downloadsAListWithCommentsBlankLinesAndPerLineOptionsInBothForms() throws Exception {
        byte[] a = randomBytes(10_000, 1);
        byte[] b = randomBytes(20_000, 2);
        byte[] c = randomBytes(30_000, 3);
        server.route("/a.bin", FaultServer.file(a))
                .route("/b.bin", FaultServer.file(b))
                .route("/dir/c", FaultServer.file(c));
        Path list = temp.resolve("urls.txt");
        Files.writeString(
                list,
                String.join(
                        "\n",
                        "# my downloads",
                        "",
                        server.url("/a.bin"),
                        server.url("/b.bin") + " out=renamed.bin sha256=" + sha256(b),
                        "ftp://example.com/file",
                        server.url("/dir/c"),
                        "  out=c-indented.bin",
                        "  checksum=sha-256=" + sha256(c),
                        ""));

        Run run = get("-i", list.toString());

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.err()).contains("urls.txt:5: only http and https URLs are supported");
        assertThat(filesIn(out)).containsExactly("a.bin", "c-indented.bin", "renamed.bin");
        assertThat(Files.readAllBytes(out.resolve("a.bin"))).isEqualTo(a);
        assertThat(Files.readAllBytes(out.resolve("renamed.bin"))).isEqualTo(b);
        assertThat(Files.readAllBytes(out.resolve("c-indented.bin"))).isEqualTo(c);
        assertThat(run.err()).contains("3 files: 3 ok, 0 skipped, 0 failed");
    }

    @Test
    void strictStopsAtTheFirstBadLineWithExitTwoAndDownloadsNothing() throws Exception {
        server.route("/a.bin", FaultServer.file(randomBytes(100, 1)));
        Path list = temp.resolve("urls.txt");
        Files.writeString(list, server.url("/a.bin") + "\nnot a url at all\n");

        Run run = get("--strict", "-i", list.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("urls.txt:2");
        assertThat(server.count("/a.bin")).isZero();
    }

    @Test
    void readsTheListFromStdin() throws Exception {
        byte[] a = randomBytes(1000, 1);
        server.route("/a.bin", FaultServer.file(a));
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(
                    new java.io.ByteArrayInputStream((server.url("/a.bin") + "\n").getBytes(StandardCharsets.UTF_8)));
            assertThat(get("-i", "-").exit()).isEqualTo(0);
        } finally {
            System.setIn(stdin);
        }
        assertThat(Files.readAllBytes(out.resolve("a.bin"))).isEqualTo(a);
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(get().exit()).isEqualTo(2);
        assertThat(get("-o", "x", server.url("/a"), server.url("/b")).exit()).isEqualTo(2);
        assertThat(get("-i", temp.resolve("missing.txt").toString()).err()).contains("no such file");
        assertThat(get("--on-exists", "maybe", server.url("/a")).exit()).isEqualTo(2);
        Run badRate = get("--limit-rate", "fast", server.url("/a"));
        assertThat(badRate.exit()).isEqualTo(2);
        assertThat(badRate.err().lines().count()).isEqualTo(1);
        for (String jobs : List.of("0", "40000")) { // 32,767 platform threads at most
            Run badJobs = get("-j", jobs, server.url("/a"));
            assertThat(badJobs.exit()).isEqualTo(2);
            assertThat(badJobs.err()).isEqualToIgnoringNewLines("multitask: -j must be from 1 to 32767, got " + jobs);
        }
    }

    @Test
    void aResetInTheMiddleOfABodyIsRetriedWithRangeAndIfRange() throws Exception {
        byte[] body = randomBytes(3 << 20, 7);
        server.route("/big.bin", FaultServer.resetsMidBody(body, 1 << 20, 2));

        Run run = get(server.url("/big.bin"), "--sha256", sha256(body));

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(body);
        assertThat(filesIn(out)).containsExactly("big.bin"); // no .part, no resume file left behind
        List<FaultServer.Request> requests = server.requests("/big.bin");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).header("Range")).isNull();
        // The reset may discard some of the bytes sent before it; the retry asks for the rest of what arrived.
        assertThat(requests.get(1).header("Range")).matches("bytes=[1-9][0-9]*-");
        long resumedAt = Long.parseLong(requests.get(1).header("Range").replaceAll("[^0-9]", ""));
        assertThat(resumedAt).isLessThanOrEqualTo(1 << 20);
        assertThat(requests.get(1).header("If-Range")).isEqualTo(FaultServer.ETAG);
    }

    @Test
    void aServerThatIgnoresRangeMakesTheDownloadStartOverFromZero() throws Exception {
        byte[] body = randomBytes(2 << 20, 8);
        server.route("/norange.bin", FaultServer.ignoresRange(body));

        Run run = get(server.url("/norange.bin"));

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(Files.readAllBytes(out.resolve("norange.bin"))).isEqualTo(body);
        assertThat(server.requests("/norange.bin").get(1).header("Range")).isNotNull();
    }

    @Test
    void retryAfterOn503And429IsHonoured() throws Exception {
        byte[] body = randomBytes(1000, 9);
        server.route("/busy", FaultServer.failsWith(503, "1", 1, body))
                .route("/limited", FaultServer.failsWith(429, "1", 1, body));
        long start = System.nanoTime();

        Run run = get(server.url("/busy"), server.url("/limited"));

        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(server.count("/busy")).isEqualTo(2);
        assertThat(server.count("/limited")).isEqualTo(2);
        assertThat(seconds)
                .as("waited for Retry-After: 1 rather than --retry-wait 0.01")
                .isGreaterThan(0.9);
        assertThat(Files.readAllBytes(out.resolve("busy"))).isEqualTo(body);
    }

    @Test
    void serverErrorsAreRetriedThenTheFileFailsAndTheOthersGoOn() throws Exception {
        byte[] good = randomBytes(5000, 10);
        server.route("/broken", FaultServer.failsWith(500, null, Integer.MAX_VALUE, good))
                .route("/good", FaultServer.file(good));

        Run run = get("--retries", "3", server.url("/broken"), server.url("/good"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(server.count("/broken")).isEqualTo(4);
        assertThat(filesIn(out)).containsExactly("good");
        assertThat(run.err()).contains("Failed:").contains(server.url("/broken") + ": HTTP 500");
        assertThat(run.err()).contains("after 4 attempts");
    }

    @Test
    void aChunkedBodyIsReassembled() throws Exception {
        byte[] body = randomBytes(100_000, 27);
        server.route("/chunked", FaultServer.chunked(body, 7_777));

        assertThat(get(server.url("/chunked")).exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(out.resolve("chunked"))).isEqualTo(body);
    }

    @Test
    void manyBadLinesAreReportedOnlyUpToALimit() throws Exception {
        Path list = temp.resolve("urls.txt");
        Files.writeString(list, "gopher://x/\n".repeat(50));

        Run run = get("-i", list.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err())
                .contains("urls.txt:20:")
                .doesNotContain("urls.txt:21:")
                .contains("and 30 more");
    }

    @Test
    void theLiveDisplayShowsTheBarAndALinePerDownloadAndErasesThoseLinesBeforeTheSummary() {
        server.route("/slow.bin", FaultServer.throttled(new byte[120_000], 0, 150_000));

        Run run = get("--progress", "live", server.url("/slow.bin"));

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.err())
                .contains("get  [")
                .contains("] 0/1 (0%), ")
                .contains("slow.bin")
                .contains("of 117.2 KiB");
        assertThat(run.err()).contains("\033[J"); // the lines under the bar are erased, then the summary follows
        assertThat(run.err().substring(run.err().lastIndexOf("\033[J"))).contains("1 file: 1 ok");
    }

    @Test
    void notFoundIsNotRetried() {
        Run run = get("--retries", "3", server.url("/missing"));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(server.count("/missing")).isEqualTo(1);
        assertThat(run.err()).contains("HTTP 404 Not Found");
    }

    @Test
    void aContentLengthThatLiesNeverLeavesAFileUnderItsFinalName() throws Exception {
        server.route("/liar", FaultServer.lyingLength(randomBytes(1000, 11), 5000));

        Run run = get("--retries", "2", server.url("/liar"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(server.count("/liar")).isEqualTo(3);
        assertThat(out.resolve("liar")).doesNotExist();
        assertThat(run.err()).contains(server.url("/liar") + ": ");
    }

    @Test
    void aRedirectLoopStopsAtTheLimit() {
        server.route("/loop", FaultServer.redirect("/loop"));

        Run run = get("--max-redirect", "5", server.url("/loop"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("too many redirects (more than 5)");
        assertThat(server.count("/loop")).isEqualTo(6);
    }

    @Test
    void redirectsAreFollowedAndTheFileIsNamedAfterTheUrlAskedFor() throws Exception {
        byte[] body = randomBytes(1000, 12);
        server.route("/old", FaultServer.redirect(server.url("/new"))).route("/new", FaultServer.file(body));

        assertThat(get(server.url("/old")).exit()).isEqualTo(0);
        assertThat(Files.readAllBytes(out.resolve("old"))).isEqualTo(body);
    }

    @Test
    void hostileContentDispositionNamesStayInsideTheOutputDirectory() throws Exception {
        byte[] x = randomBytes(100, 13);
        byte[] passwd = randomBytes(100, 14);
        byte[] hidden = randomBytes(100, 15);
        server.route("/1", FaultServer.file(x, Map.of("Content-Disposition", "attachment; filename=\"../../x\"")))
                .route(
                        "/2",
                        FaultServer.file(passwd, Map.of("Content-Disposition", "attachment; filename=/etc/passwd")))
                .route(
                        "/3",
                        FaultServer.file(
                                hidden,
                                Map.of(
                                        "Content-Disposition",
                                        "attachment; filename=\"..\\\\.bashrc\"; filename*=UTF-8''..%2F.bash%07rc%0A")));

        Run run = get(server.url("/1"), server.url("/2"), server.url("/3"));

        assertThat(run.exit()).as(run.err()).isEqualTo(0);
        assertThat(filesIn(out)).containsExactlyInAnyOrder("x", "passwd", "bash_rc_");
        assertThat(Files.readAllBytes(out.resolve("passwd"))).isEqualTo(passwd);
        assertThat(temp.resolve("x")).doesNotExist();
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(Files::isRegularFile).filter(p -> !p.startsWith(out)))
                    .isEmpty();
        }
    }

    @Test
    void aChecksumMismatchFailsThatFileOnlyAndLeavesNoFile() throws Exception {
        byte[] body = randomBytes(4000, 16);
        byte[] other = randomBytes(4000, 17);
        server.route("/wrong", FaultServer.file(body)).route("/right", FaultServer.file(other));
        Path list = temp.resolve("urls.txt");
        Files.writeString(
                list,
                server.url("/wrong") + " sha256=" + sha256(other) + "\n" + server.url("/right") + " sha256="
                        + sha256(other) + "\n");

        Run run = get("-i", list.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("checksum mismatch: expected sha256 " + sha256(other) + ", got " + sha256(body));
        assertThat(filesIn(out)).containsExactly("right");
        assertThat(server.count("/wrong")).as("a mismatch is not retried").isEqualTo(1);
    }

    @Test
    void aLocalWriteErrorFailsThatFileWithAClearMessageWhileOthersGoOn() throws Exception {
        server.route("/blocked", FaultServer.file(randomBytes(100, 18)))
                .route("/fine", FaultServer.file(randomBytes(100, 19)));
        Files.createDirectories(out.resolve("blocked.part")); // the .part cannot be opened as a file

        Run run = get("--retries", "3", server.url("/blocked"), server.url("/fine"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write").contains("blocked.part");
        assertThat(server.count("/blocked")).as("a local error is not retried").isEqualTo(1);
        assertThat(out.resolve("fine")).exists();
    }

    @Test
    void aPlantedPartSymlinkIsNotFollowed() throws Exception {
        Path victim = temp.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("f.part"), victim);
        server.route("/f", FaultServer.file(randomBytes(100, 20)));

        get(server.url("/f"));

        assertThat(Files.readString(victim)).isEqualTo("precious");
    }

    @Test
    void aBodyThatGoesSilentHitsTheIdleTimeoutAndIsResumed() throws Exception {
        byte[] body = randomBytes(2 << 20, 21);
        CountDownLatch testOver = new CountDownLatch(1);
        server.route("/stall", FaultServer.stallsOnce(body, 1 << 20, testOver));
        try {
            Run run = get("--read-timeout", "0.5", server.url("/stall"));

            assertThat(run.exit()).as(run.err()).isEqualTo(0);
            assertThat(Files.readAllBytes(out.resolve("stall"))).isEqualTo(body);
            assertThat(server.requests("/stall").get(1).header("Range")).isEqualTo("bytes=" + (1 << 20) + "-");
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void maxSizeRejectsALargerFile() {
        server.route("/large", FaultServer.file(randomBytes(10_000, 22)));

        Run run = get("--max-size", "5k", server.url("/large"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("larger than --max-size");
        assertThat(out.resolve("large")).doesNotExist();
    }

    @Test
    void existingFilesAreRenamedSkippedOrOverwrittenAsAsked() throws Exception {
        byte[] body = randomBytes(500, 23);
        server.route("/doc.txt", FaultServer.file(body));
        Files.createDirectories(out);
        Files.writeString(out.resolve("doc.txt"), "mine");

        assertThat(get(server.url("/doc.txt")).exit()).isEqualTo(0);
        assertThat(Files.readString(out.resolve("doc.txt"))).isEqualTo("mine");
        assertThat(Files.readAllBytes(out.resolve("doc.1.txt"))).isEqualTo(body);

        Run skip = get("--on-exists", "skip", server.url("/doc.txt"));
        assertThat(skip.err()).contains("1 skipped");
        assertThat(server.count("/doc.txt")).isEqualTo(1);

        assertThat(get("--on-exists", "overwrite", server.url("/doc.txt")).exit())
                .isEqualTo(0);
        assertThat(Files.readAllBytes(out.resolve("doc.txt"))).isEqualTo(body);
        assertThat(filesIn(out)).containsExactly("doc.1.txt", "doc.txt");
    }

    @Test
    void twoUrlsWithTheSameNameGetTwoFiles() throws Exception {
        byte[] a = randomBytes(300, 24);
        byte[] b = randomBytes(300, 25);
        server.route("/a/", FaultServer.file(a)).route("/b/", FaultServer.file(b));

        assertThat(get(server.url("/a/"), server.url("/b/")).exit()).isEqualTo(0);

        assertThat(Files.readAllBytes(out.resolve("index.html"))).isEqualTo(a);
        assertThat(Files.readAllBytes(out.resolve("index.1.html"))).isEqualTo(b);
    }

    @Test
    void jsonPrintsOneRecordPerFile() throws Exception {
        server.route("/ok", FaultServer.file(randomBytes(1234, 26)));

        Run run = get("--json", "-q", server.url("/ok"), server.url("/nope"));

        assertThat(run.exit()).isEqualTo(1);
        List<JsonNode> records = new ArrayList<>();
        for (String line : run.out().lines().toList()) {
            records.add(new ObjectMapper().readTree(line));
        }
        assertThat(records).hasSize(2);
        JsonNode ok = records.stream()
                .filter(r -> r.get("url").asText().endsWith("/ok"))
                .findFirst()
                .orElseThrow();
        assertThat(ok.get("status").asText()).isEqualTo("ok");
        assertThat(ok.get("bytes").asLong()).isEqualTo(1234);
        assertThat(ok.get("attempts").asInt()).isEqualTo(1);
        assertThat(ok.get("path").asText()).endsWith("ok");
        assertThat(ok.get("error").isNull()).isTrue();
        assertThat(ok.has("seconds")).isTrue();
        JsonNode failed = records.stream()
                .filter(r -> r.get("url").asText().endsWith("/nope"))
                .findFirst()
                .orElseThrow();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("error").asText()).contains("404");
        assertThat(run.err()).as("-q: only the failure").contains("HTTP 404").doesNotContain("STATUS");
    }

    @Test
    void headersAndUserAgentAreSent() {
        server.route("/h", FaultServer.file(new byte[10]));

        get("-H", "Authorization: Bearer t0k", "-U", "tester/1", server.url("/h"));

        FaultServer.Request request = server.requests("/h").get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer t0k");
        assertThat(request.header("User-Agent")).isEqualTo("tester/1");
    }

    @Test
    void limitRateHoldsTheTotalRate() {
        server.route("/r1", FaultServer.file(new byte[100_000])).route("/r2", FaultServer.file(new byte[100_000]));
        long start = System.nanoTime();

        assertThat(get("--limit-rate", "200k", server.url("/r1"), server.url("/r2"))
                        .exit())
                .isEqualTo(0);

        double seconds = (System.nanoTime() - start) / 1e9;
        // 200,000 bytes at 204,800 B/s, less the quarter-second burst: at least ~0.7 s.
        assertThat(seconds).isGreaterThan(0.6);
    }

    @Test
    void throttledFilesThreeAtATimeBeatOneByOne() {
        for (int i = 1; i <= 5; i++) {
            server.route("/img" + i + ".jpg", FaultServer.throttled(new byte[40_000], 100, 100_000));
        }
        String[] urls = new String[5];
        for (int i = 0; i < 5; i++) {
            urls[i] = server.url("/img" + (i + 1) + ".jpg");
        }
        long t0 = System.nanoTime();
        get(concat(new String[] {"-j", "1", "--on-exists", "overwrite"}, urls));
        double serial = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        Run run = get(concat(new String[] {"-j", "3", "--on-exists", "overwrite"}, urls));
        double parallel = (System.nanoTime() - t1) / 1e9;

        assertThat(run.exit()).isEqualTo(0);
        // 5 x 0.5 s one by one; two rounds of 0.5 s three at a time: 2.5x in theory, 1.8x on a loaded machine.
        assertThat(serial / parallel)
                .as("serial %.2f s, -j 3 %.2f s", serial, parallel)
                .isGreaterThan(1.8);
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
