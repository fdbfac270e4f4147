package dev.multitask.processes;

import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A lambda from the pool, made again in a worker as a call of its body by reflection: see {@link
 * Serialization#readFromPool}. Only for a body that is a static synthetic method of the class that wrote the lambda
 * (a lambda expression's own body, never a method reference to an arbitrary method), whose functional method is that
 * of {@link Callable}, {@link Function} or {@link Runnable}, the three a worker calls; anything else is made by
 * {@code $deserializeLambda$}.
 */
abstract sealed class DirectLambda {

    /** Bodies found, per class and name and descriptor: a task is usually the same lambda again and again. */
    private static final ClassValue<Map<String, Method>> BODIES = new ClassValue<>() {
        @Override
        protected Map<String, Method> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private final Method body;
    private final Object[] captured;

    private DirectLambda(Method body, Object[] captured) {
        this.body = body;
        this.captured = captured;
    }

    /** The lambda, or {@code null} if it is not one this class makes. */
    static Object of(
            Class<?> capturing,
            String functionalInterface,
            String functionalMethod,
            String functionalSignature,
            String implMethod,
            String implSignature,
            Object[] captured) {
        String functional = functionalMethod + functionalSignature;
        Class<?> expected =
                switch (functional) {
                    case "call()Ljava/lang/Object;" -> Callable.class;
                    case "apply(Ljava/lang/Object;)Ljava/lang/Object;" -> Function.class;
                    case "run()V" -> Runnable.class;
                    default -> null;
                };
        if (expected == null || !implMethod.startsWith("lambda$")) {
            return null;
        }
        try {
            Class<?> type = Class.forName(functionalInterface.replace('/', '.'), false, capturing.getClassLoader());
            if (!expected.isAssignableFrom(type)) {
                return null;
            }
            Method body = body(capturing, implMethod, implSignature);
            int arity = expected == Function.class ? 1 : 0;
            if (body == null || body.getParameterCount() != captured.length + arity) {
                return null;
            }
            if (expected == Callable.class) {
                return new Call(body, captured);
            }
            return expected == Function.class ? new Apply(body, captured) : new Run(body, captured);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // made by $deserializeLambda$, which fails with the reason if it cannot either
        }
    }

    private static Method body(Class<?> capturing, String name, String descriptor) throws NoSuchMethodException {
        Map<String, Method> known = BODIES.get(capturing);
        String key = name + descriptor;
        Method body = known.get(key);
        if (body == null) {
            MethodType type = MethodType.fromMethodDescriptorString(descriptor, capturing.getClassLoader());
            body = capturing.getDeclaredMethod(name, type.parameterArray());
            if (!body.isSynthetic() || !Modifier.isStatic(body.getModifiers())) {
                return null;
            }
            body.setAccessible(true); // fails, and so falls back, in a module not open to this one
            known.put(key, body);
        }
        return body;
    }

    /** Calls the body with what the lambda captured and then {@code arguments}; throws what the body threw. */
    final Object invoke(Object... arguments) {
        Object[] all = arguments;
        if (captured.length > 0) {
            all = new Object[captured.length + arguments.length];
            System.arraycopy(captured, 0, all, 0, captured.length);
            System.arraycopy(arguments, 0, all, captured.length, arguments.length);
        }
        try {
            return body.invoke(null, all);
        } catch (InvocationTargetException e) {
            throw DirectLambda.<RuntimeException>sneaky(e.getCause()); // as the lambda itself would have thrown it
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Override
    public String toString() {
        return body.getDeclaringClass().getName() + "." + body.getName();
    }

    private static final class Call extends DirectLambda implements Callable<Object> {
        Call(Method body, Object[] captured) {
            super(body, captured);
        }

        @Override
        public Object call() {
            return invoke();
        }
    }

    private static final class Apply extends DirectLambda implements Function<Object, Object> {
        Apply(Method body, Object[] captured) {
            super(body, captured);
        }

        @Override
        public Object apply(Object input) {
            return invoke(input);
        }
    }

    private static final class Run extends DirectLambda implements Runnable {
        Run(Method body, Object[] captured) {
            super(body, captured);
        }

        @Override
        public void run() {
            invoke();
        }
    }
}
