package dev.multitask.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.multitask.cli.Main;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code multitask get} over https against the JDK's HttpsServer on 127.0.0.1 with a certificate made by keytool for
 * this test. The command runs as a child JVM so that it can trust that certificate (javax.net.ssl.trustStore) without
 * touching this JVM's TLS defaults; without the trust store, the same download must fail on the certificate.
 */
class GetHttpsTest {

    @TempDir
    static Path temp;

    static HttpsServer server;
    static Path trustStore;
    static byte[] body = new byte[300_000];

    @BeforeAll
    static void start() throws Exception {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Path keyStore = temp.resolve("server.p12");
        Path cert = temp.resolve("server.crt");
        trustStore = temp.resolve("trust.p12");
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keyStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret",
                "-keypass",
                "secret");
        run(
                keytool,
                "-exportcert",
                "-alias",
                "server",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "secret",
                "-file",
                cert.toString());
        run(
                keytool,
                "-importcert",
                "-noprompt",
                "-alias",
                "server",
                "-file",
                cert.toString(),
                "-keystore",
                trustStore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            keys.load(in, "secret".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);

        new Random(5).nextBytes(body);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/secure.bin", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }

    static Process get(Path out, List<String> jvmOptions) throws Exception {
        String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/secure.bin";
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of("get", "--retries", "0", "-d", out.toString(), url));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        temp.resolve("child-" + out.getFileName() + ".log").toFile())
                .start();
    }

    @Test
    void downloadsOverHttpsWhenTheCertificateIsTrusted() throws Exception {
        Path out = temp.resolve("trusted");
        Process child = get(
                out, List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=secret"));

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue())
                .as(Files.readString(temp.resolve("child-trusted.log")))
                .isZero();
        assertThat(Files.readAllBytes(out.resolve("secure.bin"))).isEqualTo(body);
    }

    @Test
    void refusesAnUntrustedCertificate() throws Exception {
        Path out = temp.resolve("untrusted");
        Process child = get(out, List.of());

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("child-untrusted.log"))).contains("network error");
        assertThat(out.resolve("secure.bin")).doesNotExist();
    }
}
