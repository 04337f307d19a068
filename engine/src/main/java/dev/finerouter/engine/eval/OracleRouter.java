package dev.finerouter.engine.eval;

/**
 * Upper bound: the model with the best known true score of each prompt; ties go to the cheapest (then the lower
 * index). A prompt without any known score goes to its cheapest model.
 */
public final class OracleRouter implements RouterUnderTest {
    @Override
    public String name() {
        return "Oracle";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        EvaluationData data = split.data();
        int m = data.models();
        int[] out = new int[split.size()];
        double[] est = new double[m];
        for (int i = 0; i < out.length; i++) {
            int row = split.row(i);
            for (int j = 0; j < m; j++) {
                est[j] = data.score(row, j);
            }
            out[i] = ToleranceChoice.argmax(est, data, row);
        }
        return out;
    }
}
