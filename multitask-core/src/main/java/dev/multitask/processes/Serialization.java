package dev.multitask.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization of tasks, results and exceptions, with every read passing an {@link ObjectInputFilter}, in the
 * pool and in its workers alike.
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

    static byte[] write(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    static Object read(byte[] payload, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(payload), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
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
