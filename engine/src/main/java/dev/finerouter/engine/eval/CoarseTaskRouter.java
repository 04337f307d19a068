package dev.finerouter.engine.eval;

import dev.finerouter.engine.cluster.RankFusion;
import dev.finerouter.engine.graph.PreferenceRanking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage-1-only ablation (b), coarse tasks: the benchmark label is the task; each label's model is the top of the
 * MRR-fused ranking ({@link RankFusion}, ε = 60) of its training prompts' rankings. A label without training prompts
 * gets the fused ranking of all training prompts. The label is known at test time (as in the paper's coarse
 * variant).
 */
public final class CoarseTaskRouter implements RouterUnderTest {
    private final Map<String, Integer> modelOfLabel;
    private final int fallback;

    private CoarseTaskRouter(Map<String, Integer> modelOfLabel, int fallback) {
        this.modelOfLabel = Map.copyOf(modelOfLabel);
        this.fallback = fallback;
    }

    /** Fuses the rankings of the training prompts per label. */
    public static CoarseTaskRouter fit(EvaluationData data) {
        int[] train = data.train();
        PreferenceRanking[] rankings = new PreferenceRanking[train.length];
        Map<String, List<Integer>> byLabel = new TreeMap<>();
        for (int i = 0; i < train.length; i++) {
            rankings[i] = PreferenceRanking.ofScores(data.dataset().scores().row(train[i]));
            byLabel.computeIfAbsent(data.label(train[i]), k -> new ArrayList<>()).add(i);
        }
        RankFusion fusion = new RankFusion(RankFusion.DEFAULT_EPSILON);
        Map<String, Integer> models = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : byLabel.entrySet()) {
            int[] members = e.getValue().stream().mapToInt(Integer::intValue).toArray();
            models.put(e.getKey(), fusion.fuse(rankings, members).ranking().top());
        }
        return new CoarseTaskRouter(models, fusion.fuseAll(rankings).ranking().top());
    }

    /** The model chosen for a label. */
    public int modelFor(String label) {
        return modelOfLabel.getOrDefault(label, fallback);
    }

    @Override
    public String name() {
        return "Stage 1 only: coarse tasks";
    }

    @Override
    public boolean hasCostKnob() {
        return false;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        int[] out = new int[split.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = modelFor(split.data().label(split.row(i)));
        }
        return out;
    }
}
