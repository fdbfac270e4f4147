package dev.multitask.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a composed command line is started: directly as an argument vector when it holds no shell syntax (the same
 * result as the shell, at half the processes), else as {@code SHELL -c LINE}.
 *
 * <p>"No shell syntax" is decided conservatively: only words of plain characters, single-quoted text, double-quoted
 * text without {@code $ ` \}, and backslash escapes; no operator, redirection, expansion, glob, comment, assignment or
 * shell builtin. Anything else goes to the shell.
 */
record Invocation(List<String> argv, boolean viaShell) {

    /** Builtins and keywords that have no executable of the same meaning. */
    private static final Set<String> SHELL_WORDS = Set.of(
            "alias",
            "bg",
            "break",
            "builtin",
            "case",
            "cd",
            "command",
            "continue",
            "declare",
            "do",
            "done",
            "elif",
            "else",
            "esac",
            "eval",
            "exec",
            "exit",
            "export",
            "fc",
            "fg",
            "fi",
            "for",
            "function",
            "getopts",
            "hash",
            "history",
            "if",
            "jobs",
            "let",
            "local",
            "logout",
            "read",
            "readonly",
            "return",
            "select",
            "set",
            "shift",
            "shopt",
            "source",
            "then",
            "time",
            "trap",
            "type",
            "typeset",
            "ulimit",
            "umask",
            "unalias",
            "unset",
            "until",
            "wait",
            "while",
            ".",
            ":",
            "[[",
            "!",
            "{",
            "}");

    private static final String SPECIAL = "|&;<>()$`*?[]#~{}!\n\r";

    static Invocation of(String line, String shell) {
        List<String> words = plainWords(line);
        if (words == null
                || words.isEmpty()
                || SHELL_WORDS.contains(words.get(0))
                || words.get(0).contains("=")) {
            return viaShell(line, shell);
        }
        return new Invocation(words, false);
    }

    static Invocation viaShell(String line, String shell) {
        return new Invocation(List.of(shell, "-c", line), true);
    }

    /** The words of {@code line} if it holds no shell syntax, else {@code null}. */
    static List<String> plainWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        int n = line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    return null;
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '"') {
                int end = line.indexOf('"', i + 1);
                if (end < 0) {
                    return null;
                }
                for (int k = i + 1; k < end; k++) {
                    char q = line.charAt(k);
                    if (q == '$' || q == '`' || q == '\\' || q == '!') {
                        return null;
                    }
                }
                word.append(line, i + 1, end);
                i = end;
            } else if (c == '\\') {
                if (i + 1 >= n || line.charAt(i + 1) == '\n') {
                    return null;
                }
                word.append(line.charAt(++i));
            } else if (SPECIAL.indexOf(c) >= 0 || c == '=' && words.isEmpty()) {
                return null;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
