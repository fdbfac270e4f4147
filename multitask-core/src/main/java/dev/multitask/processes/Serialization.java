package dev.multitask.processes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.InvalidObjectException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Java serialization of tasks, results and exceptions, with every read passing an {@link ObjectInputFilter}, in the
 * pool and in its workers alike.
 *
 * <p>Null, strings, booleans and boxed {@code int}, {@code long} and {@code double} values, the common inputs and
 * results of small tasks, travel as a tag byte and their bytes instead: a stream of Java serialization costs an
 * {@code ObjectOutputStream} and an {@code ObjectInputStream} with their buffers and class descriptors, which is most
 * of a tiny task's trip. A serializable lambda, the common task, travels as its {@link SerializedLambda} field by
 * field, each captured value written the same way, and is made again by its capturing class's {@code
 * $deserializeLambda$}, as Java serialization would make it. A Java serialization stream always starts with {@code
 * 0xACED}, so the tags cannot be taken for one.
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
     *
     * <p>Made when first asked to judge a class, not now: {@code ObjectInputFilter.Config} reads the security
     * properties and sets up logging when first touched, which cost a worker a sixth of its start-up, and the first
     * task and its result (a lambda, a number, a string) are usually read without a Java serialization stream at all.
     * A pattern given by the caller is checked now all the same, in the pool's process, so that a wrong one fails the
     * pool's creation rather than its first task.
     */
    static ObjectInputFilter filter(String pattern) {
        return new LazyFilter(pattern);
    }

    /** Checks a pattern of {@code ProcessOptions.serialFilter} now; see {@link #filter}. */
    static void checkPattern(String pattern) {
        if (pattern != null) {
            ObjectInputFilter.Config.createFilter(OWN + pattern);
        }
    }

    /** The filter of {@link #filter}, made on its first use. */
    private static final class LazyFilter implements ObjectInputFilter {
        private final String pattern;
        private volatile ObjectInputFilter filter;

        LazyFilter(String pattern) {
            this.pattern = pattern;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            ObjectInputFilter made = filter;
            if (made == null) {
                made = make(pattern);
                filter = made; // made twice at worst, by two threads at once, to the same effect
            }
            return made.checkInput(info);
        }

        private static ObjectInputFilter make(String pattern) {
            if (pattern != null) {
                return ObjectInputFilter.Config.createFilter(OWN + pattern);
            }
            ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
            return jvmWide != null ? jvmWide : ObjectInputFilter.Config.createFilter(LIMITS);
        }

        @Override
        public String toString() {
            return pattern != null ? OWN + pattern : String.valueOf(filter);
        }
    }

    private static final byte NULL = 1;
    private static final byte INT = 2;
    private static final byte LONG = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte STRING = 7; // UTF-8 bytes follow
    private static final byte LAMBDA = 8; // a serializable lambda's SerializedLambda, field by field

    /** A lambda class's {@code writeReplace}, which gives its {@link SerializedLambda}; empty for other classes. */
    private static final ClassValue<Optional<Method>> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            if (!type.isHidden() || !Serializable.class.isAssignableFrom(type)) {
                return Optional.empty();
            }
            try {
                Method method = type.getDeclaredMethod("writeReplace");
                method.setAccessible(true);
                return Optional.of(method);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty(); // not a lambda, or in a module closed to us: plain serialization
            }
        }
    };

    /** A capturing class's {@code $deserializeLambda$}, which turns a {@link SerializedLambda} into its lambda. */
    private static final ClassValue<Optional<Method>> DESERIALIZE_LAMBDA = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            try {
                Method method = type.getDeclaredMethod("$deserializeLambda$", SerializedLambda.class);
                method.setAccessible(true);
                return Optional.of(method);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return Optional.empty();
            }
        }
    };

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
        Optional<Method> replace = WRITE_REPLACE.get(type);
        if (replace.isPresent()) {
            Object replaced;
            try {
                replaced = replace.get().invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                replaced = null;
            }
            if (replaced instanceof SerializedLambda lambda) {
                return writeLambda(lambda);
            }
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
            return readTagged(payload, filter, loader, false);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(payload), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        }
    }

    /**
     * Reads a task or an initializer in a worker, from the pool that started it. Like {@link #read},
     * except that a lambda whose body is a method of the class that wrote it is made as a {@link DirectLambda}, which
     * calls that method by reflection, rather than by its class's {@code $deserializeLambda$}: that links a call site
     * to {@code LambdaMetafactory.altMetafactory} and spins a class for the lambda, which an AOT cache cannot hold
     * for serializable lambdas, and which cost a worker's first task about as much as the rest of its start-up after
     * the JVM's own. Only for what the pool sends: a reply read by the pool goes through {@link #read}, whose {@code
     * $deserializeLambda$} admits only lambdas their class declared serializable. What the lambda captured is read by
     * {@link #read}, as its body may hand it on.
     */
    static Object readFromPool(byte[] payload, ObjectInputFilter filter, ClassLoader loader)
            throws IOException, ClassNotFoundException {
        if (payload.length > 0 && payload[0] == LAMBDA) {
            return readTagged(payload, filter, loader, true);
        }
        return read(payload, filter, loader);
    }

    /**
     * A serializable lambda as what Java serialization would carry of it, its {@link SerializedLambda}, but field by
     * field, with its captured values each written by {@link #write}: a lambda submitted as a task otherwise costs a
     * stream with the class descriptors of {@code SerializedLambda} and of what it captures, each way, every time.
     */
    private static byte[] writeLambda(SerializedLambda lambda) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeByte(LAMBDA);
        out.writeUTF(lambda.getCapturingClass());
        out.writeUTF(lambda.getFunctionalInterfaceClass());
        out.writeUTF(lambda.getFunctionalInterfaceMethodName());
        out.writeUTF(lambda.getFunctionalInterfaceMethodSignature());
        out.writeInt(lambda.getImplMethodKind());
        out.writeUTF(lambda.getImplClass());
        out.writeUTF(lambda.getImplMethodName());
        out.writeUTF(lambda.getImplMethodSignature());
        out.writeUTF(lambda.getInstantiatedMethodType());
        out.writeInt(lambda.getCapturedArgCount());
        for (int i = 0; i < lambda.getCapturedArgCount(); i++) {
            byte[] captured = write(lambda.getCapturedArg(i));
            out.writeInt(captured.length);
            out.write(captured);
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The lambda of {@link #writeLambda}, made as its capturing class's {@code $deserializeLambda$} makes it. */
    private static Object readLambda(byte[] payload, ObjectInputFilter filter, ClassLoader loader, boolean direct)
            throws IOException, ClassNotFoundException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload, 1, payload.length - 1));
        String capturingName = in.readUTF();
        String functionalInterface = in.readUTF();
        String functionalMethod = in.readUTF();
        String functionalSignature = in.readUTF();
        int implKind = in.readInt();
        String implClass = in.readUTF();
        String implMethod = in.readUTF();
        String implSignature = in.readUTF();
        String instantiatedType = in.readUTF();
        int count = in.readInt();
        if (count < 0 || count > payload.length) {
            throw new StreamCorruptedException("corrupt lambda: " + count + " captured values");
        }
        Object[] captured = new Object[count];
        for (int i = 0; i < count; i++) {
            int length = in.readInt();
            if (length < 0 || length > payload.length) {
                throw new StreamCorruptedException("corrupt lambda: a captured value of " + length + " bytes");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            captured[i] = read(bytes, filter, loader);
        }
        Class<?> capturing = resolve(capturingName.replace('/', '.'), loader);
        if (direct && implKind == MethodHandleInfo.REF_invokeStatic && implClass.equals(capturingName)) {
            Object made = DirectLambda.of(
                    capturing,
                    functionalInterface,
                    functionalMethod,
                    functionalSignature,
                    implMethod,
                    implSignature,
                    captured);
            if (made != null) {
                return made;
            }
        }
        SerializedLambda lambda = new SerializedLambda(
                capturing,
                functionalInterface,
                functionalMethod,
                functionalSignature,
                implKind,
                implClass,
                implMethod,
                implSignature,
                instantiatedType,
                captured);
        Method deserialize = DESERIALIZE_LAMBDA
                .get(capturing)
                .orElseThrow(() -> new InvalidClassException(capturing.getName(), "cannot deserialize its lambdas"));
        try {
            return deserialize.invoke(null, lambda);
        } catch (InvocationTargetException e) {
            InvalidObjectException failure = new InvalidObjectException("cannot deserialize " + lambda);
            failure.initCause(e.getCause());
            throw failure;
        } catch (IllegalAccessException e) {
            InvalidClassException failure = new InvalidClassException(capturing.getName(), e.toString());
            failure.initCause(e);
            throw failure;
        }
    }

    private static Class<?> resolve(String name, ClassLoader loader) throws ClassNotFoundException {
        if (loader != null) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                // try this class's own loader
            }
        }
        return Class.forName(name, false, Serialization.class.getClassLoader());
    }

    private static Object readTagged(byte[] payload, ObjectInputFilter filter, ClassLoader loader, boolean direct)
            throws IOException, ClassNotFoundException {
        switch (payload[0]) {
            case LAMBDA:
                return readLambda(payload, filter, loader, direct);
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
