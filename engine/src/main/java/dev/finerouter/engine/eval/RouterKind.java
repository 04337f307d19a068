package dev.finerouter.engine.eval;

/** The row group of a router in the report's Table-1 layout, in display order. */
public enum RouterKind {
    /** One model for every prompt. */
    SINGLE_MODEL,
    /** Oracle, random, cheapest, kNN, MLP, MF. */
    BASELINE,
    /** Stage-1-only and Stage-2-only variants. */
    ABLATION,
    /** The full router. */
    FULL
}
