package dev.multitask.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void quotesLikeGnuParallel() {
        assertThat(ShellQuote.quote("plain-file_1.txt")).isEqualTo("plain-file_1.txt");
        assertThat(ShellQuote.quote("")).isEqualTo("''");
        assertThat(ShellQuote.quote("a b")).isEqualTo("'a b'");
        assertThat(ShellQuote.quote("it's")).isEqualTo("'it'\"'\"'s'");
        assertThat(ShellQuote.quote("'lead")).isEqualTo("\"'\"'lead'");
        assertThat(ShellQuote.quote("$(rm -rf ~); *")).isEqualTo("'$(rm -rf ~); *'");
    }

    @Test
    void pathReplacementsFollowPerlsFileBasename() {
        assertThat(Template.transform("d/e f.tar.gz", ".")).isEqualTo("d/e f.tar");
        assertThat(Template.transform("a.b/c", ".")).isEqualTo("a.b/c");
        assertThat(Template.transform(".bashrc", ".")).isEmpty();
        assertThat(Template.transform("dir/", "/")).isEmpty();
        assertThat(Template.transform("dir/", "//")).isEqualTo(".");
        assertThat(Template.transform("/x", "//")).isEqualTo("/");
        assertThat(Template.transform("a/b/", "//")).isEqualTo("a");
        assertThat(Template.transform("plain", "//")).isEqualTo(".");
        assertThat(Template.transform("/abs/x.y", "/.")).isEqualTo("x");
    }

    @Test
    void argumentsAreAppendedWhenThereIsNoReplacementString() {
        assertThat(Template.parse(List.of("echo", "x")).render(List.of("a b", "c"), 1, 1))
                .isEqualTo("echo x 'a b' c");
        assertThat(Template.parse(List.of("echo", "{#}")).render(List.of("a"), 7, 1))
                .isEqualTo("echo 7");
    }

    @Test
    void emptyTemplateRunsTheArgumentsAsTheCommand() {
        assertThat(Template.parse(List.of()).render(List.of("echo 'a b'", "; ls"), 1, 1))
                .isEqualTo("echo 'a b' ; ls");
    }

    @Test
    void positionalReplacementsBeyondTheArgumentsAreEmpty() {
        assertThat(Template.parse(List.of("x{2}y{1.}z{3}")).render(List.of("a.b", "c d"), 1, 2))
                .isEqualTo("x'c d'yaz");
    }

    @Test
    void commandsWithoutShellSyntaxRunDirectly() {
        assertThat(Invocation.of("gzip -9 'a b.txt' it\\'s \"x y\"", "/bin/sh"))
                .isEqualTo(new Invocation(List.of("gzip", "-9", "a b.txt", "it's", "x y"), false));
        assertThat(Invocation.of("echo ''", "/bin/sh").argv()).containsExactly("echo", "");
    }

    @Test
    void commandsWithShellSyntaxGoToTheShell() {
        for (String line : List.of(
                "echo a > b",
                "echo a | wc",
                "a && b",
                "echo $HOME",
                "echo \"$HOME\"",
                "ls *.txt",
                "cd /tmp",
                "X=1 env",
                "echo ~",
                "exit 3",
                "echo 'unterminated",
                "echo a\nb")) {
            assertThat(Invocation.of(line, "/bin/sh").viaShell()).as(line).isTrue();
        }
    }
}
