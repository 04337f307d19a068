package dev.finerouter.engine.eval;

/**
 * A fitted router as the evaluation sees it: a name, whether it has a cost knob, and one model per prompt.
 * Implementations are fitted on train (and tuned on dev) before they are handed to the evaluation.
 */
public interface RouterUnderTest {
    /** Display name (unique within one report). */
    String name();

    /** Whether {@link #route} uses the tolerance λ (then the evaluation traces a cost–quality curve). */
    boolean hasCostKnob();

    /**
     * Routes every prompt of the split.
     *
     * @param split the prompts
     * @param tolerance cost tolerance λ in [0, 1]; routers without a knob ignore it
     * @return the chosen model index per prompt, in split order
     */
    int[] route(EvaluationSplit split, double tolerance);

    /**
     * The task assigned to each prompt (−1 = Others), when this router has tasks; {@code null} otherwise.
     *
     * @param split the prompts
     */
    default int[] tasks(EvaluationSplit split) {
        return null;
    }
}
