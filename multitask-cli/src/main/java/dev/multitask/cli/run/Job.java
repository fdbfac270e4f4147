package dev.multitask.cli.run;

import java.util.List;

/**
 * One job: its number ({@code {#}}, counted over all inputs, skipped ones included), its place among the jobs started
 * ({@code order}, for {@code -k}), its arguments, its slot ({@code {%}}) and the composed command line.
 */
record Job(long seq, long order, List<String> args, int slot, String command) {

    /** The {@code --tag} prefix: the arguments joined with spaces, and a tab. */
    String tag() {
        return String.join(" ", args) + "\t";
    }
}
