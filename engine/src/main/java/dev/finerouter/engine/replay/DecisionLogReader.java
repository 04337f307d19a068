package dev.finerouter.engine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.serve.DecisionLog;
import dev.finerouter.engine.serve.DecisionRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a decision log: one {@code decisions-*.jsonl} file, any JSON-lines file, or a log folder (files in sequence order). */
public final class DecisionLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionLogReader() {
    }

    /**
     * Every record of a log file or folder, in order.
     *
     * @throws EngineException naming file, line and field of the first bad line, or when there is nothing to read
     */
    public static List<DecisionRecord> read(Path fileOrDir) throws EngineException {
        List<Path> files;
        try {
            files = Files.isDirectory(fileOrDir) ? DecisionLog.files(fileOrDir) : List.of(fileOrDir);
        } catch (IOException e) {
            throw new EngineException("cannot list " + fileOrDir + ": " + e.getMessage(), "pass a decision log file or folder", e);
        }
        if (files.isEmpty()) {
            throw new EngineException(fileOrDir + " holds no decisions-NNNNNN.jsonl files", "pass the folder given to serve --decision-log", null);
        }
        List<DecisionRecord> out = new ArrayList<>();
        for (Path f : files) {
            readFile(f, out);
        }
        return out;
    }

    private static void readFile(Path f, List<DecisionRecord> out) throws EngineException {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String s;
            int line = 0;
            while ((s = in.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                JsonNode n;
                try {
                    n = JSON.readTree(s);
                } catch (JsonProcessingException e) {
                    throw bad(f, line, "is not JSON: " + e.getOriginalMessage());
                }
                try {
                    out.add(DecisionRecord.fromJson(n));
                } catch (IllegalArgumentException e) {
                    throw bad(f, line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new EngineException("cannot read " + f + ": " + e.getMessage(), "check the file exists and is readable", e);
        }
    }

    private static EngineException bad(Path f, int line, String what) {
        return new EngineException(f + ":" + line + ": " + what, "decision log lines are written by serve --decision-log (see docs/operations.md)", null);
    }
}
