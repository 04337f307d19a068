package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleWriter;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks of output paths made before a command starts long work, so a wrong {@code --out} fails in a second rather
 * than after the whole training run: a folder must not be an existing file (and vice versa), and it or its nearest
 * existing parent must be a writable folder.
 */
final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code path} will be a folder the command writes into (created when missing). */
    static void requireFolder(Path path, String option) throws EngineException {
        Path abs = path.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new EngineException(option + " " + path + " is an existing file, but a folder is needed",
                        "choose another " + option + " (a folder, created when missing)", null);
            }
            if (!Files.isWritable(abs)) {
                throw new EngineException(option + " " + path + " is a folder this user cannot write to", "choose a writable " + option, null);
            }
            return;
        }
        requireCreatable(abs, path, option);
    }

    /** {@code path} will be a file the command writes (replaced when present). */
    static void requireFile(Path path, String option) throws EngineException {
        Path abs = path.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new EngineException(option + " " + path + " is an existing folder, but a file is needed",
                    "name a file, e.g. " + path.resolve("report.md"), null);
        }
        if (Files.exists(abs) && !Files.isWritable(abs)) {
            throw new EngineException(option + " " + path + " is a file this user cannot write to", "choose a writable " + option, null);
        }
        requireCreatable(abs.getParent(), path, option);
    }

    /** {@code path} will be a router bundle: a {@code .frb} file, or a folder that is new, empty or a bundle already. */
    static void requireBundle(Path path, String option) throws EngineException {
        if (path.getFileName() != null && path.getFileName().toString().endsWith(BundleWriter.ZIP_SUFFIX)) {
            requireFile(path, option);
        } else {
            requireFolder(path, option);
        }
        BundleWriter.checkTarget(path);
    }

    /** The nearest existing ancestor of {@code abs} (itself when it exists) must be a writable folder. */
    private static void requireCreatable(Path abs, Path given, String option) throws EngineException {
        Path p = abs;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return; // nothing exists up to the root: the write itself will say why
        }
        if (!Files.isDirectory(p)) {
            throw new EngineException(option + " " + given + " cannot be created: " + p + " is a file, not a folder", "choose another " + option, null);
        }
        if (!Files.isWritable(p)) {
            throw new EngineException(option + " " + given + " cannot be created: the folder " + p + " is not writable",
                    "choose a writable " + option, null);
        }
    }
}
