package dev.finerouter.engine.knob;

import dev.finerouter.engine.knob.Knob.Offered;
import dev.finerouter.engine.knob.Knob.Range;

import java.util.List;

/**
 * Every knob of the method, defined once. {@code Stage1Config}, {@code RoutingPolicy}, the training configs and the
 * what-if settings take their defaults and ranges from here; the CLI's options and the workbench's controls read the
 * same definitions.
 *
 * <p>picocli's {@code defaultValue} must be a compile-time constant, and a record's field is not one, so each default
 * is first a constant in {@link Default} and the knob is built from it; the CLI writes
 * {@code defaultValue = "" + Knobs.Default.TAU} (the compiler folds it into {@code "0.4"}). Nothing else should read
 * {@link Default}: use the knob.
 */
public final class Knobs {
    private Knobs() {
    }

    /** The defaults as compile-time constants, for annotation values only (see the class comment). */
    public static final class Default {
        private Default() {
        }

        /** {@link #K}. */
        public static final int K = 5;
        /** {@link #TAU}. */
        public static final double TAU = 0.4;
        /** {@link #LEVELS}. */
        public static final int LEVELS = 3;
        /** {@link #DELTA}. */
        public static final double DELTA = 0.8;
        /** {@link #EPSILON}. */
        public static final double EPSILON = 60;
        /** {@link #RBO_PERSISTENCE}. */
        public static final double RBO_PERSISTENCE = 0.8;
        /** {@link #MIN_TASK_SIZE}. */
        public static final int MIN_TASK_SIZE = 5;
        /** {@link #LEIDEN_RESOLUTION}. */
        public static final double LEIDEN_RESOLUTION = 1.0;
        /** {@link #LEIDEN_ITERATIONS}. */
        public static final int LEIDEN_ITERATIONS = 50;
        /** {@link #ALPHA}. */
        public static final double ALPHA = 0.5;
        /** {@link #TOLERANCE}. */
        public static final double TOLERANCE = 0;
        /** {@link #EPOCHS}. */
        public static final int EPOCHS = 10;
    }

    private static final double NONE = Double.NaN;

    /** Neighbours per node in every kNN graph (paper 5). */
    public static final Knob K = Knob.integer("k", "k", Default.K, 5, Range.atLeast(1), new Offered(1, 50, 1),
            "Neighbours per node in every kNN graph.");
    /** RBO threshold τ: edges with RBO &lt; τ are dropped (paper 0.4). */
    public static final Knob TAU = Knob.real("tau", "τ", Default.TAU, 0.4, Range.closed(0, 1), new Offered(0, 1, 0.05),
            "RBO threshold: edges whose two prompts' model rankings agree less (RBO < τ) are dropped.");
    /** Clustering levels ℓ, the first on prompts included (paper 3). */
    public static final Knob LEVELS = Knob.integer("levels", "ℓ", Default.LEVELS, 3, Range.atLeast(1), new Offered(1, 6, 1),
            "Clustering levels, including the first on prompts.");
    /** Coverage δ a task's candidate list must reach (paper 0.8). */
    public static final Knob DELTA = Knob.real("delta", "δ", Default.DELTA, 0.8, Range.aboveUpTo(0, 1), new Offered(0.05, 1, 0.05),
            "Coverage a task's candidate model list must reach.");
    /** The ε of MRR fusion (paper 60). */
    public static final Knob EPSILON = Knob.real("epsilon", "ε", Default.EPSILON, 60, Range.atLeast(0), null,
            "The ε of the mean-reciprocal-rank fusion: 1 / (rank + ε).");
    /**
     * RBO persistence p (our choice 0.8: with p = 0.9 no pair of random rankings of 11 models falls below τ = 0.4, see
     * {@code graph.RankBiasedOverlap}).
     */
    public static final Knob RBO_PERSISTENCE = Knob.real("rboPersistence", "p", Default.RBO_PERSISTENCE, NONE, Range.open(0, 1), null,
            "Persistence of rank-biased overlap: how much weight the top of a ranking carries.");
    /** Communities with fewer prompts go to "Others" (our choice 5). */
    public static final Knob MIN_TASK_SIZE = Knob.integer("minTaskSize", "min task size", Default.MIN_TASK_SIZE, NONE, Range.atLeast(1),
            new Offered(1, 500, 1), "Communities with fewer prompts go to Others.");
    /** Leiden modularity resolution γ (our choice 1, the standard modularity). */
    public static final Knob LEIDEN_RESOLUTION = Knob.real("leidenResolution", "γ", Default.LEIDEN_RESOLUTION, NONE, Range.above(0),
            new Offered(0.05, 10, 0.05), "Leiden modularity resolution; 1 is the standard modularity.");
    /** Leiden iteration cap; it stops earlier once an iteration changes nothing (our choice 50). */
    public static final Knob LEIDEN_ITERATIONS = Knob.integer("leidenIterations", "Leiden iterations", Default.LEIDEN_ITERATIONS, NONE,
            Range.atLeast(1), null, "Maximum Leiden iterations; it stops earlier once an iteration changes nothing.");
    /** Weight α of Stage 2's prompt-specific prediction against the task prior (paper 0.5). */
    public static final Knob ALPHA = Knob.real("alpha", "α", Default.ALPHA, 0.5, Range.closed(0, 1), new Offered(0, 1, 0.05),
            "Weight of the prompt-specific prediction against the task prior.");
    /** Cost tolerance λ: 0 = pure quality (paper), 1 = the cheapest of the compared models. */
    public static final Knob TOLERANCE = Knob.real("tolerance", "λ", Default.TOLERANCE, 0, Range.closed(0, 1), new Offered(0, 1, 0.05),
            "Cost tolerance: 0 is pure quality, 1 the cheapest of the compared models.");
    /** Maximum epochs of each training phase (paper 10). */
    public static final Knob EPOCHS = Knob.integer("epochs", "epochs", Default.EPOCHS, 10, Range.atLeast(1), null,
            "Maximum epochs of each training phase (classifier, estimator phase 1, phase 2).");

    /** Every knob, Stage 1 first. */
    public static final List<Knob> ALL = List.of(K, TAU, LEVELS, DELTA, EPSILON, RBO_PERSISTENCE, MIN_TASK_SIZE, LEIDEN_RESOLUTION,
            LEIDEN_ITERATIONS, ALPHA, TOLERANCE, EPOCHS);
}
