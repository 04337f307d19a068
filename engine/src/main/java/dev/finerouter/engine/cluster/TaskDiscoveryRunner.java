package dev.finerouter.engine.cluster;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.ExactKnn;
import dev.finerouter.engine.graph.KnnIndex;
import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Stage-1 task discovery end to end from embeddings and scores (method steps 3–11) and assembles the
 * {@link TaskDiscovery}: clusters, per-task fused ranking, candidates, center and Q̄_t. Progress of a run from
 * scratch goes 0–0.7 for the prompt graph (kNN + RBO) and 0.7–1 for clustering and assembly.
 */
public final class TaskDiscoveryRunner {
    private final KnnIndex index;

    /** A runner with {@link ExactKnn} on all processors. */
    public TaskDiscoveryRunner() {
        this(new ExactKnn());
    }

    /** A runner with the given neighbour search. */
    public TaskDiscoveryRunner(KnnIndex index) {
        if (index == null) {
            throw new IllegalArgumentException("index is required");
        }
        this.index = index;
    }

    /**
     * The level-1 scored edges (kNN + RBO), worth caching: {@link #run(ScoredEdges, EmbeddingMatrix, ScoreMatrix,
     * Stage1Config, StageContext)} with another τ reuses them. Depends on k and p of the config, not on τ.
     *
     * @throws EngineException when the inputs are unusable (too few prompts, counts differ) or the run is cancelled
     */
    public ScoredEdges scorePromptGraph(EmbeddingMatrix embeddings, ScoreMatrix scores, Stage1Config config,
            StageContext context) throws EngineException {
        check(embeddings, scores);
        return new IterativeTaskDiscovery(config, index).scorePrompts(embeddings, PreferenceRanking.ofRows(scores), context);
    }

    /**
     * Runs discovery from scratch.
     *
     * @throws EngineException when the inputs are unusable or the run is cancelled
     */
    public TaskDiscovery run(EmbeddingMatrix embeddings, ScoreMatrix scores, Stage1Config config, StageContext context)
            throws EngineException {
        ScoredEdges edges = scorePromptGraph(embeddings, scores, config, context.scaled(0, 0.7));
        return run(edges, embeddings, scores, config, context.scaled(0.7, 1.0));
    }

    /**
     * Runs discovery on cached level-1 scored edges (from {@link #scorePromptGraph} with the same k and p).
     *
     * @throws EngineException when the inputs are unusable or the run is cancelled
     */
    public TaskDiscovery run(ScoredEdges promptEdges, EmbeddingMatrix embeddings, ScoreMatrix scores, Stage1Config config,
            StageContext context) throws EngineException {
        check(embeddings, scores);
        if (promptEdges.nodes() != embeddings.rows()) {
            throw new EngineException("the cached prompt graph has " + promptEdges.nodes() + " nodes but there are "
                    + embeddings.rows() + " prompts", "recompute the prompt graph", null);
        }
        PreferenceRanking[] rankings = PreferenceRanking.ofRows(scores);
        TaskAssignment assignment = new IterativeTaskDiscovery(config, index).discover(promptEdges, embeddings, rankings, context);
        return assemble(assignment, embeddings, scores, rankings, config, context);
    }

    /**
     * The same discovery with candidates re-selected for another coverage target δ (method step 11 only): clusters,
     * fused rankings, centers and Q̄_t are kept, so this costs one coverage pass over each task's members. Equals a
     * full {@link #run} with {@code config.withDelta(delta)} on the same inputs.
     *
     * @param discovery an earlier result on these scores
     * @param scores the score rows the discovery was computed from
     * @param delta the new coverage target in (0, 1]
     * @throws IllegalArgumentException when δ is out of range or the scores do not match the discovery
     */
    public static TaskDiscovery withDelta(TaskDiscovery discovery, ScoreMatrix scores, double delta) {
        return withDelta(discovery, PreferenceRanking.ofRows(scores), delta);
    }

    /**
     * {@link #withDelta(TaskDiscovery, ScoreMatrix, double)} with the prompts' preference rankings already built
     * (the workbench keeps them, which makes a δ change cost only the coverage pass).
     *
     * @param rankings {@code PreferenceRanking.ofRows(scores)} of the discovery's prompts
     * @throws IllegalArgumentException when δ is out of range or the rankings do not match the discovery
     */
    public static TaskDiscovery withDelta(TaskDiscovery discovery, PreferenceRanking[] rankings, double delta) {
        if (rankings.length != discovery.assignment().promptCount()) {
            throw new IllegalArgumentException(rankings.length + " rankings for a discovery over "
                    + discovery.assignment().promptCount() + " prompts");
        }
        Stage1Config config = discovery.config().withDelta(delta);
        CandidateSelector selector = new CandidateSelector(delta);
        List<DiscoveredTask> tasks = new ArrayList<>(discovery.tasks().size());
        for (DiscoveredTask t : discovery.tasks()) {
            CandidateSelection sel = selector.select(rankings, t.memberIndices(), t.fusedRanking());
            tasks.add(new DiscoveredTask(t.id(), t.memberIndices(), t.fusedRanking(), t.mrrValues(), sel.candidates(),
                    sel.coverageSteps(), t.centerEmbedding(), t.medianScorePerModel()));
        }
        return new TaskDiscovery(config, discovery.assignment(), tasks, discovery.othersMedianScorePerModel());
    }

    private static TaskDiscovery assemble(TaskAssignment assignment, EmbeddingMatrix embeddings, ScoreMatrix scores,
            PreferenceRanking[] rankings, Stage1Config config, StageContext context) throws CancelledException {
        RankFusion fusion = new RankFusion(config.epsilon());
        CandidateSelector selector = new CandidateSelector(config.delta());
        List<DiscoveredTask> tasks = new ArrayList<>(assignment.taskCount());
        for (int t = 0; t < assignment.taskCount(); t++) {
            context.checkCancelled();
            int[] members = assignment.members(t);
            FusedRanking fused = fusion.fuse(rankings, members);
            CandidateSelection sel = selector.select(rankings, members, fused.ranking());
            tasks.add(new DiscoveredTask(t, members, fused.ranking(), fused.mrr(), sel.candidates(), sel.coverageSteps(),
                    Medians.center(embeddings, members), Medians.scorePerModel(scores, members)));
        }
        float[] othersQ = Medians.scorePerModel(scores, assignment.othersMembers());
        TaskDiscovery result = new TaskDiscovery(config, assignment, tasks, othersQ);
        context.log("stage 1: " + tasks.size() + " tasks, " + assignment.othersMembers().length + " prompts in Others, "
                + String.format(java.util.Locale.ROOT, "%.2f", result.meanCandidates()) + " candidates per task");
        context.progress(1.0, "stage 1 done");
        return result;
    }

    private static void check(EmbeddingMatrix embeddings, ScoreMatrix scores) throws EngineException {
        if (embeddings.rows() != scores.rows()) {
            throw new EngineException("there are " + embeddings.rows() + " embeddings but " + scores.rows() + " score rows",
                    "embed exactly the training prompts that have scores", null);
        }
        if (embeddings.rows() < 2) {
            throw new EngineException("task discovery needs at least 2 training prompts, got " + embeddings.rows());
        }
    }
}
