package dev.finerouter.engine.train;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** JSON side files of saved models (configuration, dimensions, format version). */
final class ModelFiles {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelFiles() {
    }

    static void writeJson(Path file, Object value) throws EngineException {
        try {
            AtomicFiles.writeString(file, JSON.writeValueAsString(value) + "\n");
        } catch (IOException e) {
            throw new EngineException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static <T> T readJson(Path file, Class<T> type) throws EngineException {
        try {
            return JSON.readValue(Files.readString(file), type);
        } catch (NoSuchFileException e) {
            throw new EngineException(file + " is missing", "train again or use a complete bundle", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), "train again or use a complete bundle", e);
        }
    }

    static void requireFormat(Path file, String format, int version, String expectedFormat, int expectedVersion) throws EngineException {
        if (!expectedFormat.equals(format) || version != expectedVersion) {
            throw new EngineException(file + " holds " + format + " version " + version + ", expected " + expectedFormat + " version " + expectedVersion,
                    "train again with this version of FineRouter", null);
        }
    }
}
