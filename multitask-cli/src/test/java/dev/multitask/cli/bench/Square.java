package dev.multitask.cli.bench;

import java.io.Serializable;
import java.util.function.Function;

/** A user's task for {@code bench --class}: squares its index. */
public final class Square implements Function<Integer, Integer>, Serializable {

    @Override
    public Integer apply(Integer index) {
        return index * index;
    }
}
