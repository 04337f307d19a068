package dev.finerouter.engine.cluster;

import dev.finerouter.engine.graph.EmbeddingMatrix;
import dev.finerouter.engine.graph.KnnIndex;
import dev.finerouter.engine.graph.PreferenceRanking;
import dev.finerouter.engine.graph.PromptGraphBuilder;
import dev.finerouter.engine.graph.RankBiasedOverlap;
import dev.finerouter.engine.graph.ScoredEdges;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import java.util.Arrays;

/**
 * Iterated Leiden clustering (method steps 7, 8, 10).
 *
 * <ol>
 *   <li>Level 1: Leiden on the prompt graph (kNN + RBO filter + weights).</li>
 *   <li>Levels 2..ℓ: every community of the previous level becomes a node. Its center is the element-wise median
 *       of the embeddings of <em>all its prompts</em> (not a median of sub-community centers), L2-normalised; its
 *       ranking is the MRR fusion of all its prompts' rankings. A kNN graph (k capped at nodes − 1) with the same
 *       RBO filter and weights is built on these nodes and clustered again; the new communities are mapped back to
 *       prompts. Iteration stops early when a level merges nothing or only one community is left.</li>
 *   <li>Final communities with fewer than {@code minTaskSize} prompts form "Others" (task −1); the rest are tasks,
 *       numbered by size descending, ties by smallest prompt index.</li>
 * </ol>
 *
 * <p>Level L uses Leiden seed {@code context.seed() + L − 1}, so a seed fixes the whole result. The level-1
 * {@link ScoredEdges} can be passed in from a cache: a new τ then re-filters it instead of recomputing kNN and RBO.
 */
public final class IterativeTaskDiscovery {
    private final Stage1Config config;
    private final PromptGraphBuilder builder;
    private final LeidenClusterer leiden;
    private final RankFusion fusion;

    /**
     * Creates the discovery.
     *
     * @param config the settings
     * @param index the neighbour search used at every level
     */
    public IterativeTaskDiscovery(Stage1Config config, KnnIndex index) {
        if (config == null || index == null) {
            throw new IllegalArgumentException("config and index are required");
        }
        this.config = config;
        this.builder = new PromptGraphBuilder(index, new RankBiasedOverlap(config.rboPersistence()));
        this.leiden = new LeidenClusterer(config.leidenResolution(), config.leidenIterations());
        this.fusion = new RankFusion(config.epsilon());
    }

    /**
     * The level-1 graph before the τ filter (kNN + RBO on prompts); cache it to try other τ values cheaply.
     *
     * @throws CancelledException when cancelled
     */
    public ScoredEdges scorePrompts(EmbeddingMatrix embeddings, PreferenceRanking[] rankings, StageContext context)
            throws CancelledException {
        return builder.score(embeddings, rankings, config.k(), context);
    }

    /**
     * Runs all levels from scratch.
     *
     * @throws CancelledException when cancelled
     */
    public TaskAssignment discover(EmbeddingMatrix embeddings, PreferenceRanking[] rankings, StageContext context)
            throws CancelledException {
        return discover(scorePrompts(embeddings, rankings, context), embeddings, rankings, context);
    }

    /**
     * Runs all levels, reusing the level-1 scored edges (kNN + RBO) computed earlier with the same k and p.
     *
     * @param promptEdges level-1 edges from {@link #scorePrompts}
     * @throws CancelledException when cancelled
     * @throws IllegalArgumentException when the sizes do not match
     */
    public TaskAssignment discover(ScoredEdges promptEdges, EmbeddingMatrix embeddings, PreferenceRanking[] rankings,
            StageContext context) throws CancelledException {
        int n = embeddings.rows();
        if (promptEdges.nodes() != n || rankings.length != n) {
            throw new IllegalArgumentException("sizes differ: edges " + promptEdges.nodes() + ", embeddings " + n
                    + ", rankings " + rankings.length);
        }
        int levels = config.levels();
        int[] perLevel = new int[levels];
        int[] community = leiden.cluster(promptEdges.filter(config.tau()), context.seed(), context);
        int count = countOf(community);
        perLevel[0] = count;
        int done = 1;
        context.log("stage 1 level 1: " + count + " communities from " + n + " prompts");
        context.progress(1.0 / levels, "level 1: " + count + " communities");
        for (int level = 2; level <= levels && count > 1; level++) {
            context.checkCancelled();
            int[][] groups = groups(community, count);
            EmbeddingMatrix centers = Medians.centers(embeddings, groups);
            PreferenceRanking[] fused = new PreferenceRanking[count];
            for (int c = 0; c < count; c++) {
                fused[c] = fusion.fuse(rankings, groups[c]).ranking();
            }
            ScoredEdges edges = builder.score(centers, fused, config.k(), context.quiet());
            int[] merged = leiden.cluster(edges.filter(config.tau()), context.seed() + level - 1, context);
            int newCount = countOf(merged);
            context.log("stage 1 level " + level + ": " + newCount + " communities from " + count);
            if (newCount == count) {
                break;
            }
            for (int p = 0; p < n; p++) {
                community[p] = merged[community[p]];
            }
            count = newCount;
            perLevel[done++] = count;
            context.progress((double) level / levels, "level " + level + ": " + count + " communities");
        }
        return new TaskAssignment(finalTasks(community, count, config.minTaskSize()), Arrays.copyOf(perLevel, done));
    }

    /** Turns communities into task ids: small ones to Others, the rest by size descending, ties by first prompt. */
    static int[] finalTasks(int[] community, int count, int minSize) {
        int[] size = new int[count];
        int[] first = new int[count];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int p = 0; p < community.length; p++) {
            size[community[p]]++;
            first[community[p]] = Math.min(first[community[p]], p);
        }
        int big = 0;
        for (int s : size) {
            if (s >= minSize) {
                big++;
            }
        }
        long[] keys = new long[big];
        int b = 0;
        for (int c = 0; c < count; c++) {
            if (size[c] >= minSize) {
                // sort ascending by (−size, first prompt)
                keys[b++] = ((long) (Integer.MAX_VALUE - size[c]) << 32) | first[c];
            }
        }
        Arrays.sort(keys);
        int[] taskOfCommunity = new int[count];
        Arrays.fill(taskOfCommunity, TaskAssignment.OTHERS);
        int[] communityOfFirst = new int[community.length];
        for (int c = 0; c < count; c++) {
            if (first[c] != Integer.MAX_VALUE) {
                communityOfFirst[first[c]] = c;
            }
        }
        for (int t = 0; t < big; t++) {
            int firstPrompt = (int) (keys[t] & 0xffffffffL);
            taskOfCommunity[communityOfFirst[firstPrompt]] = t;
        }
        int[] out = new int[community.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = taskOfCommunity[community[p]];
        }
        return out;
    }

    private static int countOf(int[] clusters) {
        int max = -1;
        for (int c : clusters) {
            max = Math.max(max, c);
        }
        return max + 1;
    }

    private static int[][] groups(int[] community, int count) {
        int[] size = new int[count];
        for (int c : community) {
            size[c]++;
        }
        int[][] out = new int[count][];
        for (int c = 0; c < count; c++) {
            out[c] = new int[size[c]];
        }
        int[] fill = new int[count];
        for (int p = 0; p < community.length; p++) {
            out[community[p]][fill[community[p]]++] = p;
        }
        return out;
    }

    /** The settings. */
    public Stage1Config config() {
        return config;
    }
}
