package dev.finerouter.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A {@link ParameterSet} loaded into an {@link NDManager} for one training run, with an AdamW optimiser
 * (Loshchilov and Hutter 2019: decoupled weight decay, applied to tensors whose name does not end in "bias").
 * Every array belongs to the given manager and dies with it; results leave as {@link ParameterSet}s.
 */
final class TrainableParameters {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> values = new LinkedHashMap<>();
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private final ParameterSet base;
    private int step;

    /**
     * Loads all tensors of {@code base}; those named in {@code trainable} get gradients and optimiser state, the rest are
     * constants.
     */
    TrainableParameters(NDManager manager, ParameterSet base, Set<String> trainable) {
        this.base = base;
        for (String name : base.names()) {
            NDArray array = manager.create(base.raw(name), new Shape(base.shape(name)));
            values.put(name, array);
            if (trainable.contains(name)) {
                array.setRequiresGradient(true);
                firstMoment.put(name, manager.zeros(array.getShape()));
                secondMoment.put(name, manager.zeros(array.getShape()));
            }
        }
        if (!values.keySet().containsAll(trainable)) {
            throw new IllegalArgumentException("unknown trainable parameters: " + trainable);
        }
    }

    /** The array of a parameter. */
    NDArray get(String name) {
        NDArray a = values.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return a;
    }

    /** One AdamW step on every trainable parameter using the gradients of the last backward pass, then zeroes them. */
    void step(float learningRate, float weightDecay) {
        step++;
        float correction1 = 1f - (float) Math.pow(BETA1, step);
        float correction2 = 1f - (float) Math.pow(BETA2, step);
        for (Map.Entry<String, NDArray> e : firstMoment.entrySet()) {
            String name = e.getKey();
            NDArray w = values.get(name);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                NDArray g = w.getGradient();
                NDArray m = e.getValue();
                NDArray v = secondMoment.get(name);
                m.muli(BETA1).addi(g.mul(1f - BETA1));
                v.muli(BETA2).addi(g.square().muli(1f - BETA2));
                if (weightDecay > 0 && !name.endsWith("bias")) {
                    w.muli(1f - learningRate * weightDecay);
                }
                NDArray update = m.div(correction1).divi(v.div(correction2).sqrt().addi(EPSILON)).muli(learningRate);
                w.subi(update);
                g.subi(g);
            }
        }
    }

    /** The current values of every parameter, copied out of native memory. */
    ParameterSet snapshot() {
        ParameterSet.Builder b = base.toBuilder();
        for (Map.Entry<String, NDArray> e : values.entrySet()) {
            if (firstMoment.containsKey(e.getKey())) {
                b.putOwned(e.getKey(), e.getValue().toFloatArray(), e.getValue().getShape().getShape());
            }
        }
        return b.build();
    }
}
