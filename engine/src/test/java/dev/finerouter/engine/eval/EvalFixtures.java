package dev.finerouter.engine.eval;

import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small hand-checkable datasets for the evaluation tests. */
final class EvalFixtures {
    static final float N = Float.NaN;

    private EvalFixtures() {
    }

    /**
     * The 4-test-prompt × 3-model toy. Models A, B, C cost 1, 2, 4 per call. Rows 0–3 test (labels x, x, y, y),
     * rows 4–7 train (x, x, y, y), rows 8–9 dev (x, y). x prompts embed near (1, 0), y prompts near (0, 1).
     */
    static EvaluationData toy() {
        float[][] scores = {
                {1, 1, 1}, {0, 1, 1}, {0, 0, 1}, {0.5f, N, 0},
                {0, 1, 0}, {0, 1, 1}, {0, 0, 1}, {0, 1, 1},
                {0, 1, 1}, {0, 0, 1}};
        String[] labels = {"x", "x", "y", "y", "x", "x", "y", "y", "x", "y"};
        Split[] splits = {Split.TEST, Split.TEST, Split.TEST, Split.TEST, Split.TRAIN, Split.TRAIN, Split.TRAIN, Split.TRAIN,
                Split.DEV, Split.DEV};
        float[][] emb = {
                {1, 0.1f}, {1, 0.2f}, {0.1f, 1}, {0.2f, 1},
                {1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f},
                {1, 0.15f}, {0.15f, 1}};
        List<ModelSpec> models = List.of(new ModelSpec("A", null, 1.0, null, null), new ModelSpec("B", null, 2.0, null, null),
                new ModelSpec("C", null, 4.0, null, null));
        return build(scores, labels, splits, emb, models);
    }

    static EvaluationData build(float[][] scores, String[] labels, Split[] splits, float[][] emb, List<ModelSpec> models) {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            prompts.add(new Prompt("p" + i, "prompt " + i, labels[i], null, splits[i]));
        }
        RoutingDataset ds = new RoutingDataset("toy", "fp-toy", prompts, new ModelPool(models), ScoreMatrix.ofRows(scores), null);
        int d = emb[0].length;
        float[] flat = new float[scores.length * d];
        for (int i = 0; i < scores.length; i++) {
            double norm = 0;
            for (float v : emb[i]) {
                norm += v * v;
            }
            for (int k = 0; k < d; k++) {
                flat[i * d + k] = (float) (emb[i][k] / Math.sqrt(norm));
            }
        }
        return EvaluationData.of(ds, flat, d, CostModel.DEFAULT);
    }

    /**
     * Structured synthetic data: two groups of prompts around two directions in 8 dimensions; in group 0 model 0 is
     * right (score 1) and the others mostly wrong, in group 1 model 2. 240 train, 60 dev, 100 test; equal prices.
     */
    static EvaluationData twoGroups(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 400;
        int d = 8;
        float[][] scores = new float[n][];
        float[][] emb = new float[n][];
        String[] labels = new String[n];
        Split[] splits = new Split[n];
        for (int i = 0; i < n; i++) {
            int g = i % 2;
            emb[i] = new float[d];
            for (int k = 0; k < d; k++) {
                emb[i][k] = (float) (0.3 * (random.nextDouble() - 0.5));
            }
            emb[i][g] += 1;
            int good = g == 0 ? 0 : 2;
            scores[i] = new float[3];
            for (int j = 0; j < 3; j++) {
                scores[i][j] = j == good ? (random.nextDouble() < 0.9 ? 1 : 0) : (random.nextDouble() < 0.15 ? 1 : 0);
            }
            labels[i] = "bench";
            splits[i] = i < 240 ? Split.TRAIN : i < 300 ? Split.DEV : Split.TEST;
        }
        List<ModelSpec> models = List.of(new ModelSpec("m0", null, 1.0, null, null), new ModelSpec("m1", null, 1.0, null, null),
                new ModelSpec("m2", null, 1.0, null, null));
        return build(scores, labels, splits, emb, models);
    }
}
