package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.BundleMetadata;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.io.DataFormatException;
import dev.finerouter.engine.io.JsonNumbers;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.LabelPrior;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.train.TaskPrediction;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Onboards a new model into a bundle B from its scores on remembered training prompts, without retraining: B + scores
 * → B′ (B is only read).
 *
 * <ul>
 *   <li>The pool gains the model as its last column, with its price.</li>
 *   <li>The robust rule's memory gains a column: the scores on the scored prompts, and on every other remembered
 *       prompt a prediction from the existing models' scores of that prompt and its task ({@link ScoreRegression},
 *       fitted on the scored prompts; with fewer than {@value ScoreRegression#MIN_PROMPTS} of them, the task
 *       reference's score mapped to the new model's estimate, {@link #imputed}), so the local estimate L of the new
 *       model follows the outcomes near each prompt. (Before stop 30 the column was NaN there and L fell back to the
 *       task prior; stop 30 mapped one reference model per task; stop 31 the regression — each chosen on the dev
 *       prompts of both shared sets, docs/results/onboarding.) g and μ gain the new model's {@link OnboardEstimate} (g_new, μ_{t,new});
 *       k, β, κ, the guards and the cost scale stay B's, so the task prior and the local estimate work unchanged.
 *       Where B falls back the new model does not compete by g_new ({@link #fallbackMean}): a guarded task keeps the
 *       models it was validated with; under a global fallback it replaces the fallback's model only when its scored
 *       prompts show it ahead beyond one standard error.</li>
 *   <li>The quality estimator predicts the new model with the donor's general adapter shifted by δ and, per task, δ_t
 *       ({@link dev.finerouter.engine.train.QualityEstimator#withAddedModel}); every other prediction is unchanged.</li>
 *   <li>Candidates, by a paired comparison on the scored prompts S_t that the classifier assigns to task t: with
 *       m_M = the mean known score of model M over S_t (the memory holds the old models' scores of the same prompts),
 *       the model joins t's candidates when no candidate c dominates it, i.e. none has m_c ≥ m_new and
 *       cost_c ≤ cost_new (cost = mean estimated cost per call on the scored prompts' texts); it is placed before the
 *       first candidate with a lower m_c. A task without a scored prompt keeps its candidates. The new model's Q̄_t is
 *       the median of its scores on S_t (μ_{t,new} when S_t is empty), its Q̄ of Others the median over the scored
 *       prompts of no task (g_new when there are none).</li>
 *   <li>The manifest keeps B's settings and records {@code hyperparameters.onboarding.<model>}: B's content id and
 *       creation time, the scores file, the scored prompt ids and count, the plan's seed and bundle, the estimates, the
 *       donor, δ, the tasks it became a candidate of, and when.</li>
 * </ul>
 * B's calibration record (if any) is not carried over: it was measured without the new model; the default policy is.
 */
public final class ModelOnboarder {
    private ModelOnboarder() {
    }

    /**
     * The label prior ({@code null}: none) with the new model's label means estimated the prediction-powered way
     * (Angelopoulos et al., Science 2023): the regression's prediction averaged over every remembered prompt, weighted
     * by the label classifier's P(label | x) (the bundle keeps no labels, only the classifier), plus the mean of the
     * scored prompts' leave-one-out residuals under the same weights, shrunk toward 0 with κ:
     *
     * <pre>  μ_{l,new} = Σ_i p_il·f(i) / Σ_i p_il  +  Σ_{i scored} p_il·(y_i − f_{−i}(i)) / (Σ_{i scored} p_il + κ)</pre>
     *
     * clamped to [0, 1]. Only the scored prompts say how far the fit is off on a label, so only they count toward the
     * correction; averaging the filled-in column instead ({@link #withModel(LabelPrior, RouterMemory, float[], float,
     * double)}) weighs them as a few dozen among thousands, and on a label where the regression is off (it regresses
     * toward the new model's mean, and its offsets are per task, not per label) the new model took or lost every
     * prompt of the label. In a simulation on the shared sets' training splits (5 folds, each held-out model, ten
     * prompts per k-means cluster scored; prior-only routing) this raised the share of retraining's gain recovered from
     * 38 % and 37 % (routerdc-7model, llmrouter-9model) to 50–65 % and 47–51 % (κ 5–20; docs/results/onboarding).
     *
     * @param p the label classifier's P(label | x) of every remembered prompt, row-major
     * @param fit the regression (with its leave-one-out residuals)
     * @param taskOf each remembered prompt's task (−1: none), as the fit was given
     * @param existingGeneral g_M of the existing models
     * @param general the new model's general mean (the target of the base mean's shrinkage, which hardly acts: every
     *                remembered prompt counts there)
     */
    static LabelPrior withModel(LabelPrior labels, float[] p, RouterMemory memory, ScoreRegression.Fit fit, int[] taskOf, float[] existingGeneral,
                                float general, double kappa) {
        if (labels == null) {
            return null;
        }
        float[] predicted = new float[memory.size()];
        for (int i = 0; i < predicted.length; i++) {
            predicted[i] = fit.predict(memory, i, taskOf[i], existingGeneral);
        }
        float[][] base = RobustRule.taskMeans(predicted, p, labels.size(), new float[] {general}, kappa);
        float[][] correction = RobustRule.taskMeans(fit.looResidual(), p, labels.size(), new float[] {0}, kappa);
        float[] column = new float[labels.size()];
        for (int l = 0; l < column.length; l++) {
            column[l] = Math.min(1, Math.max(0, base[l][0] + correction[l][0]));
        }
        return labels.withModel(column);
    }

    /**
     * The label prior ({@code null}: none) with the new model's label means when there is no regression (fewer than
     * {@value ScoreRegression#MIN_PROMPTS} scored prompts): its memory column (scored where scored, imputed from the
     * task reference elsewhere) averaged over the remembered prompts weighted by the label classifier's P(label | x),
     * shrunk toward the new model's general mean with κ.
     */
    static LabelPrior withModel(LabelPrior labels, float[] p, float[] filled, float general, double kappa) {
        if (labels == null) {
            return null;
        }
        float[][] means = RobustRule.taskMeans(filled, p, labels.size(), new float[] {general}, kappa);
        float[] column = new float[labels.size()];
        for (int l = 0; l < column.length; l++) {
            column[l] = means[l][0];
        }
        return labels.withModel(column);
    }

    /**
     * The new model's memory column with every unscored remembered prompt filled in from its task's reference model:
     * the reference r (the existing model with the highest μ_{t,M}; for a prompt of no task, the highest g_M) scored
     * s on the prompt, and the new model is estimated at μ_new against r's μ_r, so the prompt gets s moved by the one
     * map of [0, 1] into itself that turns r's mean into μ_new: s + (1 − s)·(μ_new − μ_r)/(1 − μ_r) when μ_new ≥ μ_r,
     * s·μ_new/μ_r otherwise. The local estimate L of the new model then follows r's outcomes on the prompt's
     * neighbours (the paired view of {@link OnboardEstimate}, at the level of single prompts) instead of falling back to
     * the task prior wherever a neighbour was not scored. Scored prompts keep their scores; a prompt whose reference
     * score is unknown stays NaN.
     */
    static float[] imputed(float[] column, RouterMemory memory, int[] taskOf, float[][] taskMean, float[] newTaskMean, float[] general,
                           float newGeneral) {
        float[] out = column.clone();
        int generalReference = OnboardEstimate.argmax(general);
        for (int i = 0; i < out.length; i++) {
            if (!Float.isNaN(out[i])) {
                continue;
            }
            int t = taskOf[i];
            int r = t >= 0 ? OnboardEstimate.argmax(taskMean[t]) : generalReference;
            double reference = t >= 0 ? taskMean[t][r] : general[r];
            double target = t >= 0 ? newTaskMean[t] : newGeneral;
            float s = memory.score(i, r);
            if (Float.isNaN(s) || Double.isNaN(reference) || Double.isNaN(target)) {
                continue;
            }
            double v = target >= reference ? (reference < 1 ? s + (1 - s) * (target - reference) / (1 - reference) : s)
                    : s * target / reference;
            out[i] = (float) Math.min(1, Math.max(0, v));
        }
        return out;
    }

    /**
     * What B′'s fallbacks route on. Where B falls back — a guarded task, or every prompt under its global fallback —
     * its prompts are routed on the general estimate g, and the dev test behind the fallback compared the rule with the
     * model X that g chooses there. The new model was not part of that test, and its own g says nothing about a guarded
     * task: in the leave-one-model-out runs an onboarded model better on average took a guarded math task on its g and
     * scored 9 of 50 test prompts fewer there than the model the guard had kept (docs/results/onboarding, stop 34).
     * <ul>
     *   <li><b>A guarded task</b> keeps routing among the models it was validated with: the new model is not compared
     *       there (NaN). Its ≤ 10 scored prompts of the task are too few to overturn the guard: admitting it where
     *       they showed it ahead of X by more than one standard error was tried on the dev prompts of both shared sets
     *       and each of the three admissions lost there (docs/results/onboarding, stop 34). Retraining lets it compete.</li>
     *   <li><b>The global fallback</b> routes on one model; the new model replaces X only by its paired evidence over
     *       every scored prompt (a few hundred): with d_i = y_i − s_iX, its value is g_X + mean(d) − SE(d), so it wins at
     *       λ = 0 only when ahead of X beyond one standard error, the test the fallback itself uses; with fewer than two
     *       paired prompts it is not compared.</li>
     * </ul>
     * The notes record, per scope, the paired difference to X on its scored prompts either way.
     *
     * @param rule B's rule
     * @param memory B's memory (the existing models' scores)
     * @param column the new model's scores (NaN = not scored)
     * @param taskOf the classifier's task of each remembered prompt (as the guards' dev test grouped prompts)
     * @param notes gets one entry per scope: the task (or "all"), X, the paired prompts, mean(d), SE(d), whether the new
     *              model is compared there and whether it is ahead of X
     * @return the rows for {@link RobustRule#withFallbackMean}: per scope what B routed on there (its own row from an
     *         earlier onboarding, or g) with the new model's value appended; {@code null} when B has no fallback
     */
    static float[][] fallbackMean(RobustRule rule, RouterMemory memory, float[] column, int[] taskOf, ModelPool existing, ArrayNode notes) {
        int tasks = rule.taskMean().length;
        List<Integer> scopes = new ArrayList<>();
        if (rule.globalFallbackReason() != null) {
            scopes.add(tasks);
        } else {
            for (int t = 0; t < tasks; t++) {
                if (rule.guardReason().get(t) != null) {
                    scopes.add(t);
                }
            }
        }
        if (scopes.isEmpty()) {
            return null;
        }
        int m = memory.models();
        float[][] rows = new float[tasks + 1][];
        for (int scope : scopes) {
            int task = scope == tasks ? -1 : scope;
            double[] estimate = rule.fallbackEstimate(task);
            float[] row = new float[m + 1];
            for (int j = 0; j < m; j++) {
                row[j] = (float) estimate[j];
            }
            int x = rule.fallbackBest(task);
            float[] inScope = column.clone();
            for (int i = 0; i < inScope.length; i++) {
                if (scope < tasks && taskOf[i] != scope) {
                    inScope[i] = Float.NaN;
                }
            }
            OnboardEstimate.Paired d = OnboardEstimate.Paired.of(inScope, memory, x);
            double se = d.count() < 2 ? Double.NaN : Math.sqrt(d.variance() / d.count());
            boolean compared = scope == tasks && d.count() >= 2;
            row[m] = compared ? (float) (row[x] + d.mean() - se) : Float.NaN;
            rows[scope] = row;
            ObjectNode n = notes.addObject();
            if (scope < tasks) {
                n.put("task", scope);
            } else {
                n.put("task", "all");
            }
            n.put("fallsBackTo", existing.get(x).name());
            n.put("prompts", d.count());
            JsonNumbers.put(n, "difference", d.count() == 0 ? Double.NaN : d.mean());
            JsonNumbers.put(n, "standardError", se);
            n.put("compared", compared);
            n.put("ahead", compared && row[m] > row[x]);
        }
        return rows;
    }

    /** How the new model's memory column was filled in, for the manifest and the console. */
    static String memoryColumnNote(ScoreRegression.Fit regression) {
        return regression != null
                ? "regression on the existing models' scores of each prompt plus task offsets (" + ScoreRegression.describe(regression) + ")"
                : "task reference mapped to the new model's estimate (fewer than " + ScoreRegression.MIN_PROMPTS + " scored prompts for the regression)";
    }

    /**
     * The onboarded router, before it is written.
     *
     * @param router B′'s router
     * @param model the new model
     * @param estimate its estimates
     * @param candidateOf ids of the tasks it became a candidate of
     * @param scoredIds ids of the scored prompts used, in file order
     * @param provenance what the manifest records under {@code hyperparameters.onboarding.<model>}
     */
    public record Onboarding(TrainedRouter router, ModelSpec model, OnboardEstimate estimate, List<Integer> candidateOf, List<String> scoredIds,
                             ObjectNode provenance) {
        public Onboarding {
            Objects.requireNonNull(router, "router");
            candidateOf = List.copyOf(candidateOf);
            scoredIds = List.copyOf(scoredIds);
            provenance = provenance.deepCopy();
        }

        @Override
        public ObjectNode provenance() {
            return provenance.deepCopy();
        }
    }

    /**
     * Builds B′'s router and the estimates.
     *
     * @param bundle B
     * @param memory B's remembered prompts (their ids at least)
     * @param scores the scored plan
     * @param model the new model with its price
     * @param now when it is accepted
     * @throws EngineException when B has no memory, the name is taken, the price does not fit the pool, or a scored id is
     *         not a remembered prompt (naming the file and line)
     */
    public static Onboarding prepare(RouterBundle bundle, MemoryPrompts memory, ScoredPrompts scores, ModelSpec model, Instant now)
            throws EngineException {
        TrainedRouter router = bundle.router();
        RouterMemory mem = MemoryPrompts.memory(bundle);
        checkModel(router.pool(), model, scores.model());
        Map<String, Integer> rowOf = memory.rowOfId();
        float[] column = new float[mem.size()];
        Arrays.fill(column, Float.NaN);
        List<String> texts = new ArrayList<>();
        for (ScoredPrompts.Row r : scores.rows()) {
            Integer row = rowOf.get(r.id());
            if (row == null) {
                throw new DataFormatException(scores.file(), r.line(), "id", "'" + r.id() + "' is not one of the bundle's " + mem.size()
                        + " remembered training prompts", "score the prompts of a plan made for this bundle ('finerouter onboard plan')", null);
            }
            column[row] = (float) r.score();
            texts.add(r.text() != null ? r.text() : memory.hasTexts() ? memory.texts().get(row) : "");
        }
        TaskPrediction assignment = OnboardPlanner.memoryTasks(router);
        OnboardEstimate estimate = OnboardEstimate.of(router, column, assignment);
        RobustRule rule = router.rule();
        float[] general = Arrays.copyOf(rule.generalMean(), mem.models() + 1);
        general[mem.models()] = estimate.generalMean();
        float[][] taskMean = rule.taskMean();
        for (int t = 0; t < taskMean.length; t++) {
            taskMean[t] = Arrays.copyOf(taskMean[t], mem.models() + 1);
            taskMean[t][mem.models()] = estimate.taskMean()[t];
        }
        ScoreRegression.Fit regression = ScoreRegression.fit(column, mem, assignment.tasks(), taskMean.length, rule.generalMean());
        float[] filled = regression != null ? ScoreRegression.imputed(regression, column, mem, assignment.tasks(), rule.generalMean())
                : imputed(column, mem, assignment.tasks(), rule.taskMean(), estimate.taskMean(), rule.generalMean(), estimate.generalMean());
        float[] labelProbabilities = rule.labelPrior() == null ? null : rule.labelPrior().probabilities(mem.embeddings(), mem.size());
        RobustRule rule2 = new RobustRule(mem.withModel(filled), rule.k(), rule.beta(), rule.kappa(), general, taskMean, rule.guardReason(),
                rule.globalFallbackReason(), rule.costScale(), regression != null
                ? withModel(rule.labelPrior(), labelProbabilities, mem, regression, assignment.tasks(), rule.generalMean(), general[mem.models()],
                        rule.kappa())
                : withModel(rule.labelPrior(), labelProbabilities, filled, general[mem.models()], rule.kappa()));
        ArrayNode fallbackNotes = JsonNodeFactory.instance.arrayNode();
        rule2 = rule2.withFallbackMean(fallbackMean(rule, mem, column, assignment.tasks(), router.pool(), fallbackNotes));
        List<ModelSpec> models = new ArrayList<>(router.pool().models());
        models.add(model);
        ModelPool pool = new ModelPool(models);
        double[] cost = meanCosts(router, pool, texts);
        RouterMemory wide = rule2.memory();
        int[] taskOf = assignment.tasks();
        List<RouterTask> tasks = new ArrayList<>();
        List<Integer> candidateOf = new ArrayList<>();
        for (RouterTask t : router.tasks()) {
            int[] scoredRows = scoredRows(column, taskOf, t.id());
            int[] candidates = scoredRows.length == 0 ? t.candidates()
                    : withCandidate(t.candidates(), pairedMeans(wide, scoredRows), cost, pool.size() - 1);
            if (candidates.length > t.candidates().length) {
                candidateOf.add(t.id());
            }
            float[] medians = Arrays.copyOf(t.medianScore(), pool.size());
            medians[pool.size() - 1] = scoredRows.length == 0 ? estimate.taskMean()[t.id()] : median(column, scoredRows);
            tasks.add(new RouterTask(t.id(), t.summary(), t.size(), candidates, medians));
        }
        float[] others = Arrays.copyOf(router.othersMedianScore(), pool.size());
        int[] noTask = scoredRows(column, taskOf, -1);
        others[pool.size() - 1] = noTask.length == 0 ? estimate.generalMean() : median(column, noTask);
        TrainedRouter onboarded = new TrainedRouter(pool, tasks, others, router.classifier(),
                router.estimator().withAddedModel(estimate.donor(), estimate.logitOffset(), estimate.taskOffsets()), router.encoderId(), router.costModel(), rule2);
        List<String> ids = scores.rows().stream().map(ScoredPrompts.Row::id).toList();
        ObjectNode provenance = provenance(bundle, scores, estimate, candidateOf, ids, now);
        provenance.put("memoryColumn", memoryColumnNote(regression));
        if (!fallbackNotes.isEmpty()) {
            provenance.set("fallbacks", fallbackNotes);
        }
        if (rule2.labelPrior() != null) {
            putLabelMeans(provenance, rule2.labelPrior(), labelProbabilities, column, router.pool());
        }
        if (regression != null) {
            ObjectNode fit = provenance.putObject("memoryColumnFit");
            fit.put("lambda", regression.lambda());
            fit.put("taskFactor", regression.taskFactor());
            fit.put("looRmse", regression.looRmse());
            fit.put("prompts", regression.prompts());
        }
        return new Onboarding(onboarded, model, estimate, candidateOf, ids, provenance);
    }

    /**
     * Writes B′ to {@code target} (folder or {@code .frb}) through a staging folder and returns its manifest; read it back
     * with {@link BundleReader#read} to verify.
     *
     * @throws EngineException when the target is B itself or cannot be written
     */
    public static BundleManifest write(RouterBundle bundle, Onboarding onboarding, Path target, Instant now) throws EngineException {
        if (bundle.source() != null && target.toAbsolutePath().normalize().equals(bundle.source().toAbsolutePath().normalize())) {
            throw new EngineException("the new bundle would replace " + bundle.source(), "write it to another --out path", null);
        }
        BundleManifest m = bundle.manifest();
        ObjectNode hyper = m.hyperparameters().deepCopy();
        ObjectNode all = hyper.has("onboarding") && hyper.get("onboarding").isObject() ? (ObjectNode) hyper.get("onboarding")
                : hyper.putObject("onboarding");
        all.set(onboarding.model().name(), onboarding.provenance());
        List<BundleMetadata.TaskDetail> details = bundle.source() == null ? List.of() : BundleReader.taskDetails(bundle.source());
        BundleMetadata metadata = new BundleMetadata(now, m.seed(), m.data(), m.describerId(), m.encoder().openSettings(), m.defaultPolicy(),
                hyper, details);
        return BundleWriter.write(onboarding.router(), metadata, target);
    }

    /** The name must be new and the price must fit the pool: priced pools need a price, unpriced pools take none. */
    static void checkModel(ModelPool pool, ModelSpec model, String scoredName) throws EngineException {
        if (!model.name().equals(scoredName)) {
            throw new IllegalArgumentException("the scores are for " + scoredName + ", the model is " + model.name());
        }
        if (pool.indexOf(model.name()) >= 0) {
            throw new EngineException("model " + model.name() + " is already in the bundle's pool " + pool.names(),
                    "onboard a new model under a name the pool does not use (--model)", null);
        }
        if (pool.anyCostKnown() && !model.hasKnownCost()) {
            throw new EngineException("the bundle's models are priced but no price was given for " + model.name(),
                    "pass --cost-per-query, or --input-cost-per-1k and --output-cost-per-1k (USD)", null);
        }
        if (!pool.anyCostKnown() && model.hasKnownCost()) {
            throw new EngineException("the bundle's models have no prices (every call costs 1), so " + model.name() + " cannot have one",
                    "leave out the price options", null);
        }
    }

    /** Mean estimated cost per call of every model of {@code pool} on {@code texts}. */
    private static double[] meanCosts(TrainedRouter router, ModelPool pool, List<String> texts) {
        double[] out = new double[pool.size()];
        boolean priced = pool.anyCostKnown();
        for (String text : texts) {
            for (int m = 0; m < out.length; m++) {
                out[m] += router.costModel().estimate(pool.get(m), text, priced) / texts.size();
            }
        }
        return out;
    }

    /** The scored rows (memory order) the classifier assigns to {@code task} (−1: to no task). */
    private static int[] scoredRows(float[] column, int[] taskOf, int task) {
        return java.util.stream.IntStream.range(0, column.length).filter(i -> !Float.isNaN(column[i]) && taskOf[i] == task).toArray();
    }

    /** m_M: each model's mean known score over {@code rows} (NaN for a model with none there). */
    static float[] pairedMeans(RouterMemory memory, int[] rows) {
        float[] out = new float[memory.models()];
        for (int m = 0; m < out.length; m++) {
            double sum = 0;
            int n = 0;
            for (int r : rows) {
                float s = memory.score(r, m);
                if (!Float.isNaN(s)) {
                    sum += s;
                    n++;
                }
            }
            out[m] = n == 0 ? Float.NaN : (float) (sum / n);
        }
        return out;
    }

    private static float median(float[] column, int[] rows) {
        float[] v = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            v[i] = column[rows[i]];
        }
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2f;
    }

    /**
     * {@code candidates} with {@code model} inserted when no candidate dominates it (see the class comment).
     *
     * @param mu the quality each model is compared by (m_M), per pool index, the new model's included; NaN = unknown
     *           (never dominates, never ranks above)
     * @param cost mean cost per call per pool index
     */
    static int[] withCandidate(int[] candidates, float[] mu, double[] cost, int model) {
        int at = candidates.length;
        for (int i = 0; i < candidates.length; i++) {
            int c = candidates[i];
            if (mu[c] >= mu[model] && cost[c] <= cost[model]) {
                return candidates.clone();
            }
            if (at == candidates.length && mu[c] < mu[model]) {
                at = i;
            }
        }
        int[] out = new int[candidates.length + 1];
        System.arraycopy(candidates, 0, out, 0, at);
        out[at] = model;
        System.arraycopy(candidates, at, out, at + 1, candidates.length - at);
        return out;
    }

    private static ObjectNode provenance(RouterBundle bundle, ScoredPrompts scores, OnboardEstimate e, List<Integer> candidateOf,
                                         List<String> ids, Instant now) {
        ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        o.put("parentBundleId", BundleIdentity.id(bundle.manifest()));
        o.put("parentCreatedAt", bundle.manifest().createdAt());
        o.put("acceptedAt", now.toString());
        o.put("scoresFile", scores.file().getFileName().toString());
        o.put("scoredPrompts", ids.size());
        o.put("unscoredRows", scores.unscored());
        TreeSet<Long> seeds = new TreeSet<>();
        TreeSet<String> plans = new TreeSet<>();
        for (ScoredPrompts.Row r : scores.rows()) {
            if (r.planSeed() != null) {
                seeds.add(r.planSeed());
            }
            if (r.planBundle() != null) {
                plans.add(r.planBundle());
            }
        }
        if (seeds.size() == 1) {
            o.put("planSeed", seeds.first());
        } else {
            o.putNull("planSeed");
        }
        if (plans.size() == 1) {
            o.put("planBundleId", plans.first());
        } else {
            o.putNull("planBundleId");
        }
        o.put("generalMean", e.generalMean());
        o.put("stratifiedMean", e.stratifiedMean());
        o.put("poolMean", e.poolMean());
        o.put("kappa", e.kappa());
        putFloats(o, "taskMean", e.taskMean());
        o.put("donor", bundle.router().pool().get(e.donor()).name());
        if (Double.isFinite(e.donorMse())) {
            o.put("donorMse", e.donorMse());
        } else {
            o.putNull("donorMse");
        }
        o.put("logitOffset", e.logitOffset());
        putFloats(o, "taskLogitOffset", e.taskOffsets());
        ArrayNode cand = o.putArray("candidateOf");
        candidateOf.forEach(cand::add);
        ArrayNode list = o.putArray("promptIds");
        ids.forEach(list::add);
        return o;
    }

    /**
     * {@code labelMeans}: per label of the label prior, the new model's mean, the scored prompts' weight behind it
     * (Σ P(label | x) over them: how many scored prompts the estimate rests on) and the best existing model's mean —
     * with the rule shrinking toward this prior, a label where the new model is ahead ({@code ahead}: its mean above
     * the best existing model's) is where it will be routed.
     *
     * @param p the label classifier's P(label | x) of every remembered prompt, row-major
     */
    static void putLabelMeans(ObjectNode o, LabelPrior labels, float[] p, float[] column, ModelPool existing) {
        int count = labels.size();
        double[] weight = new double[count];
        for (int i = 0; i < column.length; i++) {
            if (!Float.isNaN(column[i])) {
                for (int l = 0; l < count; l++) {
                    weight[l] += p[i * count + l];
                }
            }
        }
        int m = existing.size();
        ArrayNode a = o.putArray("labelMeans");
        for (int l = 0; l < count; l++) {
            float[] mu = labels.labelMean()[l];
            int best = OnboardEstimate.argmax(Arrays.copyOf(mu, m));
            ObjectNode row = a.addObject();
            row.put("label", labels.labels().get(l));
            row.put("scoredWeight", weight[l]);
            row.put("estimate", mu[m]);
            row.put("bestExisting", existing.get(best).name());
            row.put("bestExistingMean", mu[best]);
            row.put("ahead", mu[m] > mu[best]);
        }
    }

    private static void putFloats(ObjectNode o, String key, float[] values) {
        ArrayNode a = o.putArray(key);
        for (float v : values) {
            a.add(v);
        }
    }
}
