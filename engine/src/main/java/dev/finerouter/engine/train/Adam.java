package dev.finerouter.engine.train;

/**
 * Adam (with decoupled weight decay, AdamW) over one flat parameter vector, in plain Java: the small pure-Java models
 * (the MLP and MF baselines, the robust rule's label classifier) use it; the DJL networks have their own.
 */
public final class Adam {
    private final double lr;
    private final double weightDecay;
    private final double beta1 = 0.9;
    private final double beta2 = 0.999;
    private final double eps = 1e-8;
    private final double[] m;
    private final double[] v;
    private int step;

    /**
     * @param size number of parameters
     * @param lr learning rate
     * @param weightDecay decoupled weight decay per step (multiplied by lr)
     */
    public Adam(int size, double lr, double weightDecay) {
        this.lr = lr;
        this.weightDecay = weightDecay;
        this.m = new double[size];
        this.v = new double[size];
    }

    /** One update of {@code params} with gradient {@code grad}; parameters from {@code decayFrom} on are not decayed. */
    public void step(double[] params, double[] grad, int decayFrom) {
        step++;
        double c1 = 1 - Math.pow(beta1, step);
        double c2 = 1 - Math.pow(beta2, step);
        for (int i = 0; i < params.length; i++) {
            double g = grad[i];
            m[i] = beta1 * m[i] + (1 - beta1) * g;
            v[i] = beta2 * v[i] + (1 - beta2) * g * g;
            double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            if (i < decayFrom) {
                update += weightDecay * params[i];
            }
            params[i] -= lr * update;
        }
    }
}
