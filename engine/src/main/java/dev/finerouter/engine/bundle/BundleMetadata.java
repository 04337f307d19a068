package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.io.JsonNumbers;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.LevelTrial;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RobustRuleTuner;
import dev.finerouter.engine.route.RoutingPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a bundle records besides the router itself: provenance, settings and optional per-task details.
 *
 * @param createdAt when the bundle is written
 * @param seed the run's seed
 * @param data training data name and fingerprint
 * @param describerId the Stage-1 task describer
 * @param embedder the encoder settings, or {@code null} for an encoder supplied by the caller ({@code custom})
 * @param defaultPolicy the policy used when a request sets none
 * @param hyperparameters every setting of the run as JSON ({@link #hyperparameters(PipelineConfig, TrainingConfig, float)})
 * @param taskDetails per task id, optional extras (center, fused ranking); empty when unknown
 */
public record BundleMetadata(Instant createdAt, long seed, BundleManifest.DataInfo data, String describerId,
                             EmbedderSettings embedder, RoutingPolicy defaultPolicy, JsonNode hyperparameters,
                             List<TaskDetail> taskDetails) {
    public BundleMetadata {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(describerId, "describerId");
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        hyperparameters = hyperparameters == null ? JsonNodeFactory.instance.objectNode() : hyperparameters.deepCopy();
        taskDetails = List.copyOf(taskDetails);
    }

    /**
     * Optional extras of one task.
     *
     * @param center the task's center embedding (description space), or {@code null}
     * @param fusedRanking the task's fused model ranking (pool indices, best first), or {@code null}
     */
    public record TaskDetail(float[] center, int[] fusedRanking) {
        public TaskDetail {
            center = center == null ? null : center.clone();
            fusedRanking = fusedRanking == null ? null : fusedRanking.clone();
        }
    }

    /**
     * The metadata of a pipeline run: seed, data, describer, encoder, every hyperparameter, centers and fused rankings.
     *
     * @param result the trained pipeline
     * @param defaultPolicy the routing policy to record as default
     * @param createdAt the bundle's creation time
     */
    public static BundleMetadata of(TrainingResult result, RoutingPolicy defaultPolicy, Instant createdAt) {
        PipelineConfig pc = result.discovery().config();
        List<TaskDetail> details = new ArrayList<>();
        for (DiscoveredTask t : result.discovery().discovery().tasks()) {
            details.add(new TaskDetail(t.centerEmbedding(), t.fusedRanking().toArray()));
        }
        return new BundleMetadata(createdAt, pc.seed(),
                new BundleManifest.DataInfo(result.discovery().dataset().name(), result.discovery().dataset().fingerprint()),
                result.discovery().describerId(), pc.embedder(), defaultPolicy,
                hyperparameters(pc, result.config(), result.router().classifier().threshold(), result.tuning(), result.levelSearch()), details);
    }

    /**
     * Every setting as JSON: {@code pipeline} (seed, split, describer, embedder, stage1), {@code training} (classifier,
     * estimator, device, hold-out) and {@code classifierThreshold}. Secrets are never included (only the name of the
     * describer's API-key variable).
     *
     * @param pipeline Stage-1 settings, or {@code null}
     * @param training Stage-2 settings, or {@code null}
     * @param classifierThreshold the classifier's chosen threshold
     */
    public static JsonNode hyperparameters(PipelineConfig pipeline, TrainingConfig training, float classifierThreshold) {
        return hyperparameters(pipeline, training, classifierThreshold, null);
    }

    /**
     * As above, plus {@code routingRule}: the preset, and for the robust rule the chosen k, β, κ, α, the cost scale, the dev
     * figures, the guarded tasks, every k tried (dev + left-out training prompts) and every (β, α) tried on dev.
     *
     * @param tuning the robust rule's dev search, or {@code null}
     */
    public static JsonNode hyperparameters(PipelineConfig pipeline, TrainingConfig training, float classifierThreshold,
                                           RobustRuleTuner.Result tuning) {
        return hyperparameters(pipeline, training, classifierThreshold, tuning, List.of());
    }

    /**
     * As above, plus {@code routingRule.levelSearch} when ℓ was chosen on train/dev: every ℓ tried, its tasks, its best
     * k and β and their Qual over the search's prompts, and which was chosen.
     *
     * @param levelSearch the ℓ search ({@link TrainingResult#levelSearch()}), empty when ℓ was given
     */
    public static JsonNode hyperparameters(PipelineConfig pipeline, TrainingConfig training, float classifierThreshold,
                                           RobustRuleTuner.Result tuning, List<LevelTrial> levelSearch) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (training != null) {
            ObjectNode r = root.putObject("routingRule");
            r.put("preset", training.preset().id());
            if (tuning != null) {
                r.put("k", tuning.rule().k());
                r.put("beta", tuning.rule().beta());
                r.put("kappa", tuning.rule().kappa());
                r.put("alpha", tuning.alpha());
                JsonNumbers.put(r, "costScale", tuning.rule().costScale());
                r.put("devPrompts", tuning.devPrompts());
                JsonNumbers.put(r, "devQual", tuning.devQual());
                JsonNumbers.put(r, "devQualCrossValidated", tuning.devQualCrossValidated());
                JsonNumbers.put(r, "devQualGeneral", tuning.devQualGeneral());
                r.put("prior", tuning.rule().labelPrior() == null ? RobustRuleTuner.KTrial.TASKS : RobustRuleTuner.KTrial.LABELS);
                r.put("guardedTasks", tuning.rule().guardedTasks());
                r.put("globalFallback", tuning.rule().globalFallbackReason());
                r.put("note", tuning.note());
                ArrayNode kSearch = r.putArray("kSearch");
                for (RobustRuleTuner.KTrial t : tuning.kTrials()) {
                    ObjectNode o = kSearch.addObject();
                    o.put("k", t.k());
                    o.put("beta", t.beta());
                    JsonNumbers.put(o, "qual", t.qual());
                    o.put("prompts", t.prompts());
                    if (!RobustRuleTuner.KTrial.TASKS.equals(t.prior())) {
                        o.put("prior", t.prior()); // task-prior trials keep the layout of bundles before the label prior
                    }
                }
                if (!levelSearch.isEmpty()) {
                    ArrayNode levels = r.putArray("levelSearch");
                    for (LevelTrial t : levelSearch) {
                        ObjectNode o = levels.addObject();
                        o.put("levels", t.levels());
                        o.put("tasks", t.tasks());
                        o.put("others", t.others());
                        o.put("k", t.k());
                        o.put("beta", t.beta());
                        JsonNumbers.put(o, "qual", t.qual());
                        o.put("prompts", t.prompts());
                        o.put("chosen", t.chosen());
                    }
                }
                ArrayNode trials = r.putArray("search");
                for (RobustRuleTuner.Trial t : tuning.trials()) {
                    ObjectNode o = trials.addObject();
                    o.put("k", t.k());
                    o.put("beta", t.beta());
                    o.put("alpha", t.alpha());
                    JsonNumbers.put(o, "devQual", t.devQual());
                }
            }
        }
        if (pipeline != null) {
            ObjectNode p = root.putObject("pipeline");
            p.put("seed", pipeline.seed());
            p.set("split", BundleJson.MAPPER.valueToTree(pipeline.split()));
            ObjectNode d = p.putObject("describer");
            d.put("llm", pipeline.describer().usesLlm());
            if (pipeline.describer().usesLlm()) {
                d.put("baseUrl", pipeline.describer().endpoint().baseUrl().toString());
                d.put("model", pipeline.describer().endpoint().model());
                d.put("apiKeyEnv", pipeline.describer().endpoint().apiKeyEnv());
            }
            ObjectNode e = p.putObject("embedder");
            e.put("modelDir", pipeline.embedder().modelDir() == null ? null : pipeline.embedder().modelDir().toString());
            e.put("batchSize", pipeline.embedder().batchSize());
            if (pipeline.embedder().int8()) {
                e.put("int8", true);
            }
            p.set("stage1", BundleJson.MAPPER.valueToTree(pipeline.stage1()));
        }
        if (training != null) {
            ObjectNode t = root.putObject("training");
            t.set("classifier", BundleJson.MAPPER.valueToTree(training.classifier()));
            t.set("estimator", BundleJson.MAPPER.valueToTree(training.estimator()));
            t.put("device", training.device().name());
            t.put("classifierHoldout", training.classifierHoldout());
            if (training.searchesLevels()) {
                t.put("chooseLevels", true); // absent: ℓ as given (bundles before stop 29 too)
            }
        }
        root.put("classifierThreshold", classifierThreshold);
        return root;
    }
}
