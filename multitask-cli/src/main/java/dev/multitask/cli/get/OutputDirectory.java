package dev.multitask.cli.get;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The directory files are written to ({@code -d}), and the rules for names in it. Every path it hands out is a
 * sanitised name directly inside the directory, so no name from a URL or a server can reach outside it. Names are
 * claimed for the whole run, so two URLs with the same file name (two {@code index.html}) get two files
 * ({@code index.html}, {@code index.1.html}) and never share a {@code .part} file. The final file appears by an atomic
 * rename or link of the complete {@code .part}: never a partial file under its final name.
 */
final class OutputDirectory {

    private final Path directory;
    private final ExistingFilePolicy policy;
    private final Set<String> claimed = new HashSet<>();

    OutputDirectory(Path directory, ExistingFilePolicy policy) {
        this.directory = directory.toAbsolutePath().normalize();
        this.policy = policy;
    }

    Path directory() {
        return directory;
    }

    ExistingFilePolicy policy() {
        return policy;
    }

    /** Claims {@code name}, sanitised, for this run; if another download has it, the first free {@code name.N.ext}. */
    synchronized String claim(String name) {
        String safe = FileNames.sanitize(name);
        String candidate = safe;
        for (int n = 1; !claimed.add(candidate); n++) {
            candidate = FileNames.numbered(safe, n);
        }
        return candidate;
    }

    /** The final path of a claimed name. */
    Path file(String name) {
        return inside(name);
    }

    /** Where the body of a claimed name is written until it is complete. */
    Path partFile(String name) {
        return inside(name + ".part");
    }

    /** Where the validator (ETag, Last-Modified) of a {@code .part} file is kept so that {@code -c} can resume it. */
    Path resumeFile(String name) {
        return inside(name + ".part.resume");
    }

    boolean exists(String name) {
        return Files.exists(inside(name), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Moves a complete {@code .part} file to its final name, following the policy for an existing file: replaced
     * atomically ({@link ExistingFilePolicy#OVERWRITE}) or kept, the new file taking the first free
     * {@code name.N.ext} ({@link ExistingFilePolicy#RENAME}, and {@link ExistingFilePolicy#SKIP} when the file
     * appeared during the download). Returns the final path.
     */
    Path publish(Path part, String name) throws IOException {
        Path target = inside(name);
        if (policy == ExistingFilePolicy.OVERWRITE) {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        for (int n = 1; ; n++) {
            try {
                // A hard link fails if the name exists, atomically: no window in which another writer's file is lost.
                Files.createLink(target, part);
                Files.delete(part);
                return target;
            } catch (FileAlreadyExistsException e) {
                target = inside(FileNames.numbered(name, n));
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                // No hard links here (some file systems): check, then rename, with a small race window.
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    target = inside(FileNames.numbered(name, n));
                    continue;
                }
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                return target;
            }
        }
    }

    private Path inside(String name) {
        Path path = directory.resolve(name).normalize();
        if (!directory.equals(path.getParent())) {
            throw new IllegalArgumentException("file name would leave the output directory: " + name);
        }
        return path;
    }
}
