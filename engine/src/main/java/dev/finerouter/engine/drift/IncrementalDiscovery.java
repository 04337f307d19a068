package dev.finerouter.engine.drift;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.decisionlog.DecisionRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Incremental task discovery on logged prompts ({@code discover --incremental}): the logged prompts (by default only
 * those flagged {@code drift}: Others or low task probability) become a routing dataset that Stage 1 clusters with the
 * usual machinery (description, embedding, kNN + RBO graph, Leiden, candidates, summaries). Preference rankings need
 * per-prompt model scores: a prompt whose text is a dataset row gets that row's true scores; any other prompt gets the
 * bundle's predicted Q̃ (its general and task adapters). A community whose center (median description embedding) has
 * cosine below the novelty threshold to every bundle task's summary embedding becomes a proposal; the others are
 * listed as known. The bundle is only read.
 */
public final class IncrementalDiscovery {
    /** Default novelty threshold on the cosine of a community center to the nearest bundle task summary. */
    public static final double DEFAULT_NOVELTY = 0.8;
    private static final int EXAMPLES = 5;

    private IncrementalDiscovery() {
    }

    /**
     * What to cluster and what to propose.
     *
     * @param driftOnly take only records flagged drift (else every record with text)
     * @param novelty propose communities whose center cosine to every bundle task is below this
     */
    public record Settings(boolean driftOnly, double novelty) {
        /** The defaults of {@code discover --incremental}: only prompts flagged drift, novelty {@value IncrementalDiscovery#DEFAULT_NOVELTY}. */
        public static final Settings DEFAULTS = new Settings(true, DEFAULT_NOVELTY);

        public Settings {
            if (!(novelty > -1 && novelty <= 1)) {
                throw new IllegalArgumentException("novelty threshold must be in (-1, 1], was " + novelty);
            }
        }
    }

    /**
     * Clusters logged prompts and proposes new tasks.
     *
     * @param bundle the deployed bundle (read only)
     * @param bundlePath its path (for the report)
     * @param encoder the bundle's encoder: it embeds the logged prompts (for predicted scores) and Stage 1's descriptions,
     *                so new communities and the bundle's tasks share one space (the caller may wrap it in a cache)
     * @param records the log
     * @param data a dataset with true scores, or {@code null}
     * @param config Stage-1 settings (use the bundle's); its encoder setting is not used
     * @param cacheDir stage cache, or {@code null}
     * @param listener stage listener, or {@code null}
     * @param settings drift-only and novelty threshold
     * @param ctx progress and cancellation
     * @throws EngineException when no logged prompt has text, too few remain, or the encoder is not the bundle's
     */
    public static DriftProposals run(RouterBundle bundle, String bundlePath, Embedder encoder, List<DecisionRecord> records, RoutingDataset data,
                                     PipelineConfig config, Path cacheDir, PipelineListener listener, Settings settings, StageContext ctx)
            throws EngineException {
        Objects.requireNonNull(settings, "settings");
        TrainedRouter router = bundle.router();
        if (!encoder.id().equals(bundle.manifest().encoder().id())) {
            throw new EngineException("the encoder " + encoder.id() + " is not the bundle's (" + bundle.manifest().encoder().id() + ")",
                    "run discover --incremental with the encoder the bundle was trained with", null);
        }
        Map<String, List<DecisionRecord>> byText = new LinkedHashMap<>();
        for (DecisionRecord r : records) {
            if (r.prompt() != null && !r.prompt().isBlank() && (r.drift() || !settings.driftOnly())) {
                byText.computeIfAbsent(r.prompt(), k -> new ArrayList<>()).add(r);
            }
        }
        if (byText.size() < 2) {
            throw new EngineException("only " + byText.size() + " logged prompt(s) with text" + (settings.driftOnly() ? " flagged drift" : "")
                    + " to cluster", "log more traffic with --log-prompts full" + (settings.driftOnly() ? ", or pass --all-logged" : ""), null);
        }
        List<String> texts = new ArrayList<>(byText.keySet());
        ModelPool pool = router.pool();
        Map<String, Integer> dataRows = new HashMap<>();
        if (data != null) {
            for (int i = 0; i < data.size(); i++) {
                dataRows.putIfAbsent(data.prompts().get(i).text(), i);
            }
        }
        float[] scores = new float[texts.size() * pool.size()];
        Arrays.fill(scores, Float.NaN);
        List<Integer> unmatched = new ArrayList<>();
        List<Prompt> prompts = new ArrayList<>();
        int trueScored = 0;
        for (int i = 0; i < texts.size(); i++) {
            Integer row = dataRows.get(texts.get(i));
            String label = null;
            if (row != null) {
                trueScored++;
                Prompt dp = data.prompts().get(row);
                label = dp.subtask() != null ? dp.subtask() : dp.task();
                for (int m = 0; m < pool.size(); m++) {
                    int dm = data.pool().indexOf(pool.get(m).name());
                    if (dm >= 0 && data.scores().isPresent(row, dm)) {
                        scores[i * pool.size() + m] = data.scores().get(row, dm);
                    }
                }
            } else {
                unmatched.add(i);
            }
            prompts.add(new Prompt(String.format("log-%06d", i), texts.get(i), byText.get(texts.get(i)).get(0).taskSummary(), label, Split.TRAIN));
        }
        if (!unmatched.isEmpty()) {
            List<String> u = unmatched.stream().map(texts::get).toList();
            Embeddings e = encoder.embed(u, ctx);
            TrainedRouter.Predictions p = router.predict(e.data(), u.size());
            for (int k = 0; k < u.size(); k++) {
                System.arraycopy(p.quality(), k * pool.size(), scores, unmatched.get(k) * pool.size(), pool.size());
            }
        }
        RoutingDataset logData = new RoutingDataset("decision-log", BundleIdentity.sha256Hex(String.join("\n", texts)), prompts, pool,
                ScoreMatrix.of(texts.size(), pool.size(), scores), null);
        DiscoveryResult result = new DiscoveryPipeline(cacheDir, listener, encoder).run(logData, config, ctx);
        List<RouterTask> existing = router.tasks();
        List<float[]> taskVectors = existingTaskVectors(bundle, existing, encoder, ctx);
        List<DriftProposal> proposals = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (DiscoveredTask t : result.discovery().tasks()) {
            float[] center = t.centerEmbedding();
            int nearest = -1;
            double best = -2;
            for (int k = 0; taskVectors != null && k < existing.size(); k++) {
                double cos = Embeddings.cosine(center, taskVectors.get(k));
                if (cos > best) {
                    best = cos;
                    nearest = k;
                }
            }
            String summary = result.summaries().get(t.id());
            String nearestSummary = nearest < 0 ? "(none)" : existing.get(nearest).summary();
            if (nearest >= 0 && best >= settings.novelty()) {
                known.add(String.format(java.util.Locale.ROOT, "%s (%d prompts) ≈ %s (cos %.2f)", summary, t.size(), nearestSummary, best));
                continue;
            }
            proposals.add(proposal("drift-" + (proposals.size() + 1), t, result, summary, center, nearestSummary, best, pool));
        }
        return new DriftProposals(BundleIdentity.id(bundle.manifest()), bundlePath, texts.size(), trueScored, result.discovery().tasks().size(),
                settings.novelty(), proposals, known);
    }

