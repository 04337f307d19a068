package dev.finerouter.sample;

import dev.finerouter.engine.model.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Assigns train / dev / test 80 / 10 / 10, stratified by sub-task, from a seeded stream. */
public final class SplitAssigner {
    /** Share of each stratum that goes to train. */
    public static final double TRAIN_SHARE = 0.8;
    /** Share of each stratum that goes to dev (test takes the rest). */
    public static final double DEV_SHARE = 0.1;

    private SplitAssigner() {
    }

    /**
     * The split of every prompt.
     *
     * @param stratum the stratum (sub-task index) of each prompt, in [0, strata)
     * @param strata number of strata
     * @param rng the random stream (consumed)
     */
    public static Split[] assign(int[] stratum, int strata, SplittableRandom rng) {
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < strata; s++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < stratum.length; i++) {
            members.get(stratum[i]).add(i);
        }
        Split[] out = new Split[stratum.length];
        for (List<Integer> group : members) {
            int n = group.size();
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                Integer t = group.get(i);
                group.set(i, group.get(j));
                group.set(j, t);
            }
            int train = (int) Math.round(n * TRAIN_SHARE);
            int dev = Math.min(n - train, (int) Math.round(n * DEV_SHARE));
            for (int k = 0; k < n; k++) {
                out[group.get(k)] = k < train ? Split.TRAIN : k < train + dev ? Split.DEV : Split.TEST;
            }
        }
        return out;
    }
}
