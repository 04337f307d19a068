package dev.finerouter.engine.describe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.DataFormatException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Task descriptions on disk, keyed by (describer id, SHA-256 of the prompt's UTF-8 bytes), so a run that is
 * cancelled or crashes resumes without asking again.
 *
 * <p>The file is an append-only JSON Lines journal, one entry per line:
 * {@code {"describer":"openai-chat/m/instr-v1","sha256":"<64 hex>","description":"..."}}. Each {@link #put} appends
 * one complete line and flushes it to the operating system before returning (no fsync: a process crash loses
 * nothing, a power cut may lose the last entries). On {@link #open}, a last line without its newline, which only a
 * crash in the middle of a write leaves, is ignored and cut off the file so that new entries start on a fresh
 * line; an unreadable line anywhere else is a {@link DataFormatException}. A later entry for the same key wins.
 * All methods are thread-safe.
 */
public final class DescriptionCache implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, String> entries;
    private final int ignoredPartialLines;
    private OutputStream out;

    private DescriptionCache(Path file, Map<String, String> entries, int ignoredPartialLines, OutputStream out) {
        this.file = file;
        this.entries = entries;
        this.ignoredPartialLines = ignoredPartialLines;
        this.out = out;
    }

    /**
     * Opens (creating if needed) the journal at {@code file} and loads its complete entries.
     *
     * @throws EngineException when the file cannot be read or written, or a complete line is not a valid entry
     */
    public static DescriptionCache open(Path file) throws EngineException {
        Objects.requireNonNull(file, "file");
        Map<String, String> entries = new HashMap<>();
        int partial = 0;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                int completeEnd = lastNewline(bytes) + 1;
                if (completeEnd < bytes.length) {
                    partial = 1;
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        ch.truncate(completeEnd);
                    }
                }
                String text = new String(bytes, 0, completeEnd, StandardCharsets.UTF_8);
                List<String> lines = text.lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    if (!line.isBlank()) {
                        parseInto(file, i + 1, line, entries);
                    }
                }
            }
            OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            return new DescriptionCache(file, entries, partial, out);
        } catch (IOException e) {
            throw new EngineException("cannot open the description cache " + file + ": " + e.getMessage(),
                    "check the folder exists and is writable", e);
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static void parseInto(Path file, long lineNo, String line, Map<String, String> entries) throws DataFormatException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(file, lineNo, null, "not a JSON object: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new DataFormatException(file, lineNo, null, "not a JSON object");
        }
        String describer = text(file, lineNo, node, "describer");
        String sha = text(file, lineNo, node, "sha256");
        String description = text(file, lineNo, node, "description");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new DataFormatException(file, lineNo, "sha256", "not 64 lowercase hex digits");
        }
        entries.put(key(describer, sha), description);
    }

    private static String text(Path file, long lineNo, JsonNode node, String field) throws DataFormatException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new DataFormatException(file, lineNo, field, "missing or not a non-empty string");
        }
        return v.asText();
    }

    /** The hex SHA-256 of the UTF-8 bytes of {@code prompt}. */
    public static String sha256(String prompt) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(prompt.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String key(String describerId, String sha) {
        return describerId + '\u0000' + sha;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** How many partial last lines were dropped on open: 0 or 1. */
    public int ignoredPartialLines() {
        return ignoredPartialLines;
    }

    /** The number of distinct cached (describer, prompt) entries. */
    public synchronized int size() {
        return entries.size();
    }

    /** The cached description of {@code prompt} by {@code describerId}, if any. */
    public synchronized Optional<String> get(String describerId, String prompt) {
        return Optional.ofNullable(entries.get(key(describerId, sha256(prompt))));
    }

    /**
     * Records a description and appends it to the journal, flushed before returning.
     *
     * @throws EngineException when the journal cannot be written
     * @throws IllegalArgumentException when the description is empty
     */
    public synchronized void put(String describerId, String prompt, String description) throws EngineException {
        Objects.requireNonNull(describerId, "describerId");
        if (description == null || description.isEmpty()) {
            throw new IllegalArgumentException("empty description");
        }
        if (out == null) {
            throw new IllegalStateException("description cache " + file + " is closed");
        }
        String sha = sha256(prompt);
        ObjectNode node = JSON.createObjectNode();
        node.put("describer", describerId);
        node.put("sha256", sha);
        node.put("description", description);
        try {
            byte[] line = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
        } catch (IOException e) {
            throw new EngineException("cannot append to the description cache " + file + ": " + e.getMessage(),
                    "check the disk has space and the file is writable", e);
        }
        entries.put(key(describerId, sha), description);
    }

    /** Closes the journal; later {@link #put} calls fail. */
    @Override
    public synchronized void close() throws EngineException {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new EngineException("cannot close the description cache " + file + ": " + e.getMessage(), e);
            } finally {
                out = null;
            }
        }
    }

}
