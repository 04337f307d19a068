package dev.finerouter.engine.eval;

import java.util.SplittableRandom;

/** Baseline: a uniformly random model per prompt, reproducible from the seed (same seed, same split → same choices). */
public final class RandomRouter implements RouterUnderTest {
    private final long seed;

    /** Creates the baseline with a seed. */
    public RandomRouter(long seed) {
        this.seed = seed;
    }

    @Override
    public String name() {
        return "Random";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        SplittableRandom random = new SplittableRandom(seed);
        int m = split.data().models();
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextInt(m);
        }
        return out;
    }
}
