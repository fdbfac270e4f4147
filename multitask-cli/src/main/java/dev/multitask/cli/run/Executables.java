package dev.multitask.cli.run;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a command name on {@code PATH} once and remembers it, so that each job's child execs the program at once
 * instead of trying every {@code PATH} directory in turn (one failed {@code execve} per directory before it).
 */
final class Executables {

    private final String[] path;
    private final Map<String, Optional<String>> found = new ConcurrentHashMap<>();

    Executables(String pathVariable) {
        this.path = pathVariable == null ? new String[0] : pathVariable.split(File.pathSeparator);
    }

    /** The absolute path of {@code name} if it is a bare name found on {@code PATH}; else {@code name} itself. */
    String resolve(String name) {
        if (name.isEmpty() || name.indexOf('/') >= 0) {
            return name;
        }
        return found.computeIfAbsent(name, this::search).orElse(name);
    }

    private Optional<String> search(String name) {
        for (String dir : path) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath().toString());
            }
        }
        return Optional.empty();
    }
}
