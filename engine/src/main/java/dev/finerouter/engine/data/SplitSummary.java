package dev.finerouter.engine.data;

import dev.finerouter.engine.model.Split;

import java.util.Map;

/**
 * What a split assignment did, recorded beside its output (and later in bundle manifests).
 *
 * @param method one of {@code kept} (the data's own splits), {@code dev-from-train} (dev carved out of train),
 *               {@code full} (everything split anew)
 * @param config the configuration used
 * @param counts prompts per split
 * @param stratifiedBy {@code task} when stratified by the task label, else {@code none}
 * @param pooledLabels labels too small for a stratum of their own, split together as one (0 when none)
 * @param duplicateTextGroups number of prompt texts that occur more than once in the data
 * @param textsInSeveralSplits number of prompt texts found in more than one split after assignment (a leak between
 *                             train and test when the data's own splits were kept; 0 after a full split)
 */
public record SplitSummary(String method, SplitConfig config, Map<Split, Integer> counts, String stratifiedBy,
                           int pooledLabels, int duplicateTextGroups, int textsInSeveralSplits) {
    public SplitSummary {
        counts = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(counts));
    }
}
