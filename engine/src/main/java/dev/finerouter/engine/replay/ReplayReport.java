package dev.finerouter.engine.replay;

import dev.finerouter.engine.bundle.BundleDiff;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a bundle would have routed logged traffic, against what was logged.
 *
 * @param bundle the replayed bundle's path
 * @param bundleId its content id
 * @param loggedBundleIds content ids of the bundles that made the logged decisions
 * @param records log records read
 * @param skippedWithoutText records without prompt text (hash or none mode), not replayed
 * @param agreement overall agreement on the chosen model and the from → to moves
 * @param perTask agreement per logged task (summary), largest first
 * @param costOld summed logged cost of the replayed prompts (NaN when a cost is unknown)
 * @param costNew summed cost of the new choices
 * @param sharesOld share of prompts per model, logged
 * @param sharesNew share of prompts per model, replayed
 * @param quality true-score comparison on prompts found in a dataset, or {@code null} without one
 */
public record ReplayReport(String bundle, String bundleId, List<String> loggedBundleIds, int records, int skippedWithoutText,
                           BundleDiff.Agreement agreement, List<TaskAgreement> perTask, double costOld, double costNew,
                           Map<String, Double> sharesOld, Map<String, Double> sharesNew, Quality quality) {
    public ReplayReport {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(agreement, "agreement");
        loggedBundleIds = List.copyOf(loggedBundleIds);
        perTask = List.copyOf(perTask);
        sharesOld = Map.copyOf(sharesOld);
        sharesNew = Map.copyOf(sharesNew);
        if (records < 0 || skippedWithoutText < 0 || skippedWithoutText > records) {
            throw new IllegalArgumentException("need 0 <= skipped <= records");
        }
    }

    /**
     * Agreement on the prompts the log assigned to one task.
     *
     * @param task the logged task summary ({@code "Others"} included)
     * @param prompts prompts of that task
     * @param agreeing of them routed to the same model
     */
    public record TaskAgreement(String task, int prompts, int agreeing) {
        public TaskAgreement {
            Objects.requireNonNull(task, "task");
            if (agreeing < 0 || agreeing > prompts) {
                throw new IllegalArgumentException("need 0 <= agreeing <= prompts");
            }
        }

        /** Share routed to the same model. */
        public double share() {
            return prompts == 0 ? Double.NaN : (double) agreeing / prompts;
        }
    }

    /**
     * Mean true score of the logged and of the replayed choice, on prompts whose text is a dataset row with both scores.
     *
     * @param matched prompts counted
     * @param meanOld mean score of the logged choice
     * @param meanNew mean score of the replayed choice
     */
    public record Quality(int matched, double meanOld, double meanNew) {
        /** New minus old. */
        public double change() {
            return meanNew - meanOld;
        }
    }

    /** Prompts replayed. */
    public int replayed() {
        return agreement.prompts();
    }

    /** Cost change per 1,000 prompts (new − old). */
    public double costChangePer1k() {
        return replayed() == 0 ? Double.NaN : (costNew - costOld) * 1000.0 / replayed();
    }
}
