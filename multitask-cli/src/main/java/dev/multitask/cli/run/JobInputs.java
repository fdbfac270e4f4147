package dev.multitask.cli.run;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The argument lists of the jobs, in GNU parallel's order: the cartesian product of the source groups, the last
 * varying fastest; sources within a group ({@code :::+}, or all of them with {@code --link}) are taken pairwise.
 *
 * <p>Only the first group is streamed; the later groups are read into memory, since every one of their values is
 * needed once per value of the first. With {@code --link}, shorter sources wrap around to the longest one's length;
 * sources joined with {@code :::+} stop at the shortest, as in GNU parallel.
 */
final class JobInputs implements Iterator<List<String>>, AutoCloseable {

    private final List<InputSource> sources;
    private final Iterator<List<String>> first;
    private final List<List<List<String>>> rest;
    private final int[] indices;
    private List<String> current;
    private List<String> next;

    /**
     * @param groups the sources, grouped by {@code :::+} linkage
     * @param wrap whether linked sources wrap around ({@code --link}) instead of stopping at the shortest
     */
    JobInputs(List<List<InputSource>> groups, boolean wrap) {
        this.sources = groups.stream().flatMap(List::stream).toList();
        this.first = linked(groups.get(0), wrap);
        this.rest = new ArrayList<>();
        for (List<InputSource> group : groups.subList(1, groups.size())) {
            List<List<String>> values = new ArrayList<>();
            linked(group, wrap).forEachRemaining(values::add);
            rest.add(values);
        }
        this.indices = new int[rest.size()];
    }

    private static Iterator<List<String>> linked(List<InputSource> group, boolean wrap) {
        if (group.size() == 1) {
            InputSource only = group.get(0);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return only.hasNext();
                }

                @Override
                public List<String> next() {
                    return List.of(only.next());
                }
            };
        }
        List<List<String>> columns = new ArrayList<>();
        int longest = 0;
        int shortest = Integer.MAX_VALUE;
        for (InputSource source : group) {
            List<String> values = new ArrayList<>();
            source.forEachRemaining(values::add);
            columns.add(values);
            longest = Math.max(longest, values.size());
            shortest = Math.min(shortest, values.size());
        }
        int rows = shortest == 0 ? 0 : wrap ? longest : shortest;
        List<List<String>> result = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>(columns.size());
            for (List<String> column : columns) {
                row.add(column.get(r % column.size()));
            }
            result.add(row);
        }
        return result.iterator();
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public List<String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        List<String> result = next;
        next = null;
        return result;
    }

    private List<String> advance() {
        for (List<List<String>> values : rest) {
            if (values.isEmpty()) {
                return null;
            }
        }
        if (current == null || !increment()) {
            if (!first.hasNext()) {
                return null;
            }
            current = first.next();
            java.util.Arrays.fill(indices, 0);
        }
        List<String> args = new ArrayList<>(current);
        for (int g = 0; g < rest.size(); g++) {
            args.addAll(rest.get(g).get(indices[g]));
        }
        return args;
    }

    /** Moves to the next combination of the later groups; false when they are exhausted for the current value. */
    private boolean increment() {
        for (int g = rest.size() - 1; g >= 0; g--) {
            if (++indices[g] < rest.get(g).size()) {
                return true;
            }
            indices[g] = 0;
        }
        return false;
    }

    @Override
    public void close() {
        sources.forEach(InputSource::close);
    }
}
