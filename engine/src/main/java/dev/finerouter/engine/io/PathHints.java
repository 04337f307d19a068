package dev.finerouter.engine.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hints for paths that cannot be used: what the nearest existing folder holds when a path does not exist (so a typo
 * is easy to spot), and what to do when a file cannot be read for lack of permission.
 */
public final class PathHints {
    /** Entries listed at most; the rest are counted. */
    static final int MAX_LISTED = 12;

    private PathHints() {
    }

    /**
     * What is there instead of a missing path, e.g. {@code /data holds: llmrouter-9model/, notes.txt} or
     * {@code /data does not exist either; / holds: bin/, etc/, …}. Cheap: one folder listing, at most
     * {@value #MAX_LISTED} names.
     */
    public static String nearby(Path missing) {
        Path abs = missing.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        StringBuilder sb = new StringBuilder();
        Path existing = parent;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "";
        }
        if (!existing.equals(parent)) {
            sb.append(parent).append(" does not exist either; ");
        }
        sb.append(existing).append(' ').append(listing(existing));
        return sb.toString();
    }

    /** {@code holds: a/, b.jsonl (and 3 more)}, {@code is empty}, or {@code cannot be listed}. */
    static String listing(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            List<String> names = s.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                    .filter(n -> !n.startsWith("."))
                    .sorted().toList();
            if (names.isEmpty()) {
                return "is empty";
            }
            String shown = String.join(", ", names.subList(0, Math.min(MAX_LISTED, names.size())));
            return "holds: " + shown + (names.size() > MAX_LISTED ? " (and " + (names.size() - MAX_LISTED) + " more)" : "");
        } catch (IOException e) {
            return "cannot be listed";
        }
    }

    /** Whether an I/O failure is a refused permission (as opposed to a missing file or a broken disk). */
    public static boolean isPermission(IOException e) {
        return e instanceof AccessDeniedException || String.valueOf(e.getMessage()).contains("Permission denied");
    }

    /** The hint for a file or folder that exists but may not be read by this user. */
    public static String permissionHint(Path path) {
        return "the user running finerouter (" + System.getProperty("user.name") + ") needs read permission on " + path
                + (Files.isDirectory(path) ? " (and x to enter it)" : "") + ": check 'ls -l " + path + "', then e.g. 'chmod a+r " + path + "'";
    }
}
