package dev.multitask.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void pathsAreCutToTheirLastSegment() {
        assertThat(FileNames.sanitize("../../x")).isEqualTo("x");
        assertThat(FileNames.sanitize("/etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitize("..\\..\\windows\\win.ini")).isEqualTo("win.ini");
    }

    @Test
    void dotNamesControlAndBidiCharactersAreNeutralised() {
        assertThat(FileNames.sanitize("..")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize(".")).isEqualTo(FileNames.FALLBACK);
        assertThat(FileNames.sanitize(".bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.sanitize("a\nb\u0000c\u001b[31m")).isEqualTo("a_b_c_[31m");
        assertThat(FileNames.sanitize("photo\u202egpj.exe")).isEqualTo("photo_gpj.exe");
        assertThat(FileNames.sanitize("trailing. . ")).isEqualTo("trailing");
    }

    @Test
    void longNamesAreBoundedInBytesAndKeepTheirExtension() {
        String name = FileNames.sanitize("é".repeat(300) + ".tar.gz");
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_BYTES);
        assertThat(name).endsWith(".gz").startsWith("é");
    }

    @Test
    void urlNamesAreDecodedAndDirectoriesBecomeIndexHtml() {
        assertThat(FileNames.fromUri(URI.create("http://h/a/my%20file.txt?x=1")))
                .isEqualTo("my file.txt");
        assertThat(FileNames.fromUri(URI.create("http://h/a/"))).isEqualTo("index.html");
        assertThat(FileNames.fromUri(URI.create("http://h"))).isEqualTo("index.html");
        assertThat(FileNames.fromUri(URI.create("http://h/a/..%2F..%2Fetc%2Fpasswd")))
                .isEqualTo("passwd");
    }

    @Test
    void contentDispositionPrefersTheExtendedFilename() {
        assertThat(FileNames.fromContentDisposition(
                        "attachment; filename=\"plain.txt\"; filename*=UTF-8''%E2%82%AC.txt"))
                .isEqualTo("€.txt");
        assertThat(FileNames.fromContentDisposition("attachment; filename=\"a;b.txt\""))
                .isEqualTo("a;b.txt");
        assertThat(FileNames.fromContentDisposition("inline")).isNull();
        assertThat(FileNames.fromContentDisposition(null)).isNull();
    }

    @Test
    void numberedNamesKeepTheExtension() {
        assertThat(FileNames.numbered("photo.jpg", 2)).isEqualTo("photo.2.jpg");
        assertThat(FileNames.numbered("README", 1)).isEqualTo("README.1");
    }
}