    /**
     * What a community is compared with: the bundle's own Stage-1 task centers (median-pooled description embeddings,
     * the same space as a community's center) when it stores one for every task, otherwise the embeddings of the task
     * summaries (a weaker proxy: a summary is one sentence, a center pools a whole task).
     */
    private static List<float[]> existingTaskVectors(RouterBundle bundle, List<RouterTask> existing, Embedder encoder, StageContext ctx)
            throws EngineException {
        if (existing.isEmpty()) {
            return null;
        }
        if (bundle.source() != null) {
            List<float[]> centers = BundleReader.taskCenters(bundle.source());
            if (centers.size() == existing.size() && centers.stream().allMatch(c -> c != null && c.length == encoder.dimension())) {
                return centers;
            }
        }
        Embeddings summaries = encoder.embed(existing.stream().map(RouterTask::summary).toList(), ctx);
        List<float[]> out = new ArrayList<>();
        for (int k = 0; k < existing.size(); k++) {
            out.add(summaries.row(k));
        }
        return out;
    }

    private static DriftProposal proposal(String id, DiscoveredTask t, DiscoveryResult result, String summary, float[] center, String nearest,
                                          double similarity, ModelPool pool) {
        Map<String, Double> candidates = new LinkedHashMap<>();
        double[] mrr = t.mrrValues();
        for (int c : t.candidates()) {
            candidates.put(pool.get(c).name(), mrr[c]);
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        float[] med = t.medianScorePerModel();
        for (int m = 0; m < pool.size(); m++) {
            medians.put(pool.get(m).name(), (double) med[m]);
        }
        List<String> examples = new ArrayList<>();
        Map<String, Integer> logged = new HashMap<>();
        Map<String, Integer> labels = new HashMap<>();
        int labelled = 0;
        for (int member : t.memberIndices()) {
            Prompt p = result.dataset().prompts().get(result.datasetRow(member));
            if (examples.size() < EXAMPLES) {
                examples.add(p.text());
            }
            logged.merge(p.task() == null ? "Others" : p.task(), 1, Integer::sum);
            if (p.subtask() != null) {
                labels.merge(p.subtask(), 1, Integer::sum);
                labelled++;
            }
        }
        Map.Entry<String, Integer> topLogged = top(logged);
        Map.Entry<String, Integer> topLabel = top(labels);
        return new DriftProposal(id, summary, t.size(), examples, candidates, medians, center, nearest, similarity, topLogged.getKey(),
                (double) topLogged.getValue() / t.size(), topLabel == null ? null : topLabel.getKey(),
                topLabel == null ? Double.NaN : (double) topLabel.getValue() / labelled);
    }

    private static Map.Entry<String, Integer> top(Map<String, Integer> counts) {
        // the largest count; among equal counts the alphabetically first name
        java.util.Comparator<Map.Entry<String, Integer>> order = Map.Entry.comparingByValue();
        order = order.thenComparing(Map.Entry::getKey, java.util.Comparator.reverseOrder());
        return counts.entrySet().stream().max(order).orElse(null);
    }
}
