package dev.finerouter.engine.whatif;

import dev.finerouter.engine.eval.RouterMetrics;
import dev.finerouter.engine.model.Split;

import java.util.Objects;

/**
 * Everything what-if re-tuning knows about one setting on one split (what the workbench's what-if panel shows).
 *
 * @param settings the setting
 * @param split the split the routing metrics are of
 * @param metrics routing metrics (Qual, Ave, cost, shares), or {@code null} when the setting changes the tasks and
 *                the router needs retraining
 * @param tasks discovered tasks
 * @param candidatesPerTask mean candidate-set size over the tasks
 * @param medianTaskSize median training prompts per task (NaN without tasks)
 * @param trainOthersShare share of training prompts in Others (discovery)
 * @param comparedPerPrompt mean models compared per routed prompt (NaN when retraining is needed)
 * @param othersShare share of routed prompts the classifier put in Others (NaN when retraining is needed)
 * @param choices routed model per prompt of the split (empty when retraining is needed)
 * @param micros time the computation took, in microseconds
 */
public record Scored(TuningSettings settings, Split split, RouterMetrics metrics, int tasks, double candidatesPerTask,
                     double medianTaskSize, double trainOthersShare, double comparedPerPrompt, double othersShare,
                     int[] choices, long micros) {
    /** Validates and copies. */
    public Scored {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(split, "split");
        choices = choices.clone();
    }

    /** Whether the routing metrics are unknown until the router is retrained with these settings. */
    public boolean needsRetraining() {
        return metrics == null;
    }

    /** A copy of the routed model per prompt. */
    @Override
    public int[] choices() {
        return choices.clone();
    }

    /** The same scoring with the time it took. */
    public Scored withMicros(long newMicros) {
        return new Scored(settings, split, metrics, tasks, candidatesPerTask, medianTaskSize, trainOthersShare,
                comparedPerPrompt, othersShare, choices, newMicros);
    }
}
