package dev.finerouter.engine.io;

import dev.finerouter.engine.EngineException;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Bad input data, located precisely: the file, the 1-based line (0 when the whole file is at fault) and the
 * field that is wrong. The message reads {@code routing.jsonl:17: field 'scores.gpt-4o': score 1.3 is outside [0,1]}.
 *
 * <p>The hint fits the kind of problem: a bad row (a line number given) is fixed in the line or skipped with
 * {@code --lenient}; a path that does not exist gets {@link #missing}, a file that may not be read {@link #cannotRead};
 * other whole-file problems carry the hint their thrower gives.
 */
public final class DataFormatException extends EngineException {
    private static final long serialVersionUID = 1L;

    /** The hint for one bad row of a data file. */
    public static final String ROW_HINT = "fix the line, or pass --lenient to skip bad rows and get a summary";

    private final transient Path file;
    private final long line;
    private final String field;
    private final String problem;

    /**
     * @param file the file being read
     * @param line 1-based line number, or 0 when no single line is at fault
     * @param field the field at fault (dotted path such as {@code scores.model-a}), or {@code null}
     * @param problem what is wrong with it
     */
    public DataFormatException(Path file, long line, String field, String problem) {
        this(file, line, field, problem, null);
    }

    /** As {@link #DataFormatException(Path, long, String, String)}, keeping the parser's exception as cause. */
    public DataFormatException(Path file, long line, String field, String problem, Throwable cause) {
        this(file, line, field, problem, line > 0 ? ROW_HINT : null, cause);
    }

    /**
     * As {@link #DataFormatException(Path, long, String, String, Throwable)} with an explicit hint.
     *
     * @param hint what the user can do, or {@code null}
     */
    public DataFormatException(Path file, long line, String field, String problem, String hint, Throwable cause) {
        super(format(file, line, field, problem), hint, cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    /**
     * A path that does not exist: the message says so, the hint says what the path should be and what the nearest
     * existing folder holds.
     *
     * @param expected what the path should name, e.g. "a dataset folder (routing.jsonl …) or a .jsonl/.csv file"
     */
    public static DataFormatException missing(Path path, String expected) {
        String near = PathHints.nearby(path);
        return new DataFormatException(path, 0, null, "does not exist",
                "expected " + expected + (near.isEmpty() ? "" : "; " + near), null);
    }

    /** A file or folder that exists but cannot be read: permission problems get a permission hint. */
    public static DataFormatException cannotRead(Path file, IOException e) {
        if (PathHints.isPermission(e)) {
            return new DataFormatException(file, 0, null, "cannot be read: permission denied", PathHints.permissionHint(file), e);
        }
        if (e instanceof NoSuchFileException) {
            return missing(file, "a readable file");
        }
        return new DataFormatException(file, 0, null, "cannot read: " + e.getMessage(), "check the file is intact and the disk readable", e);
    }

    static String format(Path file, long line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file.toString());
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (field != null) {
            sb.append("field '").append(field).append("': ");
        }
        sb.append(problem);
        return sb.toString();
    }

    /** The file being read. */
    public Path file() {
        return file;
    }

    /** The 1-based line number, or 0 when no single line is at fault. */
    public long line() {
        return line;
    }

    /** The field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
