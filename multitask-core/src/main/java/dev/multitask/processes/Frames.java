package dev.multitask.processes;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The protocol between a process pool and its workers, over the worker's stdin and stdout: frames of a zero byte, a
 * type byte, a four-byte length and that many bytes, which are Java serialization except in output frames. The
 * leading zero lets the pool tell frames from text that the worker's JVM itself writes to stdout (log lines, warnings),
 * which it passes on as output instead of losing its place.
 */
final class Frames {

    // pool -> worker
    static final byte INIT = 1; // the initializer
    static final byte TASK = 2; // a Callable
    static final byte FUNCTION = 3; // the Function of a map, for the APPLY frames that follow
    static final byte APPLY = 4; // an input to apply the last FUNCTION to
    static final byte CLASSES = 5; // names of the classes of the pool's tasks, one a line, for the AOT cache

    // worker -> pool
    static final byte READY = 10; // the initializer returned
    static final byte INIT_FAILED = 11; // the Throwable the initializer threw
    static final byte RESULT = 12; // the task's value
    static final byte FAILURE = 13; // the Throwable the task threw
    static final byte OUTPUT = 14; // bytes the task wrote to System.out, UTF-8
    static final byte HELLO = 15; // the worker is up and about to read its stdin

    static final byte MARK = 0;

    private static final int HEADER = 6;
    private static final int SMALL = 1 << 16;

    /** Not a frame: what a reader returns when the stream ends. */
    static final Frame END = new Frame((byte) -1, new byte[0]);

    private static final byte[] EMPTY = new byte[0];

    private Frames() {}

    record Frame(byte type, byte[] payload) {}

    /**
     * Writes whole frames; safe for several threads, since the worker's task output shares its stdout. A frame written
     * with {@link #write} is flushed at once; frames written with {@link #writeUnflushed} wait in the buffer for the
     * next {@link #flush}, so that a burst of them costs one system call and one wake-up of the reader.
     */
    static final class Writer {
        private final DataOutputStream out;

        Writer(OutputStream out) {
            this.out = new DataOutputStream(out);
        }

        synchronized void write(byte type, byte[] payload) throws IOException {
            writeUnflushed(type, payload);
            out.flush();
        }

        synchronized void writeUnflushed(byte type, byte[] payload) throws IOException {
            write(type, payload, 0, payload.length);
        }

        synchronized void write(byte type, byte[] payload, int offset, int length) throws IOException {
            if (length <= SMALL) { // one write to the stream below, and so one system call at most
                byte[] frame = new byte[HEADER + length];
                header(frame, type, length);
                System.arraycopy(payload, offset, frame, HEADER, length);
                out.write(frame);
            } else {
                byte[] header = new byte[HEADER];
                header(header, type, length);
                out.write(header);
                out.write(payload, offset, length);
            }
        }

        private static void header(byte[] frame, byte type, int length) {
            frame[0] = MARK;
            frame[1] = type;
            frame[2] = (byte) (length >>> 24);
            frame[3] = (byte) (length >>> 16);
            frame[4] = (byte) (length >>> 8);
            frame[5] = (byte) length;
        }

        synchronized void write(byte type) throws IOException {
            write(type, EMPTY);
        }

        synchronized void flush() throws IOException {
            out.flush();
        }

        void close() throws IOException {
            out.close();
        }
    }

    /**
     * Reads the frame whose zero mark has already been read.
     *
     * @throws EOFException if the stream ends inside the frame
     */
    static Frame readAfterMark(DataInputStream in) throws IOException {
        byte type = in.readByte();
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("corrupt frame: length " + length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }
}
