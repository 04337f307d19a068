package dev.finerouter.engine.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.decisionlog.DecisionLog;
import dev.finerouter.engine.decisionlog.DecisionRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a decision log: one {@code decisions-*.jsonl} file, any JSON-lines file, or a log folder (files in sequence order).
 * Strictly, the first bad line is an error naming file and line; leniently, torn or malformed lines (a crash can leave
 * the last line of a file incomplete) are skipped and counted.
 */
public final class DecisionLogReader {
    /** How many skipped-line messages a lenient read keeps verbatim. */
    public static final int MAX_PROBLEMS = 10;

    /**
     * What a lenient read found.
     *
     * @param records the records of every good line, in order
     * @param skipped lines skipped as torn or malformed
     * @param problems the first {@value #MAX_PROBLEMS} of them as {@code file:line: problem}
     */
    public record Result(List<DecisionRecord> records, int skipped, List<String> problems) {
        public Result {
            records = List.copyOf(records);
            problems = List.copyOf(problems);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionLogReader() {
    }

    /**
     * Every record of a log file or folder, in order.
     *
     * @throws EngineException naming file, line and field of the first bad line, or when there is nothing to read
     */
    public static List<DecisionRecord> read(Path fileOrDir) throws EngineException {
        return read(fileOrDir, false).records();
    }

    /**
     * Every record of a log file or folder, in order; with {@code lenient}, torn or malformed lines are skipped and
     * counted instead of stopping the read.
     *
     * @throws EngineException naming file, line and field of the first bad line (strict), when a file cannot be read, or
     *                         when there is nothing to read
     */
    public static Result read(Path fileOrDir, boolean lenient) throws EngineException {
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
        List<String> problems = new ArrayList<>();
        int[] skipped = {0};
        for (Path f : files) {
            readFile(f, out, lenient ? bad -> {
                skipped[0]++;
                if (problems.size() < MAX_PROBLEMS) {
                    problems.add(bad.getMessage());
                }
            } : null);
        }
        return new Result(out, skipped[0], problems);
    }

    private interface BadLines {
        void skip(EngineException bad);
    }

    private static void readFile(Path f, List<DecisionRecord> out, BadLines lenient) throws EngineException {
        try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String s;
            int line = 0;
            while ((s = in.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                EngineException bad;
                try {
                    out.add(DecisionRecord.fromJson(JSON.readTree(s)));
                    continue;
                } catch (JsonProcessingException e) {
                    bad = bad(f, line, "is not JSON (a torn or damaged line): " + e.getOriginalMessage());
                } catch (RuntimeException e) {
                    bad = bad(f, line, String.valueOf(e.getMessage()));
                }
                if (lenient == null) {
                    throw bad;
                }
                lenient.skip(bad);
            }
        } catch (IOException e) {
            throw new EngineException("cannot read " + f + ": " + e.getMessage(), "check the file exists and is readable", e);
        }
    }

    private static EngineException bad(Path f, int line, String what) {
        return new EngineException(f + ":" + line + ": " + what, "decision log lines are written by serve --decision-log (see docs/operations.md); "
                + "pass --lenient to skip torn or malformed lines (a crash can leave the last line of a file incomplete)", null);
    }
}
