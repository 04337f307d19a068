package dev.finerouter.engine.whatif;

import dev.finerouter.engine.eval.RouterMetrics;

import java.util.function.ToDoubleFunction;

/** The metrics of a what-if setting that can be shown, swept and compared (per-model shares are separate rows). */
public enum WhatIfMetric {
    /** Mean true quality of the routed models. */
    QUAL("Qual", Kind.SCORE, true, s -> s.metrics().qual()),
    /** Macro average over benchmarks. */
    AVE("Ave", Kind.SCORE, true, s -> s.metrics().ave()),
    /** Mean cost per routed prompt. */
    COST_PER_PROMPT("cost per prompt", Kind.COST, true, s -> s.metrics().costPerPrompt()),
    /** Cost of routing the whole split. */
    TOTAL_COST("total cost", Kind.COST, true, s -> s.metrics().totalCost()),
    /** Models compared per routed prompt (the task's candidates, or all models for Others). */
    COMPARED_PER_PROMPT("avg candidates", Kind.COUNT, true, Scored::comparedPerPrompt),
    /** Share of routed prompts the classifier put in Others. */
    OTHERS_ROUTED("Others share", Kind.SHARE, true, Scored::othersShare),
    /** Discovered tasks. */
    TASKS("tasks", Kind.INTEGER, false, s -> s.tasks()),
    /** Mean candidate-set size per task. */
    CANDIDATES_PER_TASK("candidates per task", Kind.COUNT, false, Scored::candidatesPerTask),
    /** Median training prompts per task. */
    MEDIAN_TASK_SIZE("median task size", Kind.COUNT, false, Scored::medianTaskSize),
    /** Share of training prompts in Others. */
    OTHERS_TRAIN("Others share (train)", Kind.SHARE, false, Scored::trainOthersShare);

    /** How a value is formatted and whether lower is better. */
    public enum Kind { SCORE, COST, SHARE, COUNT, INTEGER }

    private final String label;
    private final Kind kind;
    private final boolean routing;
    private final ToDoubleFunction<Scored> value;

    WhatIfMetric(String label, Kind kind, boolean routing, ToDoubleFunction<Scored> value) {
        this.label = label;
        this.kind = kind;
        this.routing = routing;
        this.value = value;
    }

    /** The row label. */
    public String label() {
        return label;
    }

    /** How it is formatted. */
    public Kind kind() {
        return kind;
    }

    /** Whether it needs the trained router (unknown while the setting needs retraining). */
    public boolean routing() {
        return routing;
    }

    /** The value for a scoring; NaN when it needs the router and the setting needs retraining. */
    public double of(Scored s) {
        if (s == null || (routing && s.needsRetraining())) {
            return Double.NaN;
        }
        return value.applyAsDouble(s);
    }

    /** The share of routed prompts sent to model {@code m}, NaN while retraining is needed. */
    public static double share(Scored s, int m) {
        if (s == null || s.needsRetraining()) {
            return Double.NaN;
        }
        RouterMetrics metrics = s.metrics();
        return metrics.share()[m];
    }

    @Override
    public String toString() {
        return label;
    }
}
