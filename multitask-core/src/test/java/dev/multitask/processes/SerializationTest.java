package dev.multitask.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.multitask.SerializableCallable;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** What travels between a pool and its workers: small common values as tags, everything else as Java serialization. */
class SerializationTest {

    private static final ObjectInputFilter FILTER = Serialization.filter(null);

    private static Object roundTrip(Object value) throws Exception {
        return Serialization.read(Serialization.write(value), FILTER, SerializationTest.class.getClassLoader());
    }

    @Test
    void commonValuesComeBackEqualAndOfTheSameClass() throws Exception {
        List<Object> values = Arrays.asList(
                null,
                0,
                -1,
                Integer.MAX_VALUE,
                Long.MIN_VALUE,
                42L,
                0.1,
                -0.0,
                Double.NaN,
                true,
                false,
                "",
                "\u00e9\ud83d\ude00");

        for (Object value : values) {
            Object back = roundTrip(value);
            assertThat(back).isEqualTo(value);
            if (value != null) {
                assertThat(back).isExactlyInstanceOf(value.getClass());
            }
        }
    }

    @Test
    void aSerializableLambdaTravelsFieldByFieldWithWhatItCaptures() throws Exception {
        int number = 6;
        String text = "x";
        List<Integer> list = new ArrayList<>(List.of(1, 2));
        SerializableCallable<String> task = () -> text.repeat(number) + list;

        byte[] bytes = Serialization.write(task);
        @SuppressWarnings("unchecked")
        Callable<String> back =
                (Callable<String>) Serialization.read(bytes, FILTER, SerializationTest.class.getClassLoader());

        assertThat(bytes[0]).isNotEqualTo((byte) 0xAC); // not a Java serialization stream
        assertThat(back).isNotSameAs(task);
        assertThat(back.call()).isEqualTo("xxxxxx[1, 2]");
    }

    @Test
    void aLambdaCapturingSomethingUnserializableCannotBeWritten() {
        Object unserializable = new Object();
        SerializableCallable<String> task = () -> unserializable.toString();

        assertThatThrownBy(() -> Serialization.write(task)).isInstanceOf(NotSerializableException.class);
    }

    @Test
    void aCapturedValueTheFilterRefusesFailsTheRead() throws Exception {
        List<Integer> list = new ArrayList<>(List.of(1));
        SerializableCallable<Integer> task = () -> list.size();
        ObjectInputFilter noLists = Serialization.filter("!java.util.ArrayList");

        byte[] bytes = Serialization.write(task);

        assertThatThrownBy(() -> Serialization.read(bytes, noLists, SerializationTest.class.getClassLoader()))
                .isInstanceOf(InvalidClassException.class);
    }

    @Test
    void commonValuesTakeAFewBytesAndOtherValuesAJavaSerializationStream() throws Exception {
        assertThat(Serialization.write(7)).hasSize(5);
        assertThat(Serialization.write(7L)).hasSize(9);
        assertThat(Serialization.write("abc")).hasSize(4);
        byte[] list = Serialization.write(new ArrayList<>(List.of(1, 2)));
        assertThat(list[0]).isEqualTo((byte) 0xAC); // the stream's magic number, never a tag
        assertThat(roundTrip(new ArrayList<>(List.of(1, 2)))).isEqualTo(List.of(1, 2));
    }
}
