package dev.multitask.cli.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code --results DIR}: each job's output in files, laid out as GNU parallel does: {@code DIR/1/<arg1>/2/<arg2>/}
 * holding {@code seq}, {@code stdout} and {@code stderr}. In an argument, {@code \} becomes {@code \\} and {@code /}
 * becomes {@code \_}. Each file is written under a temporary name and renamed, so none is ever partial.
 */
final class ResultsDirectory {

    private final Path root;

    ResultsDirectory(Path root) {
        this.root = root;
    }

    void write(Job job, JobResult result) {
        if (result.aborted()) {
            return;
        }
        Path dir = root;
        for (int i = 0; i < job.args().size(); i++) {
            dir = dir.resolve(Integer.toString(i + 1)).resolve(encode(job.args().get(i)));
        }
        try {
            Files.createDirectories(dir);
            writeAtomically(dir.resolve("seq"), (job.seq() + "\n").getBytes(StandardCharsets.UTF_8));
            writeAtomically(dir.resolve("stdout"), result.stdout());
            writeAtomically(dir.resolve("stderr"), result.stderr());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir, e);
        }
    }

    static String encode(String arg) {
        String name = arg.replace("\\", "\\\\").replace("/", "\\_");
        return name.isEmpty() ? "\\_" : name.length() > 250 ? name.substring(0, 250) : name;
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
