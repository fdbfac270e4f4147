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
 * of {@link Callable}, {@link Function} or {@link Runnable}, the interfaces a worker calls its tasks, initializers and functions by; anything else is made by
 * {@code $deserializeLambda$}.
 */
abstract sealed class DirectLambda {

    /**
     * What was found of each lambda made so far, per class and body: a pool's tasks are usually the same lambda again
     * and again, and each is checked and looked up once. A lambda expression has a body of its own, whose name is
     * unique in its class.
     */
    private static final ClassValue<Map<String, Body>> BODIES = new ClassValue<>() {
        @Override
        protected Map<String, Body> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** A lambda's body and what it was found for; {@code method} is {@code null} if it is not one this class makes. */
    private record Body(
            String functionalInterface, String functional, String descriptor, Class<?> kind, Method method) {

        boolean isFor(String functionalInterface, String functional, String descriptor) {
            return this.functionalInterface.equals(functionalInterface)
                    && this.functional.equals(functional)
                    && this.descriptor.equals(descriptor);
        }
    }

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
        if (!implMethod.startsWith("lambda$")) {
            return null;
        }
        String functional = functionalMethod.concat(functionalSignature);
        Map<String, Body> known = BODIES.get(capturing);
        Body body = known.get(implMethod);
        if (body == null || !body.isFor(functionalInterface, functional, implSignature)) {
            body = find(capturing, functionalInterface, functional, implMethod, implSignature);
            known.put(implMethod, body);
        }
        Method method = body.method();
        if (method == null || method.getParameterCount() != captured.length + (body.kind() == Function.class ? 1 : 0)) {
            return null;
        }
        if (body.kind() == Callable.class) {
            return new Call(method, captured);
        }
        return body.kind() == Function.class ? new Apply(method, captured) : new Run(method, captured);
    }

    private static Body find(
            Class<?> capturing, String functionalInterface, String functional, String name, String descriptor) {
        Class<?> kind =
                switch (functional) {
                    case "call()Ljava/lang/Object;" -> Callable.class;
                    case "apply(Ljava/lang/Object;)Ljava/lang/Object;" -> Function.class;
                    case "run()V" -> Runnable.class;
                    default -> null;
                };
        Method method = null;
        try {
            Class<?> type = Class.forName(functionalInterface.replace('/', '.'), false, capturing.getClassLoader());
            if (kind != null && kind.isAssignableFrom(type)) {
                MethodType signature = MethodType.fromMethodDescriptorString(descriptor, capturing.getClassLoader());
                Method found = capturing.getDeclaredMethod(name, signature.parameterArray());
                if (found.isSynthetic() && Modifier.isStatic(found.getModifiers())) {
                    found.setAccessible(true); // fails, and so falls back, in a module not open to this one
                    method = found;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // made by $deserializeLambda$, which fails with the reason if it cannot either
        }
        return new Body(functionalInterface, functional, descriptor, kind, method);
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
