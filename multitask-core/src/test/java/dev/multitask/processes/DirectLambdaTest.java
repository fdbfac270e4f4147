package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitask.SerializableCallable;
import dev.multitask.SerializableFunction;
import dev.multitask.SerializableRunnable;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** How a worker makes the lambdas its pool sends: by calling their bodies, as the lambdas themselves would. */
class DirectLambdaTest {

    private static final ObjectInputFilter FILTER = Serialization.filter(null);
    private static final ClassLoader LOADER = DirectLambdaTest.class.getClassLoader();

    static final List<String> RAN = new ArrayList<>();

    private static Object fromPool(Object value) throws Exception {
        return Serialization.readFromPool(Serialization.write(value), FILTER, LOADER);
    }

    @Test
    void aTaskLambdaIsCalledWithWhatItCaptured() throws Exception {
        int number = 3;
        List<Integer> list = new ArrayList<>(List.of(1, 2));
        SerializableCallable<String> task = () -> "x".repeat(number) + list;

        Object back = fromPool(task);

        assertThat(back).isInstanceOf(DirectLambda.class);
        assertThat(((Callable<?>) back).call()).isEqualTo("xxx[1, 2]");
    }

    @Test
    void aFunctionLambdaIsAppliedToItsInput() throws Exception {
        int offset = 10;
        SerializableFunction<Integer, Integer> function = x -> x + offset;

        @SuppressWarnings("unchecked")
        Function<Object, Object> back = (Function<Object, Object>) fromPool(function);

        assertThat(back).isInstanceOf(DirectLambda.class);
        assertThat(back.apply(5)).isEqualTo(15);
    }

    @Test
    void anInitializerLambdaRuns() throws Exception {
        SerializableRunnable initializer = () -> RAN.add("ran");

        ((Runnable) fromPool(initializer)).run();

        assertThat(RAN).containsExactly("ran");
    }

    @Test
    void whatTheBodyThrowsComesOutUnwrapped() throws Exception {
        SerializableCallable<Object> task = () -> {
            throw new IOException("disk");
        };

        Callable<?> back = (Callable<?>) fromPool(task);

        assertThatThrownBy(back::call).isExactlyInstanceOf(IOException.class).hasMessage("disk");
    }

    @Test
    void aMethodReferenceIsMadeByItsClassAsBefore() throws Exception {
        SerializableFunction<String, Integer> length = String::length;

        @SuppressWarnings("unchecked")
        Function<Object, Object> back = (Function<Object, Object>) fromPool(length);

        assertThat(back).isNotInstanceOf(DirectLambda.class);
        assertThat(back.apply("four")).isEqualTo(4);
    }

    @Test
    void aLambdaCapturedByATaskIsARealLambdaOfItsInterface() throws Exception {
        SerializableFunction<Integer, Integer> twice = x -> 2 * x;
        SerializableCallable<Object> task = () -> twice;

        Object captured = ((Callable<?>) fromPool(task)).call();

        assertThat(captured).isInstanceOf(SerializableFunction.class).isNotInstanceOf(DirectLambda.class);
    }

    @Test
    void replyReadingInThePoolNeverCallsBodiesDirectly() throws Exception {
        SerializableCallable<Integer> task = () -> 1;

        Object back = Serialization.read(Serialization.write(task), FILTER, LOADER);

        assertThat(back).isInstanceOf(SerializableCallable.class).isNotInstanceOf(DirectLambda.class);
    }
}
