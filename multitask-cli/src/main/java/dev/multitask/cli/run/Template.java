package dev.multitask.cli.run;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command template: the command words joined with spaces, with GNU parallel's replacement strings found in it.
 *
 * <p>Replacement strings: {@code {}} the argument(s), {@code {.}} without extension, {@code {/}} basename, {@code {//}}
 * directory, {@code {/.}} basename without extension, {@code {#}} job number, {@code {%}} job slot, and the positional
 * forms {@code {N}} {@code {N.}} {@code {N/}} {@code {N//}} {@code {N/.}}. Every substituted argument is shell-quoted
 * ({@link ShellQuote}); the template's own text is left for the shell. A template without any replacement string gets
 * the quoted arguments appended; an empty template runs the arguments themselves as the command, unquoted.
 */
final class Template {

    private static final Pattern REPLACEMENT = Pattern.compile("\\{(\\d*)(|\\.|/|//|/\\.|#|%)}");

    private sealed interface Part permits Literal, Replacement {}

    private record Literal(String text) implements Part {}

    /** {@code position} 0 means all arguments; {@code kind} is one of "", ".", "/", "//", "/.", "#", "%". */
    private record Replacement(int position, String kind) implements Part {}

    private final List<Part> parts;
    private final boolean empty;

    private Template(List<Part> parts, boolean empty) {
        this.parts = parts;
        this.empty = empty;
    }

    static Template parse(List<String> words) {
        String joined = String.join(" ", words);
        List<Part> parts = new ArrayList<>();
        Matcher m = REPLACEMENT.matcher(joined);
        int last = 0;
        boolean hasReplacement = false;
        while (m.find()) {
            String digits = m.group(1);
            String kind = m.group(2);
            if (!digits.isEmpty() && (kind.equals("#") || kind.equals("%"))) {
                continue; // {1#} is no replacement string; leave it as text
            }
            if (m.start() > last) {
                parts.add(new Literal(joined.substring(last, m.start())));
            }
            int position = digits.isEmpty() ? 0 : parsePosition(digits);
            if (!digits.isEmpty() && position == 0) {
                parts.add(new Literal(m.group()));
            } else {
                parts.add(new Replacement(position, kind));
                hasReplacement = true;
            }
            last = m.end();
        }
        if (last < joined.length()) {
            parts.add(new Literal(joined.substring(last)));
        }
        if (!hasReplacement && !joined.isBlank()) {
            parts.add(new Literal(" "));
            parts.add(new Replacement(0, ""));
        }
        return new Template(List.copyOf(parts), joined.isBlank());
    }

    private static int parsePosition(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The shell command line for one job. */
    String render(List<String> args, long seq, int slot) {
        if (empty) {
            return String.join(" ", args);
        }
        StringBuilder sb = new StringBuilder(64);
        for (Part part : parts) {
            switch (part) {
                case Literal literal -> sb.append(literal.text());
                case Replacement r -> appendReplacement(sb, r, args, seq, slot);
            }
        }
        return sb.toString();
    }

    private static void appendReplacement(StringBuilder sb, Replacement r, List<String> args, long seq, int slot) {
        switch (r.kind()) {
            case "#" -> sb.append(seq);
            case "%" -> sb.append(slot);
            default -> {
                if (r.position() == 0) {
                    for (int i = 0; i < args.size(); i++) {
                        if (i > 0) {
                            sb.append(' ');
                        }
                        sb.append(ShellQuote.quote(transform(args.get(i), r.kind())));
                    }
                } else if (r.position() <= args.size()) {
                    sb.append(ShellQuote.quote(transform(args.get(r.position() - 1), r.kind())));
                }
            }
        }
    }

    /** Applies {@code .}, {@code /}, {@code //} or {@code /.} as GNU parallel (Perl's File::Basename) does. */
    static String transform(String value, String kind) {
        return switch (kind) {
            case "." -> withoutExtension(value);
            case "/" -> basename(value);
            case "//" -> dirname(value);
            case "/." -> withoutExtension(basename(value));
            default -> value;
        };
    }

    private static String withoutExtension(String value) {
        int dot = value.lastIndexOf('.');
        return dot >= 0 && value.indexOf('/', dot) < 0 ? value.substring(0, dot) : value;
    }

    private static String basename(String value) {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    private static String dirname(String value) {
        String dir = stripTrailingSlashes(directoryPart(value));
        if (basename(value).isEmpty()) {
            dir = stripTrailingSlashes(directoryPart(dir));
        }
        return dir;
    }

    private static String directoryPart(String value) {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? "./" : value.substring(0, slash + 1);
    }

    private static String stripTrailingSlashes(String value) {
        int end = value.length();
        while (end > 1 && value.charAt(end - 1) == '/') {
            end--;
        }
        return value.substring(0, end);
    }
}
