package dev.finerouter.engine.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.train.QualityEstimator;
import dev.finerouter.engine.train.TaskClassifier;
import dev.finerouter.engine.train.TaskPrediction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Accepting drift proposals: bundle B + accepted proposals → a new bundle B′ with one more task per proposal, without
 * retraining. Each new task gets the proposal's center as its classifier task vector (the method's initialisation) and
 * the median of B's task biases as its bias; the estimator has no task adapter for it, so its prompts are predicted by
 * the general adapters; its candidates and Q̄ come from the proposal. Old tasks, Others, threshold, pool, encoder and
 * policy are unchanged. Provenance (parent bundle id, accepted ids) goes to the manifest's
 * {@code hyperparameters.drift}. B is only read.
 */
public final class ProposalAcceptor {
    private ProposalAcceptor() {
    }

    /**
     * The router of B with the accepted proposals added as tasks {@code B.tasks().size()}, … in the order given.
     *
     * @throws EngineException when an id is unknown, a candidate is not in B's pool, or a center has the wrong dimension
     */
    public static TrainedRouter extend(TrainedRouter router, DriftProposals proposals, List<String> ids) throws EngineException {
        return extend(router, proposals, ids, null);
    }

    /**
     * As {@link #extend(TrainedRouter, DriftProposals, List)}; with an {@code encoder} (the bundle's) each new task's bias
     * is then raised from the median until at least half of the proposal's example prompts are assigned to it
     * ({@link #calibratedBias}), so that prompts like them reach the new task although the classifier was never trained
     * on it. Without an encoder every new task keeps the median bias.
     */
    public static TrainedRouter extend(TrainedRouter router, DriftProposals proposals, List<String> ids, Embedder encoder)
            throws EngineException {
        if (ids.isEmpty()) {
            throw new EngineException("no proposal accepted", "pass --accept id1,id2 with ids from proposals.json", null);
        }
        ModelPool pool = router.pool();
        TaskClassifier classifier = router.classifier();
        int d = classifier.taskVectorDim();
        float[] vectors = new float[ids.size() * d];
        float[] biases = new float[ids.size()];
        float bias = median(classifier.taskBiases());
        int[][] candidates = new int[ids.size()][];
        List<RouterTask> tasks = new ArrayList<>(router.tasks());
        for (int i = 0; i < ids.size(); i++) {
            DriftProposal p = proposals.get(ids.get(i));
            float[] center = p.center();
            if (center.length != d) {
                throw new EngineException("proposal " + p.id() + " has a " + center.length + "-d center, the bundle's task vectors are " + d + "-d",
                        "accept proposals found with this bundle's encoder", null);
            }
            System.arraycopy(center, 0, vectors, i * d, d);
            biases[i] = bias;
            candidates[i] = indices(pool, p.candidates().keySet().stream().toList(), p.id());
            float[] medians = new float[pool.size()];
            Arrays.fill(medians, Float.NaN);
            for (Map.Entry<String, Double> e : p.medianScores().entrySet()) {
                int m = pool.indexOf(e.getKey());
                if (m >= 0) {
                    medians[m] = e.getValue().floatValue();
                }
            }
            tasks.add(new RouterTask(tasks.size(), p.summary(), p.size(), candidates[i], medians));
        }
        TaskClassifier c2 = classifier.withAddedTasks(vectors, biases);
        if (encoder != null) {
            for (int i = 0; i < ids.size(); i++) {
                biases[i] = calibratedBias(c2, classifier.taskCount(), classifier.taskCount() + i, bias,
                        encoder.embed(proposals.get(ids.get(i)).examples(), StageContext.silent(0)));
            }
            c2 = classifier.withAddedTasks(vectors, biases);
        }
        QualityEstimator e2 = router.estimator().withAddedTasks(candidates);
        return new TrainedRouter(pool, tasks, router.othersMedianScore(), c2, e2, router.encoderId(), router.costModel(),
                router.rule() == null ? null : router.rule().withAddedTasks(ids.size()));
    }

    /**
     * Writes B′ to {@code target} (folder or {@code .frb}) and returns its manifest; read it back with
     * {@code BundleReader.read} to verify.
     */
    public static BundleManifest accept(RouterBundle bundle, DriftProposals proposals, List<String> ids, Path target, Instant now)
            throws EngineException {
        return accept(bundle, proposals, ids, target, now, null);
    }

