package dev.multitask.internal;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.function.Function;

/**
 * Consecutive inputs of {@code Pool.map} that travel to a worker together, when {@link
 * dev.multitask.MapOptions#chunkSize()} asks for it. Its text, which labels the chunk's task, is its first input and
 * how many follow.
 *
 * <p>Chunks exist to make tiny tasks cheap, and plain serialization spends far more on a boxed number than a tiny task
 * does, so a chunk's inputs, and its results ({@link Values}), write null, {@code Integer}, {@code Long}, {@code
 * Double} and {@code Boolean} as tagged raw values; anything else is written as an object, as usual.
 */
final class MapChunk<T> implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private transient List<T> inputs;

    MapChunk(List<T> inputs) {
        this.inputs = inputs;
    }

    List<T> inputs() {
        return inputs;
    }

    @Override
    public String toString() {
        return inputs.size() == 1
                ? String.valueOf(inputs.getFirst())
                : inputs.getFirst() + " (+" + (inputs.size() - 1) + " more)";
    }

    @Serial
    private void writeObject(ObjectOutputStream out) throws IOException {
        Values.write(out, inputs);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        @SuppressWarnings("unchecked")
        List<T> read = (List<T>) Values.read(in);
        inputs = read;
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
            Object[] results = new Object[chunk.inputs().size()];
            int i = 0;
            for (T input : chunk.inputs()) {
                results[i++] = function.apply(input);
            }
            return new Values<>(results);
        }
    }

    /** The results of a chunk: an immutable list with the compact serialized form described above. */
    static final class Values<E> extends AbstractList<E> implements RandomAccess, Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        private static final byte NULL = 0;
        private static final byte INT = 1;
        private static final byte LONG = 2;
        private static final byte DOUBLE = 3;
        private static final byte TRUE = 4;
        private static final byte FALSE = 5;
        private static final byte OBJECT = 6;

        private transient Object[] values;

        Values(Object[] values) {
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E get(int index) {
            return (E) values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Serial
        private void writeObject(ObjectOutputStream out) throws IOException {
            write(out, this);
        }

        @Serial
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            values = read(in).toArray();
        }

        static void write(ObjectOutputStream out, List<?> values) throws IOException {
            out.writeInt(values.size());
            for (Object value : values) {
                switch (value) {
                    case null -> out.writeByte(NULL);
                    case Integer i -> {
                        out.writeByte(INT);
                        out.writeInt(i);
                    }
                    case Long l -> {
                        out.writeByte(LONG);
                        out.writeLong(l);
                    }
                    case Double d -> {
                        out.writeByte(DOUBLE);
                        out.writeDouble(d);
                    }
                    case Boolean b -> out.writeByte(b ? TRUE : FALSE);
                    default -> {
                        out.writeByte(OBJECT);
                        out.writeObject(value);
                    }
                }
            }
        }

        static List<Object> read(ObjectInputStream in) throws IOException, ClassNotFoundException {
            int size = in.readInt();
            if (size < 0) {
                throw new java.io.InvalidObjectException("negative chunk size " + size);
            }
            List<Object> values = new ArrayList<>(Math.min(size, 1 << 16));
            for (int i = 0; i < size; i++) {
                byte tag = in.readByte();
                values.add(
                        switch (tag) {
                            case NULL -> null;
                            case INT -> in.readInt();
                            case LONG -> in.readLong();
                            case DOUBLE -> in.readDouble();
                            case TRUE -> Boolean.TRUE;
                            case FALSE -> Boolean.FALSE;
                            case OBJECT -> in.readObject();
                            default -> throw new java.io.InvalidObjectException("unknown value tag " + tag);
                        });
            }
            return values;
        }
    }
}
