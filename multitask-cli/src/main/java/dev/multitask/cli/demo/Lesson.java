package dev.multitask.cli.demo;

/** One lesson of {@code multitask demo}: runs some work more than one way, and shows and explains the difference. */
interface Lesson {

    /** The name given on the command line, such as {@code threads}. */
    String name();

    /**
     * Runs the lesson, writing to {@code demo.report()}.
     *
     * @throws DemoFailure if the work failed for a reason the user should see in one line
     */
    void run(Demo demo) throws Exception;
}
