package dev.finerouter.engine;

/**
 * The one checked exception of the engine: something the user can fix (bad input, a missing file, an
 * incompatible bundle, a cancelled run). Its message is written for the user and is shown as is by the CLI
 * (exit code 1) and the workbench (an error dialog). Programming errors stay unchecked.
 */
public class EngineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;

    /** Creates an exception with a user-readable message and no hint. */
    public EngineException(String message) {
        this(message, null, null);
    }

    /** Creates an exception with a user-readable message and the underlying cause. */
    public EngineException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /**
     * Creates an exception with a message, a hint telling the user what to do about it, and a cause.
     *
     * @param message what went wrong, in one line
     * @param hint what the user can do, or {@code null}
     * @param cause the underlying exception, or {@code null}
     */
    public EngineException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about this error, or {@code null} when there is nothing specific to say. */
    public String hint() {
        return hint;
    }
}
