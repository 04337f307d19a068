package dev.finerouter.engine.io;

import dev.finerouter.engine.EngineException;

import java.nio.file.Path;

/**
 * Bad input data, located precisely: the file, the 1-based line (0 when the whole file is at fault) and the
 * field that is wrong. The message reads {@code routing.jsonl:17: field 'scores.gpt-4o': score 1.3 is outside [0,1]}.
 */
public final class DataFormatException extends EngineException {
    private static final long serialVersionUID = 1L;

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
        super(format(file, line, field, problem), "fix the line, or pass --lenient to skip bad rows and get a summary", cause);
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
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
