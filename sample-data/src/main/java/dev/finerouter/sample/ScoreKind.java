package dev.finerouter.sample;

/** How a sub-task's benchmark scores an answer. */
public enum ScoreKind {
    /** Correct or not (accuracy, exact match, pass@1): every score is 0 or 1. */
    BINARY,
    /** A graded score in [0, 1] (F1, BLEU-like overlap, a reward model's normalised score), rounded to 3 decimals. */
    CONTINUOUS
}
