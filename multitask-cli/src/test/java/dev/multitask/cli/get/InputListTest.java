package dev.multitask.cli.get;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class InputListTest {

    static final String HEX = "ab".repeat(32);

    InputList.Result parse(String text) throws IOException {
        return InputList.parse(new StringReader(text), "list");
    }

    @Test
    void sameLineAndIndentedOptionsBothApply() throws IOException {
        InputList.Result r = parse("http://h/a out=x.bin sha256=" + HEX.toUpperCase() + "\nhttps://h/b\n\tout=y\n");
        assertThat(r.problems()).isEmpty();
        assertThat(r.requests()).hasSize(2);
        assertThat(r.requests().get(0).outName()).isEqualTo("x.bin");
        assertThat(r.requests().get(0).sha256()).isEqualTo(HEX);
        assertThat(r.requests().get(1).outName()).isEqualTo("y");
        assertThat(r.requests().get(1).origin()).isEqualTo("list:2");
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndSkipped() throws IOException {
        InputList.Result r = parse(
                "# comment\n\nfile:///etc/passwd\nhttp://h/ok\nhttp://h/bad sha256=xyz\nhttp://h/c colour=red\n  out=z\n");
        assertThat(r.requests()).extracting(q -> q.uri().getPath()).containsExactly("/ok");
        assertThat(r.problems()).hasSize(3);
        assertThat(r.problems().get(0)).startsWith("list:3: only http and https");
        assertThat(r.problems().get(1)).startsWith("list:5: sha256 must be 64 hex digits");
        assertThat(r.problems().get(2)).startsWith("list:6: unknown option colour=");
    }

    @Test
    void aBadIndentedOptionDropsItsUrl() throws IOException {
        InputList.Result r = parse("http://h/a\n  sha256=nothex\n");
        assertThat(r.requests()).isEmpty();
        assertThat(r.problems()).anyMatch(p -> p.startsWith("list:2:")).anyMatch(p -> p.contains("http://h/a skipped"));
    }
}
