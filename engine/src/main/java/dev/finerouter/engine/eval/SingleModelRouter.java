package dev.finerouter.engine.eval;

import java.util.Arrays;

/** Baseline: always the same model. */
public final class SingleModelRouter implements RouterUnderTest {
    private final String name;
    private final int model;

    /**
     * Creates the baseline.
     *
     * @param name display name (usually the model's name)
     * @param model model index
     */
    public SingleModelRouter(String name, int model) {
        if (model < 0) {
            throw new IllegalArgumentException("model index must be >= 0");
        }
        this.name = name;
        this.model = model;
    }

    /** One single-model baseline per model of the pool, named after the model. */
    public static SingleModelRouter[] all(EvaluationData data) {
        SingleModelRouter[] out = new SingleModelRouter[data.models()];
        for (int j = 0; j < out.length; j++) {
            out[j] = new SingleModelRouter(data.dataset().pool().get(j).name(), j);
        }
        return out;
    }

    /** The model index. */
    public int model() {
        return model;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        int[] out = new int[split.size()];
        Arrays.fill(out, model);
        return out;
    }
}
