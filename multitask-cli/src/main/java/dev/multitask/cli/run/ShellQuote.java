package dev.multitask.cli.run;

import java.util.regex.Pattern;

/**
 * Quotes a value for a POSIX shell exactly as GNU parallel does, so that composed commands (and the joblog's Command
 * column) are the same: values made only of {@code [-_.+a-zA-Z0-9/]} stay bare, the empty string becomes {@code ''},
 * anything else is single-quoted with each run of single quotes written as {@code '"''"'}.
 */
final class ShellQuote {

    private static final Pattern SAFE = Pattern.compile("[-_.+a-zA-Z0-9/]+");
    private static final Pattern QUOTES = Pattern.compile("'+");

    private ShellQuote() {}

    static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        String quoted = "'" + QUOTES.matcher(value).replaceAll("'\"$0\"'") + "'";
        if (quoted.startsWith("''")) {
            quoted = quoted.substring(2);
        }
        if (quoted.endsWith("''") && quoted.length() >= 2) {
            quoted = quoted.substring(0, quoted.length() - 2);
        }
        return quoted;
    }
}
