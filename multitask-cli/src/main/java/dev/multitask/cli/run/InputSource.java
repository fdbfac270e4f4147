package dev.multitask.cli.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One input source: the values after {@code :::}, or the records of a file or of standard input ({@code ::::},
 * {@code -a}, or no source at all). Records end with a newline, or with NUL under {@code -0}; a file is read as it is
 * consumed, so an endless input runs in bounded memory.
 */
interface InputSource extends Iterator<String>, AutoCloseable {

    /** The values of {@code ::: a b c}. A value holding newlines is several values, as in GNU parallel. */
    static InputSource ofValues(List<String> values, boolean splitLines) {
        List<String> split = new ArrayList<>();
        for (String v : values) {
            if (splitLines && v.indexOf('\n') >= 0) {
                split.addAll(List.of(v.split("\n")));
            } else {
                split.add(v);
            }
        }
        Iterator<String> it = split.iterator();
        return new InputSource() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public String next() {
                return it.next();
            }

            @Override
            public void close() {}
        };
    }

    /** The records of a file, or of {@code stdin} when {@code file} is "-". */
    static InputSource ofFile(String file, InputStream stdin, char separator) {
        InputStream in;
        if (file.equals("-")) {
            in = stdin;
        } else {
            try {
                in = Files.newInputStream(Path.of(file));
            } catch (NoSuchFileException e) {
                throw new RunException("cannot open input file '" + file + "': no such file");
            } catch (IOException e) {
                throw new RunException("cannot open input file '" + file + "': " + e.getMessage());
            }
        }
        return new RecordReader(new InputStreamReader(in, StandardCharsets.UTF_8), separator, !file.equals("-"));
    }

    @Override
    void close();

    /** Reads records lazily, one ahead. */
    final class RecordReader implements InputSource {
        private final Reader reader;
        private final char separator;
        private final boolean closeReader;
        private final char[] buffer = new char[8192];
        private int pos;
        private int limit;
        private boolean eof;
        private String next;

        RecordReader(Reader reader, char separator, boolean closeReader) {
            this.reader = reader;
            this.separator = separator;
            this.closeReader = closeReader;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !eof) {
                next = readRecord();
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String record = next;
            next = null;
            return record;
        }

        private String readRecord() {
            StringBuilder sb = null;
            try {
                while (true) {
                    if (pos == limit) {
                        limit = reader.read(buffer);
                        pos = 0;
                        if (limit <= 0) {
                            limit = 0;
                            eof = true;
                            return sb == null ? null : sb.toString();
                        }
                    }
                    int start = pos;
                    while (pos < limit && buffer[pos] != separator) {
                        pos++;
                    }
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(buffer, start, pos - start);
                    if (pos < limit) {
                        pos++; // the separator
                        return sb.toString();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            if (closeReader) {
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // reading is over; nothing to lose
                }
            }
        }
    }
}
