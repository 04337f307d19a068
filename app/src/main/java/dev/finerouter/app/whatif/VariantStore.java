package dev.finerouter.app.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Named what-if variants persisted as one JSON array ({@code [{"name", "settings", "split", "metrics"}]}) written
 * atomically ({@link AtomicFiles}) on every change, so they survive restarts. Not thread-safe: the FX thread owns it.
 */
public final class VariantStore {
    /** The file name inside the workbench folder. */
    public static final String FILE_NAME = "whatif-variants.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final List<Variant> variants = new ArrayList<>();

    private VariantStore(Path file) {
        this.file = file;
    }

    /**
     * Opens the store at {@code file}; a missing file is an empty store.
     *
     * @throws EngineException naming the file when it exists but is not a valid variant list
     */
    public static VariantStore open(Path file) throws EngineException {
        Objects.requireNonNull(file, "file");
        VariantStore store = new VariantStore(file);
        try {
            String text = Files.readString(file);
            store.variants.addAll(JSON.readValue(text, new TypeReference<List<Variant>>() { }));
        } catch (NoSuchFileException e) {
            return store;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new EngineException(file + ":" + line + ": not a what-if variant list: " + e.getOriginalMessage(),
                    "fix or delete the file; the workbench recreates it", e);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** The variants in the order saved. */
    public List<Variant> list() {
        return List.copyOf(variants);
    }

    /** The variant named {@code name}, or null. */
    public Variant get(String name) {
        return variants.stream().filter(v -> v.name().equals(name.strip())).findFirst().orElse(null);
    }

    /** Saves {@code v}, replacing a variant of the same name in place, and writes the file. */
    public void save(Variant v) throws EngineException {
        int at = -1;
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i).name().equals(v.name())) {
                at = i;
            }
        }
        if (at >= 0) {
            variants.set(at, v);
        } else {
            variants.add(v);
        }
        write();
    }

    /** Deletes the variant named {@code name} (if any) and writes the file. */
    public void delete(String name) throws EngineException {
        if (variants.removeIf(v -> v.name().equals(name.strip()))) {
            write();
        }
    }

    /** Where the variants are stored. */
    public Path file() {
        return file;
    }

    private void write() throws EngineException {
        List<Variant> snapshot = List.copyOf(variants);
        AtomicFiles.write(file, out -> JSON.writeValue(out, snapshot));
    }
}
