package dev.multitask.cli.run;

import java.util.ArrayList;
import java.util.List;

/**
 * The words after the options of {@code multitask run}, split GNU parallel's way: the command words, then input
 * sources introduced by {@code :::} (values), {@code ::::} (files, each its own source), and their linked forms
 * {@code :::+} and {@code ::::+}, which pair the source with the one before instead of multiplying.
 */
record RunArguments(List<String> command, List<Source> sources) {

    /** One input source: literal values, or a file ("-" is standard input); {@code linked} pairs it with the previous. */
    record Source(List<String> values, String file, boolean linked) {}

    static RunArguments split(List<String> words) {
        List<String> command = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        int i = 0;
        while (i < words.size() && !isMarker(words.get(i))) {
            command.add(words.get(i++));
        }
        while (i < words.size()) {
            String marker = words.get(i++);
            boolean linked = marker.endsWith("+");
            List<String> values = new ArrayList<>();
            while (i < words.size() && !isMarker(words.get(i))) {
                values.add(words.get(i++));
            }
            if (marker.startsWith("::::")) {
                if (values.isEmpty()) {
                    throw new RunException(marker + " needs at least one file");
                }
                for (String file : values) {
                    sources.add(new Source(null, file, linked));
                    linked = false;
                }
            } else {
                sources.add(new Source(values, null, linked));
            }
        }
        if (!sources.isEmpty() && sources.get(0).linked()) {
            throw new RunException("the first input source cannot be linked with :::+ or ::::+");
        }
        return new RunArguments(List.copyOf(command), List.copyOf(sources));
    }

    private static boolean isMarker(String word) {
        return word.equals(":::") || word.equals("::::") || word.equals(":::+") || word.equals("::::+");
    }
}
