package dev.multitask;

import java.util.stream.Stream;

/** The in-process strategies that tests run every contract against. */
final class Strategies {

    private Strategies() {}

    /** Strategies with worker threads, where a task runs apart from the thread that submits it. */
    static Stream<Strategy> concurrent() {
        return Stream.of(Strategy.threads(2), Strategy.virtual(), Strategy.virtual(2), Strategy.auto());
    }

    static Stream<Strategy> all() {
        return Stream.concat(Stream.of(Strategy.sequential()), concurrent());
    }
}
