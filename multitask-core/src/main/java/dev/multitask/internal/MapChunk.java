package dev.multitask.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Consecutive inputs of {@code Pool.map} that travel to a worker together, when {@link
 * dev.multitask.MapOptions#chunkSize()} asks for it. Its text, which labels the chunk's task, is its first input and
 * how many follow.
 */
record MapChunk<T>(List<T> inputs) implements Serializable {

    @Override
    public String toString() {
        return inputs.size() == 1
                ? String.valueOf(inputs.getFirst())
                : inputs.getFirst() + " (+" + (inputs.size() - 1) + " more)";
    }

    /** Reads {@code inputs} lazily, {@code size} at a time. */
    static <T> Iterator<MapChunk<T>> split(Iterator<? extends T> inputs, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inputs.hasNext();
            }

            @Override
            public MapChunk<T> next() {
                if (!inputs.hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> chunk = new ArrayList<>(Math.min(size, 1024));
                while (chunk.size() < size && inputs.hasNext()) {
                    chunk.add(inputs.next());
                }
                return new MapChunk<>(chunk);
            }
        };
    }

    /** Applies a function to every input of a chunk, in order; the first exception fails the whole chunk. */
    record Apply<T, R>(Function<? super T, ? extends R> function)
            implements Function<MapChunk<T>, List<R>>, Serializable {

        @Override
        public List<R> apply(MapChunk<T> chunk) {
            List<R> results = new ArrayList<>(chunk.inputs().size());
            for (T input : chunk.inputs()) {
                results.add(function.apply(input));
            }
            return results;
        }
    }
}
