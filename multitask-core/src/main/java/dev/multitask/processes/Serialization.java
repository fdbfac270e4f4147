package dev.multitask.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.StreamCorruptedException;
import java.nio.charset.StandardCharsets;

/**
 * Java serialization of tasks, results and exceptions, with every read passing an {@link ObjectInputFilter}, in the
 * pool and in its workers alike.
 *
 * <p>Null, strings, booleans and boxed {@code int}, {@code long} and {@code double} values, the common inputs and
 * results of small tasks, travel as a tag byte and their bytes instead: a stream of Java serialization costs an
 * {@code ObjectOutputStream} and an {@code ObjectInputStream} with their buffers and class descriptors, which is most
 * of a tiny task's trip. A Java serialization stream always starts with {@code 0xACED}, so the tags cannot be taken
 * for one.
 */
final class Serialization {

    /** The system property that hands a worker the pool's filter pattern. */
    static final String FILTER_PROPERTY = "multitask.worker.serialFilter";

    /** Without a pattern of the caller's or the JVM's: no class is refused, but graphs are bounded. */
    private static final String LIMITS = "maxdepth=10000;maxrefs=50000000";

    /** multitask's own classes that travel, which a caller's pattern need not list. */
    private static final String OWN = "dev.multitask.*;dev.multitask.internal.*;dev.multitask.processes.*;"
            + "java.lang.invoke.SerializedLambda;";

    private Serialization() {}

    /**
     * The filter for a pattern of {@code ProcessOptions.serialFilter}, or, when it is {@code null}, the JVM-wide filter
     * if one is set, else limits on size alone.
     */
    static ObjectInputFilter filter(String pattern) {
        if (pattern != null) {
            return ObjectInputFilter.Config.createFilter(OWN + pattern);
        }
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        return jvmWide != null ? jvmWide : ObjectInputFilter.Config.createFilter(LIMITS);
    }

    private static final byte NULL = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte STRING = 7; // UTF-8 bytes follow

    static byte[] write(Object value) throws IOException {
        if (value == null) {
            return new byte[] {NULL};
        }
        Class<?> type = value.getClass();
        if (type == Integer.class) {
            int v = (Integer) value;
            return new byte[] {INT, (byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
        if (type == Long.class || type == Double.class) {
            long v = type == Long.class ? (Long) value : Double.doubleToRawLongBits((Double) value);
            byte[] bytes = new byte[9];
            bytes[0] = type == Long.class ? LONG : DOUBLE;
            for (int i = 8; i > 0; i--, v >>>= 8) {
                bytes[i] = (byte) v;
            }
            return bytes;
        }
        if (type == Boolean.class) {
            return new byte[] {(Boolean) value ? TRUE : FALSE};
        }
        if (type == String.class) {
            byte[] text = ((String) value).getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[text.length + 1];
            bytes[0] = STRING;
            System.arraycopy(text, 0, bytes, 1, text.length);
            return bytes;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object read(byte[] payload, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        if (payload.length > 0 && payload[0] > 0) {
            return readTagged(payload);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(payload), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    private static Object readTagged(byte[] payload) throws IOException {
        switch (payload[0]) {
            case NULL:
                return null;
            case INT:
                return ((payload[1] & 0xff) << 24)
                        | ((payload[2] & 0xff) << 16)
                        | ((payload[3] & 0xff) << 8)
                        | (payload[4] & 0xff);
            case LONG:
            case DOUBLE:
                long v = 0;
                for (int i = 1; i <= 8; i++) {
                    v = (v << 8) | (payload[i] & 0xff);
                }
                return payload[0] == LONG ? (Object) v : (Object) Double.longBitsToDouble(v);
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case STRING:
                return new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
            default:
                throw new StreamCorruptedException("unknown value tag " + payload[0]);
        }
    }

    /** Resolves classes with a given loader first, for callers whose classes the default lookup would miss. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            if (loader != null) {
                try {
                    return Class.forName(desc.getName(), false, loader);
                } catch (ClassNotFoundException e) {
                    // fall back to the default lookup, which also knows primitive types
                }
            }
            return super.resolveClass(desc);
        }
    }
}