    /**
     * As {@link #accept(RouterBundle, DriftProposals, List, Path, Instant)}, with the new tasks' biases calibrated on the
     * proposals' examples when {@code encoder} (the bundle's) is given (see {@link #extend(TrainedRouter, DriftProposals,
     * List, Embedder)}). The new bundle keeps B's stored task centers and stores each new task's center.
     */
    public static BundleManifest accept(RouterBundle bundle, DriftProposals proposals, List<String> ids, Path target, Instant now,
                                        Embedder encoder) throws EngineException {
        if (bundle.source() != null && target.toAbsolutePath().normalize().equals(bundle.source().toAbsolutePath().normalize())) {
            throw new EngineException("the new bundle would replace " + bundle.source(), "write it to another --out path", null);
        }
        TrainedRouter extended = extend(bundle.router(), proposals, ids, encoder);
        BundleManifest m = bundle.manifest();
        ObjectNode hyper = m.hyperparameters().deepCopy();
        ObjectNode drift = hyper.putObject("drift");
        drift.put("parentBundleId", BundleIdentity.id(m));
        drift.put("parentCreatedAt", m.createdAt());
        drift.put("proposalsFrom", proposals.bundleId());
        drift.put("biases", encoder == null ? "median of the parent's task biases" : "calibrated on each proposal's example prompts");
        ArrayNode accepted = drift.putArray("accepted");
        ids.forEach(accepted::add);
        ArrayNode summaries = drift.putArray("acceptedSummaries");
        ids.forEach(id -> summaries.add(JsonNodeFactory.instance.textNode(summary(proposals, id))));
        List<BundleMetadata.TaskDetail> details = new ArrayList<>();
        List<float[]> oldCenters = bundle.source() == null ? List.of() : BundleReader.taskCenters(bundle.source());
        for (int t = 0; t < bundle.router().tasks().size(); t++) {
            details.add(new BundleMetadata.TaskDetail(t < oldCenters.size() ? oldCenters.get(t) : null, null));
        }
        for (String id : ids) {
            details.add(new BundleMetadata.TaskDetail(proposals.get(id).center(), null));
        }
        BundleMetadata metadata = new BundleMetadata(now, m.seed(), m.data(), m.describerId(), embedder(m.encoder()), m.defaultPolicy(), hyper,
                details);
        return BundleWriter.write(extended, metadata, target);
    }

    private static String summary(DriftProposals proposals, String id) {
        return proposals.proposals().stream().filter(p -> p.id().equals(id)).findFirst().map(DriftProposal::summary).orElse(id);
    }

    private static EmbedderSettings embedder(BundleManifest.EncoderInfo e) {
        return e.openSettings();
    }

    private static int[] indices(ModelPool pool, List<String> names, String id) throws EngineException {
        int[] out = new int[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pool.indexOf(names.get(i));
            if (out[i] < 0) {
                throw new EngineException("proposal " + id + ": candidate " + names.get(i) + " is not in the bundle's pool " + pool.names(),
                        "accept proposals found with this bundle", null);
            }
        }
        return out;
    }

    /** Margin, in logits, by which a calibrated new task beats the best old task on the examples it captures. */
    static final double BIAS_MARGIN = 0.1;

    /**
     * The bias of new task {@code task} (currently {@code base}) that makes at least half of {@code examples} assigned
     * to it: per example, the logit shift by which its probability would exceed both the classifier's threshold and the
     * best old task's probability (by {@link #BIAS_MARGIN}); the median shift over the examples is added, never
     * subtracted (a task already reached keeps {@code base}).
     *
     * @param classifier the classifier with the new tasks at {@code base}
     * @param oldTasks number of tasks before the new ones (the competitors)
     * @param task index of the new task
     * @param base its current bias
     * @param examples the proposal's example prompts, embedded by the bundle's encoder
     */
    static float calibratedBias(TaskClassifier classifier, int oldTasks, int task, float base, Embeddings examples) throws EngineException {
        int n = examples.rows();
        if (n == 0) {
            return base;
        }
        TaskPrediction p = classifier.predict(examples.data(), n);
        double[] shifts = new double[n];
        for (int j = 0; j < n; j++) {
            double best = classifier.threshold();
            for (int t = 0; t < oldTasks; t++) {
                best = Math.max(best, p.probability(j, t));
            }
            shifts[j] = logit(best) - logit(p.probability(j, task)) + BIAS_MARGIN;
        }
        Arrays.sort(shifts);
        double median = n % 2 == 1 ? shifts[n / 2] : (shifts[n / 2 - 1] + shifts[n / 2]) / 2;
        return (float) (base + Math.max(0, median));
    }

    private static double logit(double probability) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, probability));
        return Math.log(q / (1 - q));
    }

    static float median(float[] values) {
        if (values.length == 0) {
            return 0f;
        }
        float[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2f;
    }
}
