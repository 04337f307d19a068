package dev.finerouter.engine.stage;

import dev.finerouter.engine.EngineException;

/** Thrown when the user cancels long work; what was finished and cached stays usable for the next run. */
public final class CancelledException extends EngineException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public CancelledException() {
        super("cancelled", "run again to resume from the stages already cached", null);
    }
}
