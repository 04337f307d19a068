package dev.finerouter.engine.route;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.PairedDifference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

/**
 * Builds a {@link RobustRule} for a trained router and chooses its settings on the dev split and on training prompts
 * left out, never on test.
 *
 * <ol>
 *   <li>Statistics: g from the remembered training prompts; μ_{t,M} from the same prompts weighted by their
 *       <em>cross-fitted</em> task probabilities (each predicted by a classifier that did not see it, see
 *       {@code RouterTrainingPipeline}), shrunk with κ = {@value #KAPPA}. The cost scale C is the most expensive model's
 *       mean cost per dev prompt.</li>
 *   <li>k and β together, on a large out-of-sample set: the dev prompts plus up to {@value #LOO_PROMPTS} training
 *       prompts (evenly spaced), each of those estimated from its neighbours <em>without itself</em> (leave-one-out; its
 *       copies, the same text remembered twice, left out with it) and from a task prior without itself (its cross-fitted
 *       probabilities, and task statistics with its own terms taken out; g keeps it, a 1/n effect). Every (k, β) of
 *       {@link #K_GRID} × {@link #BETA_GRID} routes them at λ = 0 on the local estimate L (α = 0; ties: higher g, then
 *       lower index); the highest Qual wins, ties to the larger β, then the larger k. The set is several times the dev
 *       split, so neither is chosen on dev noise; the task prior can be judged on training prompts because the
 *       cross-fitting made it honest for them. When the data labels its prompts ({@link Labels#usable}), every (k, β) is
 *       judged again with the local estimate shrunk toward the labels' prior ({@link #labelCandidate}: as honest for the
 *       left-out prompts), which replaces the task prior when its best Qual is higher (decision 0013, stop 32).</li>
 *   <li>α, on dev at that (k, β): every α of {@link #ALPHA_GRID} routes the dev prompts at λ = 0 (Stage 2's Q̃ is in
 *       sample on training prompts, so α can only be judged on dev), and the one-standard-error rule chooses
 *       ({@link #oneStandardErrorChoice}): the smallest α whose dev routings did not lose to the best α's by more than
 *       one standard error of the paired difference. α = 0 is the estimate the larger left-out set validated; a dev
 *       split of a few dozen to a few hundred prompts must show Stage 2's weight to help beyond its noise (until
 *       stop 31 the highest dev Qual won outright). The networks and the neighbour search run once.</li>
 *   <li>An honest dev figure for the tuned rule, by {@value #CV_FOLDS}-fold cross-validation inside dev (dev prompt i
 *       is in fold i mod {@value #CV_FOLDS}): each fold's prompts are routed with the α that wins on the other
 *       folds (by the same rule). The chosen setting's own dev Qual was picked among {@code ALPHA_GRID} trials on the
 *       same prompts and so may flatter it; the cross-validated routing is what the search would deliver on prompts
 *       it did not see. The global fallback below judges these out-of-fold routings too.</li>
 *   <li>Global fallback: when the chosen setting's dev routings, or its cross-validated ones, lost to routing on the
 *       general estimate alone (the best single model of the training data) by more than one standard error of the
 *       paired difference (the per-task guard's test, over all of dev), every prompt is routed on the general
 *       estimate. A figure merely below the general one is not enough: the fallback also gives up the rule's
 *       cost–quality trade-offs, which a rule level with the best single model at λ = 0 can still make well
 *       (routellm-2model's dev: 81.3 against 81.1). Until stop 31 the tuned figure fell back when merely below: on
 *       a 155-prompt dev split a one-prompt deficit (86.5 against 87.1) threw away a rule that, kept, matched the best
 *       single model's test Qual at 0.62× its cost (a three-benchmark subset of llmrouter-9model, docs/results,
 *       "Stop 31").</li>
 *   <li>Per-task guard: dev prompts grouped by their assigned task; a task with at least {@value #MIN_GUARD_PROMPTS}
 *       dev prompts whose paired difference (router at the chosen setting − general) has a mean below zero by more
 *       than one standard error is guarded, with the numbers in its reason. (Judging the out-of-fold routings here
 *       was tried in stop 26 and dropped: per task the search's optimism is small beside the standard error, while
 *       the folds' differing settings add noise to a test that is already repeated over every task; decision
 *       0013.)</li>
 * </ol>
 * Without dev prompts nothing can be validated: k = 50, β = 5, α = 0 and no guard, and the result says so.
 */
public final class RobustRuleTuner {
    /** Neighbour counts tried. */
    public static final int[] K_GRID = {10, 20, 50, 100, 200, 500};
    /** Local shrinkage strengths tried (pseudo-neighbours). */
    public static final double[] BETA_GRID = {1, 5, 20, 100, 500};
    /** Weights of Stage 2's prediction tried. */
    public static final double[] ALPHA_GRID = {0, 0.25, 0.5, 0.75, 1};
    /** Shrinkage of the task statistics toward the general estimate (pseudo-prompts). */
    public static final double KAPPA = 10;
    /** Most training prompts judged leave-one-out when choosing k and β. */
    public static final int LOO_PROMPTS = 2000;
    /** Fewest dev prompts of a task for its guard to be judged. */
    public static final int MIN_GUARD_PROMPTS = 10;
    /** Folds of the cross-validation inside dev that judges the tuned rule out of sample. */
    public static final int CV_FOLDS = 5;
    /** Most remembered prompts that fit the label prior's classifier (evenly spaced). */
    public static final int LABEL_FIT_PROMPTS = 20_000;

    /**
     * One setting tried on dev.
     *
     * @param k neighbours
     * @param beta local shrinkage
     * @param alpha weight of Q̃
     * @param devQual mean true score of the routed models on dev (0–1)
     */
    public record Trial(int k, double beta, double alpha, double devQual) {
    }

    /**
     * One (k, β) tried on the out-of-sample set.
     *
     * @param k neighbours
     * @param beta local shrinkage toward the task prior
     * @param qual mean true score of the routed models over the set (0–1)
     * @param prompts prompts of the set with a known score for the routed model
     */
    public record KTrial(int k, double beta, double qual, int prompts, String prior) {
        /** The local estimate shrunk toward the task prior. */
        public static final String TASKS = "tasks";
        /** The local estimate shrunk toward the data labels' prior ({@link LabelPrior}). */
        public static final String LABELS = "labels";

        /** A trial of the task prior. */
        public KTrial(int k, double beta, double qual, int prompts) {
            this(k, beta, qual, prompts, TASKS);
        }
    }

    /**
     * The labels the training data carries for the remembered prompts (their {@code task} field, e.g. the benchmark),
     * from which the tuner builds and tries a {@link LabelPrior}.
     *
     * @param names the label names, label {@code l} at index {@code l}
     * @param labelOf per remembered prompt, its label's index, −1 when it has none
     * @param seed seed of the label classifier's fits
     */
    public record Labels(List<String> names, int[] labelOf, long seed) {
        public Labels {
            names = List.copyOf(names);
            labelOf = labelOf.clone();
            for (int l : labelOf) {
                if (l < -1 || l >= names.size()) {
                    throw new IllegalArgumentException("label index " + l + " outside the " + names.size() + " labels");
                }
            }
        }

        /**
         * Labels are worth a prior when there are 2 to {@link LabelPrior#MAX_LABELS} of them and at least half of the
         * remembered prompts carry one.
         */
        public boolean usable() {
            long labelled = Arrays.stream(labelOf).filter(l -> l >= 0).count();
            return names.size() >= 2 && names.size() <= LabelPrior.MAX_LABELS && 2 * labelled >= labelOf.length;
        }
    }

    /**
     * The tuned rule.
     *
     * @param rule the rule with the chosen k and β, guards and fallback
     * @param alpha the chosen α (the router's default policy)
     * @param kTrials every (k, β) tried on dev plus the left-out training prompts
     * @param trials every α tried on dev at the chosen (k, β), in search order
     * @param devPrompts dev prompts with known scores used
     * @param devQual dev Qual of the chosen setting before guards (NaN without dev)
     * @param devQualCrossValidated dev Qual of the out-of-fold routings ({@value #CV_FOLDS}-fold cross-validation of the
     *                              α search inside dev), before guards (NaN without dev)
     * @param devQualGeneral dev Qual of routing on the general estimate (NaN without dev)
     * @param note one line on what was chosen and why
     */
    public record Result(RobustRule rule, double alpha, List<KTrial> kTrials, List<Trial> trials, int devPrompts, double devQual,
                         double devQualCrossValidated, double devQualGeneral, String note) {
        public Result {
            Objects.requireNonNull(rule, "rule");
            kTrials = List.copyOf(kTrials);
            trials = List.copyOf(trials);
        }
    }

    private RobustRuleTuner() {
    }

    /**
     * Tunes.
     *
     * @param router the trained router (its own rule, if any, is ignored)
     * @param memory the training prompts to remember
     * @param trainProbabilities cross-fitted task probabilities of the memory's prompts (each from a classifier that did
     *                           not see it), row-major
     * @param devEmbeddings row-major dev prompt embeddings
     * @param devScores row-major dev scores (NaN = missing), {@code router.pool().size()} per prompt
     * @param devCosts cost per model of each dev prompt
     */
    public static Result tune(TrainedRouter router, RouterMemory memory, float[] trainProbabilities, float[] devEmbeddings,
                              float[] devScores, double[][] devCosts) throws EngineException {
        return tune(router, memory, TaskStatistics.of(memory, trainProbabilities, router.tasks().size()), devEmbeddings, devScores, devCosts);
    }

    /**
     * Tunes, with the task statistics of the memory's prompts given as their sums ({@link TaskStatistics}, built from
     * cross-fitted probabilities without keeping the prompts × tasks matrix).
     */
    public static Result tune(TrainedRouter router, RouterMemory memory, TaskStatistics statistics, float[] devEmbeddings,
                              float[] devScores, double[][] devCosts) throws EngineException {
        return tune(router, memory, statistics, null, devEmbeddings, devScores, devCosts);
    }

    /**
     * As above, also trying the data labels' prior ({@link LabelPrior}) when {@code labels} is usable: every (k, β)
     * is judged with it on the same prompts, and it replaces the task prior when its best Qual there is higher.
     *
     * @param labels the remembered prompts' labels, or {@code null}
     */
    public static Result tune(TrainedRouter router, RouterMemory memory, TaskStatistics statistics, Labels labels, float[] devEmbeddings,
                              float[] devScores, double[][] devCosts) throws EngineException {
        int m = router.pool().size();
        int tasks = router.tasks().size();
        if (statistics.tasks() != tasks) {
            throw new IllegalArgumentException("statistics of " + statistics.tasks() + " tasks for a router of " + tasks);
        }
        int nDev = devCosts.length;
        float[] g = RobustRule.generalMeans(memory);
        float[][] taskMean = statistics.means(g, KAPPA);
        List<String> noGuard = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            noGuard.add(null);
        }
        if (nDev == 0) {
            RobustRule rule = new RobustRule(memory, 50, 5, KAPPA, g, taskMean, noGuard, null, Double.NaN);
            return new Result(rule, 0, List.of(), List.of(), 0, Double.NaN, Double.NaN, Double.NaN,
                    "no dev prompts: nothing could be validated; k = 50, β = 5, α = 0 and no guard");
        }
        double costScale = costScale(devCosts, m);
        int kMax = Math.min(K_GRID[K_GRID.length - 1], memory.size());
        RobustRule base = new RobustRule(memory, kMax, BETA_GRID[0], KAPPA, g, taskMean, noGuard, null, costScale);
        TrainedRouter probe = router.withRule(base);
        TrainedRouter.Predictions p = probe.predict(devEmbeddings, nDev, kMax);

        Neighbours neighbours = new Neighbours(p.neighbours(), p.neighboursPerPrompt(), looNeighbours(memory));
        Search taskSearch = taskSearch(base, statistics, p.tasks().probabilities(), nDev);
        List<KTrial> kTrials = new ArrayList<>(searchGrid(memory, base, taskSearch, neighbours, devScores, nDev, KTrial.TASKS));
        KTrial bestK = best(kTrials);
        LabelPrior labelPrior = null;
        PairedDifference labelsOverTasks = null;
        if (labels != null && labels.usable() && memory.size() >= 2) {
            LabelCandidate candidate = labelCandidate(memory, base, labels, devEmbeddings, neighbours, devScores, nDev);
            kTrials.addAll(candidate.trials());
            KTrial bestLabels = best(candidate.trials());
            labelsOverTasks = PairedDifference.of(outcomes(memory, base, candidate.search(), neighbours, devScores, nDev, bestLabels.k(), bestLabels.beta()),
                    outcomes(memory, base, taskSearch, neighbours, devScores, nDev, bestK.k(), bestK.beta()));
            if (bestLabels.qual() > bestK.qual() + 1e-12) {
                bestK = bestLabels;
                labelPrior = candidate.prior();
                base = base.withLabelPrior(labelPrior);
                probe = router.withRule(base);
                p = new TrainedRouter.Predictions(p.tasks(), p.quality(), p.models(), p.neighbours(), p.neighboursPerPrompt(),
                        candidate.devProbabilities());
            }
        }
        int k = bestK.k();
        double beta = bestK.beta();
        float[] predicted = new float[m];
        List<Trial> trials = new ArrayList<>();
        List<int[]> choicesOfTrial = new ArrayList<>();
        for (double alpha : ALPHA_GRID) {
            RoutingPolicy policy = new RoutingPolicy(alpha, 0, null);
            int[] choices = new int[nDev];
            for (int i = 0; i < nDev; i++) {
                System.arraycopy(p.quality(), i * m, predicted, 0, m);
                choices[i] = probe.decideRobust(p, i, p.tasks().tasks()[i], predicted, devCosts[i], policy, k, beta).chosenModel();
            }
            trials.add(new Trial(k, beta, alpha, qual(devScores, m, choices)));
            choicesOfTrial.add(choices);
        }
        Trial best = trials.get(oneStandardErrorChoice(choicesOfTrial, devScores, m, nDev, -1, 1));
        int general = base.generalBest();
        int[] generalChoices = new int[nDev];
        Arrays.fill(generalChoices, general);
        double generalQual = qual(devScores, m, generalChoices);
        int[] bestChoices = choicesOfTrial.get(trials.indexOf(best));
        int devPrompts = known(devScores, m, bestChoices);
        int[] honestChoices = crossValidatedChoices(choicesOfTrial, devScores, m);
        double honestQual = qual(devScores, m, honestChoices);

        int[] everyPrompt = new int[nDev];
        PairedDifference tuned = versusGeneral(devScores, m, bestChoices, general, everyPrompt, 0);
        PairedDifference overall = versusGeneral(devScores, m, honestChoices, general, everyPrompt, 0);
        String globalFallback = null;
        if (tuned.lost()) {
            globalFallback = String.format(Locale.ROOT,
                    "on dev the tuned rule (Qual %.1f) lost to the general estimate (%s, Qual %.1f) by %.1f Qual (± %.1f) over %d prompts",
                    100 * best.devQual(), router.pool().get(general).name(), 100 * generalQual, -100 * tuned.mean(), 100 * tuned.se(), tuned.n());
        } else if (overall.lost()) {
            globalFallback = String.format(Locale.ROOT,
                    "on dev the tuned rule, cross-validated, lost %.1f Qual (± %.1f) to the general estimate (%s) over %d prompts",
                    -100 * overall.mean(), 100 * overall.se(), router.pool().get(general).name(), overall.n());
        }
        List<String> guards = new ArrayList<>(noGuard);
        if (globalFallback == null) {
            int[] taskOf = p.tasks().tasks();
            for (int t = 0; t < tasks; t++) {
                PairedDifference loss = versusGeneral(devScores, m, bestChoices, general, taskOf, t);
                if (loss.n() >= MIN_GUARD_PROMPTS && loss.lost()) {
                    guards.set(t, String.format(Locale.ROOT, "on dev this task's routing lost %.1f Qual (± %.1f) to the general estimate (%s) over %d prompts",
                            -100 * loss.mean(), 100 * loss.se(), router.pool().get(general).name(), loss.n()));
                }
            }
        }
        RobustRule rule = new RobustRule(memory, best.k(), best.beta(), KAPPA, g, taskMean, guards, globalFallback, costScale, labelPrior);
        double balanced = balancedCostScale(router, rule, p, devCosts, best.alpha());
        String knobNote = "";
        if (!Double.isNaN(balanced)) {
            knobNote = String.format(Locale.ROOT, "; cost scale C = %.3g (the dearest model's mean dev cost × %.3g: λ = 0.5 spends half-way on dev)",
                    balanced, balanced / costScale);
            rule = rule.withCostScale(balanced);
        }
        String note = String.format(Locale.ROOT,
                "robust rule: k = %d and β = %.0f chosen on %d prompts (dev + training prompts left out, %s), α = %.2f on %d dev prompts (dev Qual %.1f, %.1f cross-validated, vs %.1f for %s alone)%s%s%s",
                best.k(), best.beta(), bestK.prompts(), priorNote(kTrials, bestK, labelsOverTasks), best.alpha(), devPrompts, 100 * best.devQual(), 100 * honestQual, 100 * generalQual,
                router.pool().get(general).name(),
                rule.guardedTasks() == 0 ? "" : "; " + rule.guardedTasks() + " task(s) guarded",
                globalFallback == null ? "" : "; FALLBACK: " + globalFallback, knobNote);
        return new Result(rule, best.alpha(), kTrials, trials, devPrompts, best.devQual(), honestQual, generalQual, note);
    }

    /**
     * The paired difference d_i = s(router's choice) − s(general best) over the dev prompts i with
     * {@code groupOf[i] == group} (prompts where either score is missing are skipped).
     */
    static PairedDifference versusGeneral(float[] devScores, int m, int[] choices, int general, int[] groupOf, int group) {
        return over(devScores, m, choices, i -> general, i -> groupOf[i] == group);
    }

    /** d_i = s(choices[i]) − s(reference[i]) over the dev prompts i that {@code in} accepts. */
    static PairedDifference between(float[] devScores, int m, int[] choices, int[] reference, IntPredicate in) {
        return over(devScores, m, choices, i -> reference[i], in);
    }

    /**
     * d_i = s(choices[i]) − s(reference(i)) over the dev prompts i that {@code in} accepts, in index order (the
     * guards call this once per task, so nothing of the prompts' size is allocated per call).
     */
    private static PairedDifference over(float[] devScores, int m, int[] choices, IntUnaryOperator reference, IntPredicate in) {
        return PairedDifference.of(choices.length, i -> devScores[i * m + choices[i]], i -> devScores[i * m + reference.applyAsInt(i)], in);
    }

    /**
     * Out-of-fold routings of the α search: dev prompt i is in fold i mod {@link #CV_FOLDS}; the prompts of each
     * fold take the choices of the trial that {@link #oneStandardErrorChoice} picks on the prompts of the other
     * folds. With fewer dev prompts than folds every prompt is its own fold.
     *
     * @param choicesOfTrial each trial's chosen model per dev prompt, in search order
     * @return the chosen model per dev prompt
     */
    static int[] crossValidatedChoices(List<int[]> choicesOfTrial, float[] devScores, int m) {
        int nDev = choicesOfTrial.get(0).length;
        int folds = Math.max(1, Math.min(CV_FOLDS, nDev));
        int[] out = new int[nDev];
        for (int f = 0; f < folds; f++) {
            int[] choices = choicesOfTrial.get(oneStandardErrorChoice(choicesOfTrial, devScores, m, nDev, f, folds));
            for (int i = f; i < nDev; i += folds) {
                out[i] = choices[i];
            }
        }
        return out;
    }

    /**
     * The α search's choice among its trials (in {@link #ALPHA_GRID} order) on the dev prompts i with
     * {@code i % folds != leftOut} (every prompt when {@code leftOut} is −1), by the one-standard-error rule: the
     * trial with the highest Qual there (ties: the earlier, smaller α), then the first trial that did not lose to it
     * by more than one standard error of the paired difference ({@link PairedDifference#lost}). α = 0, the local estimate
     * that the larger left-out set validated, is kept unless Stage 2's weight shows a gain beyond the noise of a dev
     * split that may hold only a few dozen prompts.
     */
    static int oneStandardErrorChoice(List<int[]> choicesOfTrial, float[] devScores, int m, int nDev, int leftOut, int folds) {
        IntPredicate rows = i -> leftOut < 0 || i % folds != leftOut;
        int best = 0;
        double bestQual = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < choicesOfTrial.size(); t++) {
            double q = qual(devScores, m, choicesOfTrial.get(t), rows);
            if (q > bestQual + 1e-12) {
                bestQual = q;
                best = t;
            }
        }
        for (int t = 0; t < best; t++) {
            if (!between(devScores, m, choicesOfTrial.get(t), choicesOfTrial.get(best), rows).lost()) {
                return t;
            }
        }
        return best;
    }

    /**
     * The (k, β) search of {@link #tune} on its own, for comparing task structures before anything else is trained:
     * the task statistics from {@code trainProbabilities} (cross-fitted), the dev prompts' prior from
     * {@code devProbabilities}, every (k, β) judged on the dev prompts plus the left-out training prompts exactly as
     * {@link #tune} judges them. {@link #best} of the result is the setting {@link #tune} would choose.
     *
     * @param memory the training prompts to remember
     * @param trainProbabilities cross-fitted task probabilities of the memory's prompts, row-major, {@code tasks} per prompt
     * @param tasks number of tasks
     * @param devEmbeddings row-major dev prompt embeddings
     * @param devProbabilities the classifier's task probabilities of the dev prompts, row-major
     * @param devScores row-major dev scores (NaN = missing)
     * @return every (k, β) tried, in search order
     */
    public static List<KTrial> searchKBeta(RouterMemory memory, float[] trainProbabilities, int tasks, Neighbours neighbours,
                                           float[] devProbabilities, float[] devScores) {
        int m = memory.models();
        int nDev = devScores.length / m;
        if (trainProbabilities.length != (long) memory.size() * tasks || devProbabilities.length != (long) nDev * tasks) {
            throw new IllegalArgumentException("probabilities and scores do not fit " + memory.size() + " remembered and "
                    + nDev + " dev prompts of " + tasks + " tasks");
        }
        TaskStatistics statistics = TaskStatistics.of(memory, trainProbabilities, tasks);
        float[] g = RobustRule.generalMeans(memory);
        float[][] taskMean = statistics.means(g, KAPPA);
        List<String> noGuard = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            noGuard.add(null);
        }
        int kMax = Math.min(K_GRID[K_GRID.length - 1], memory.size());
        RobustRule base = new RobustRule(memory, kMax, BETA_GRID[0], KAPPA, g, taskMean, noGuard, null, Double.NaN);
        return chooseKBeta(memory, base, statistics, devProbabilities, neighbours, devScores, nDev);
    }

    /**
     * The remembered neighbours the (k, β) search judges with, which depend on the memory and the prompts but not on
     * the task structure: compute them once to compare several ({@link #searchNeighbours}).
     *
     * @param dev the dev prompts' nearest remembered prompts, row-major, {@code devWidth} per prompt
     * @param devWidth neighbours kept per dev prompt
     * @param loo the leave-one-out neighbours of the remembered prompts {@link #looRows} names, row-major
     */
    public record Neighbours(int[] dev, int devWidth, int[] loo) {
    }

    /** The neighbours of {@link #searchKBeta}'s prompts: the dev prompts' and the left-out training prompts'. */
    public static Neighbours searchNeighbours(RouterMemory memory, float[] devEmbeddings, int nDev) {
        if (devEmbeddings.length != (long) nDev * memory.dimension()) {
            throw new IllegalArgumentException(nDev + " dev prompts of dimension " + memory.dimension() + " need "
                    + (long) nDev * memory.dimension() + " floats, got " + devEmbeddings.length);
        }
        int kMax = Math.min(K_GRID[K_GRID.length - 1], memory.size());
        int[] dev = nDev == 0 ? new int[0] : memory.nearest(devEmbeddings, nDev, kMax);
        return new Neighbours(dev, kMax, looNeighbours(memory));
    }

    /**
     * The leave-one-out neighbours of the remembered prompts {@link #looRows} names (up to the largest k tried), each
     * prompt's copies (the same text remembered twice) left out with it ({@link RouterMemory#nearestExcludingCopies}):
     * until stop 39 a duplicated prompt saw its copy's outcomes among its neighbours, which flattered small k and β
     * (on llmrouter-9model data with a fifth of its prompts duplicated the search chose k = 10, β = 5 and the router
     * fell 4.7 ± 3.5 Qual below the best single model on test).
     */
    private static int[] looNeighbours(RouterMemory memory) {
        int[] rows = looRows(memory.size());
        return rows.length == 0 ? new int[0] : memory.nearestExcludingCopies(rows, Math.min(K_GRID[K_GRID.length - 1], memory.size() - 1));
    }

    /** The (k, β) the search chooses: the highest Qual; ties to the larger β, then the larger k. */
    public static KTrial best(List<KTrial> kTrials) {
        KTrial bestK = kTrials.get(0);
        for (KTrial t : kTrials) {
            if (t.qual() > bestK.qual() + 1e-12 || (Math.abs(t.qual() - bestK.qual()) <= 1e-12
                    && (t.beta() > bestK.beta() || t.beta() == bestK.beta() && t.k() > bestK.k()))) {
                bestK = t;
            }
        }
        return bestK;
    }

    /**
     * Qual of every (k, β) of {@link #K_GRID} (k at most the memory size − 1) × {@link #BETA_GRID} over the dev prompts
     * (their neighbours from {@code p}, their prior from the classifier's probabilities in {@code p}) and up to
     * {@link #LOO_PROMPTS} evenly spaced remembered prompts with their leave-one-out neighbours and leave-one-out prior
     * ({@link #leaveOneOutPrior}), each routed at λ = 0 on the local estimate L alone.
     */
    static List<KTrial> chooseKBeta(RouterMemory memory, RobustRule base, TaskStatistics statistics, float[] devProbabilities,
                                    Neighbours neighbours, float[] devScores, int nDev) {
        return searchGrid(memory, base, taskSearch(base, statistics, devProbabilities, nDev), neighbours, devScores, nDev, KTrial.TASKS);
    }

    /** The task prior of the search's prompts: the dev prompts' from the classifier, the left-out prompts' without themselves. */
    private static Search taskSearch(RobustRule base, TaskStatistics statistics, float[] devProbabilities, int nDev) {
        int tasks = base.taskMean().length;
        double[][] devPrior = new double[nDev][];
        for (int i = 0; i < nDev; i++) {
            devPrior[i] = base.prior(devProbabilities, i * tasks);
        }
        double[][] looPrior = leaveOneOutPrior(base.memory(), base, statistics.sums(), statistics.looProbabilities(), statistics.looRows());
        return new Search(devPrior, looPrior, statistics.looRows());
    }

    /**
     * The prompts of the (k, β) search with one prior: the dev prompts' and the left-out remembered prompts'
     * ({@code rows}), each without the prompt's own terms.
     */
    record Search(double[][] devPrior, double[][] looPrior, int[] rows) {
    }

    /**
     * Qual of every (k, β) of {@link #K_GRID} (k at most the memory size − 1) × {@link #BETA_GRID} over the dev prompts
     * and the left-out remembered prompts of {@code search}, each routed at λ = 0 on the local estimate shrunk toward
     * its prior there ({@link #outcomes}).
     *
     * @param search the prompts with their priors
     * @param prior which prior these are ({@link KTrial#prior})
     */
    private static List<KTrial> searchGrid(RouterMemory memory, RobustRule base, Search search, Neighbours neighbours, float[] devScores,
                                           int nDev, String prior) {
        int kMax = Math.min(K_GRID[K_GRID.length - 1], memory.size() - 1);
        List<KTrial> out = new ArrayList<>();
        for (int k : K_GRID) {
            if (k > kMax && k != K_GRID[0]) {
                continue;
            }
            for (double beta : BETA_GRID) {
                double sum = 0;
                int known = 0;
                for (float s : outcomes(memory, base, search, neighbours, devScores, nDev, k, beta)) {
                    if (!Float.isNaN(s)) {
                        sum += s;
                        known++;
                    }
                }
                out.add(new KTrial(k, beta, known == 0 ? Double.NaN : sum / known, known, prior));
            }
        }
        return out;
    }

    /**
     * The true score of the model chosen at (k, β) for each of the search's prompts, the dev prompts first, then the
     * left-out remembered prompts (NaN where that score is unknown); each prompt routed at λ = 0 on the local estimate
     * shrunk toward its prior in {@code search}.
     */
    static float[] outcomes(RouterMemory memory, RobustRule base, Search search, Neighbours neighbours, float[] devScores, int nDev,
                            int k, double beta) {
        int m = memory.models();
        float[] g = base.generalMean();
        int[] rows = search.rows();
        int loo = rows.length;
        int[] looNeighbours = neighbours.loo();
        int looWidth = loo == 0 ? 0 : looNeighbours.length / loo;
        int[] devNeighbours = neighbours.dev();
        int perPrompt = neighbours.devWidth();
        float[] out = new float[nDev + loo];
        for (int i = 0; i < nDev; i++) {
            out[i] = devScores[i * m + argmaxLocal(base, g, search.devPrior()[i], beta, devNeighbours, i * perPrompt, perPrompt, k)];
        }
        for (int i = 0; i < loo; i++) {
            out[nDev + i] = memory.score(rows[i], argmaxLocal(base, g, search.looPrior()[i], beta, looNeighbours, i * looWidth, looWidth, k));
        }
        return out;
    }

    /**
     * The label prior tried by {@link #tune}.
     *
     * @param prior the prior fitted on every labelled remembered prompt
     * @param devProbabilities its P(label | x) of the dev prompts, row-major
     * @param search the search's prompts with this prior
     * @param trials every (k, β) judged with it
     */
    record LabelCandidate(LabelPrior prior, float[] devProbabilities, Search search, List<KTrial> trials) {
    }

    /**
     * Builds the label prior and judges it on the (k, β) search's prompts exactly as the task prior is judged: the dev
     * prompts with the classifier fitted on every labelled remembered prompt, each left-out remembered prompt with a
     * classifier that did not see it ({@value #CV_FOLDS} folds: left-out prompt i in fold i mod {@value #CV_FOLDS},
     * each fold's classifier fitted on the remembered prompts outside that fold's left-out prompts) and label means
     * without its own score. At most {@value #LABEL_FIT_PROMPTS} evenly spaced remembered prompts fit a classifier.
     */
    static LabelCandidate labelCandidate(RouterMemory memory, RobustRule base, Labels labels, float[] devEmbeddings, Neighbours neighbours,
                                         float[] devScores, int nDev) {
        int n = memory.size();
        int dim = memory.dimension();
        int count = labels.names().size();
        int[] labelOf = labels.labelOf();
        float[] g = base.generalMean();
        double[][][] sums = LabelPrior.labelSums(memory, labelOf, count);
        int[] fitRows = evenlySpaced(n, LABEL_FIT_PROMPTS);
        float[] fitEmbeddings = memory.embeddings(fitRows);
        int[] fitLabels = Arrays.stream(fitRows).map(r -> labelOf[r]).toArray();
        int[] everyFitRow = IntStream.range(0, fitRows.length).toArray();
        LabelPrior prior = new LabelPrior(labels.names(), dim,
                LabelPrior.fitWeights(fitEmbeddings, dim, everyFitRow, fitLabels, count, labels.seed()), RobustRule.shrunkMeans(sums, g, KAPPA));
        float[] devProbabilities = prior.probabilities(devEmbeddings, nDev);
        double[][] devPrior = new double[nDev][];
        for (int i = 0; i < nDev; i++) {
            devPrior[i] = prior.prior(devProbabilities, i * count);
        }
        int[] rows = looRows(n);
        double[][] looPrior = new double[rows.length][];
        int folds = Math.max(1, Math.min(CV_FOLDS, rows.length));
        boolean[] held = new boolean[n];
        for (int f = 0; f < folds; f++) {
            Arrays.fill(held, false);
            for (int i = f; i < rows.length; i += folds) {
                held[rows[i]] = true;
            }
            int[] fit = Arrays.stream(everyFitRow).filter(a -> !held[fitRows[a]]).toArray();
            LabelPrior fold = new LabelPrior(labels.names(), dim, LabelPrior.fitWeights(fitEmbeddings, dim, fit, fitLabels, count,
                    labels.seed() + 1 + f), prior.labelMean());
            int inFold = (rows.length - f + folds - 1) / folds;
            int[] foldRows = new int[inFold];
            for (int a = 0; a < inFold; a++) {
                foldRows[a] = rows[f + a * folds];
            }
            float[] own = fold.probabilities(memory.embeddings(foldRows), inFold);
            for (int a = 0; a < inFold; a++) {
                int r = foldRows[a];
                looPrior[f + a * folds] = LabelPrior.prior(own, a * count, leaveOwnOut(memory, sums, labelOf[r], r, g));
            }
        }
        Search search = new Search(devPrior, looPrior, rows);
        return new LabelCandidate(prior, devProbabilities, search, searchGrid(memory, base, search, neighbours, devScores, nDev, KTrial.LABELS));
    }

    /** Label means with remembered prompt {@code r}'s own scores taken out of its label's sums ({@code label} −1: none). */
    private static float[][] leaveOwnOut(RouterMemory memory, double[][][] sums, int label, int r, float[] g) {
        if (label < 0) {
            return RobustRule.shrunkMeans(sums, g, KAPPA);
        }
        int m = memory.models();
        double[][] sum = sums[0].clone();
        double[][] count = sums[1].clone();
        sum[label] = sum[label].clone();
        count[label] = count[label].clone();
        for (int j = 0; j < m; j++) {
            float s = memory.score(r, j);
            if (!Float.isNaN(s)) {
                sum[label][j] -= s;
                count[label][j] -= 1;
            }
        }
        return RobustRule.shrunkMeans(new double[][][] {sum, count}, g, KAPPA);
    }

    /** Up to {@code max} of {@code n} indices, evenly spaced, ascending (all of them when n ≤ max). */
    static int[] evenlySpaced(int n, int max) {
        int use = Math.min(n, max);
        int[] rows = new int[use];
        for (int i = 0; i < use; i++) {
            rows[i] = (int) ((long) i * n / use);
        }
        return rows;
    }

    /** The note's words for the prior chosen, and the other's best Qual when both were tried. */
    private static String priorNote(List<KTrial> kTrials, KTrial chosen, PairedDifference labelsOverTasks) {
        boolean labelsTried = kTrials.stream().anyMatch(t -> KTrial.LABELS.equals(t.prior()));
        if (!labelsTried) {
            return "cross-fitted task prior";
        }
        String other = KTrial.LABELS.equals(chosen.prior()) ? KTrial.TASKS : KTrial.LABELS;
        KTrial otherBest = best(kTrials.stream().filter(t -> other.equals(t.prior())).toList());
        return String.format(Locale.ROOT, "%s, Qual %.2f; %s Qual %.2f; labels − tasks %+.2f ± %.2f paired",
                KTrial.LABELS.equals(chosen.prior()) ? "the data labels' prior" : "cross-fitted task prior", 100 * chosen.qual(),
                KTrial.LABELS.equals(other) ? "the data labels' prior" : "the task prior", 100 * otherBest.qual(),
                100 * labelsOverTasks.mean(), 100 * labelsOverTasks.se());
    }

    /**
     * The task prior of each remembered prompt {@code rows[i]} without itself: its own (cross-fitted) probabilities,
     * and task statistics with its own terms p_r(t)·s_rM and p_r(t) taken out of their sums before shrinking toward g.
     */
    static double[][] leaveOneOutPrior(RouterMemory memory, RobustRule base, float[] trainProbabilities, int[] rows) {
        int tasks = base.taskMean().length;
        float[] own = new float[rows.length * tasks];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(trainProbabilities, rows[i] * tasks, own, i * tasks, tasks);
        }
        return leaveOneOutPrior(memory, base, RobustRule.taskSums(memory.scores(), trainProbabilities, tasks, memory.models()), own, rows);
    }

    /**
     * As above, from the statistics' sums {@code sw} ({@link TaskStatistics}) and the rows' own probabilities
     * {@code own} (row-major, {@code rows.length} × tasks).
     */
    static double[][] leaveOneOutPrior(RouterMemory memory, RobustRule base, double[][][] sw, float[] own, int[] rows) {
        int m = memory.models();
        int tasks = base.taskMean().length;
        float[] g = base.generalMean();
        double[][] out = new double[rows.length][];
        float[][] mu = new float[tasks][m];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            for (int t = 0; t < tasks; t++) {
                double pr = own[i * tasks + t];
                for (int j = 0; j < m; j++) {
                    float s = memory.score(r, j);
                    boolean ownTerm = pr > 0 && !Float.isNaN(s);
                    double sum = sw[0][t][j] - (ownTerm ? pr * s : 0);
                    double weight = sw[1][t][j] - (ownTerm ? pr : 0);
                    mu[t][j] = (float) RobustRule.shrunk(sum, Math.max(0, weight), g[j], base.kappa());
                }
            }
            out[i] = RobustRule.prior(own, i * tasks, mu, g);
        }
        return out;
    }

    /** The remembered prompts judged leave-one-out among {@code n}: up to {@value #LOO_PROMPTS}, evenly spaced, ascending. */
    static int[] looRows(int n) {
        return n < 2 ? new int[0] : evenlySpaced(n, LOO_PROMPTS);
    }

    /**
     * argmax over models of the rule's local estimate L ({@link RobustRule#local}, the estimate routing uses) from the
     * first {@code k} of {@code available} neighbours shrunk toward {@code prior} with {@code beta} (ties: higher g,
     * then lower index).
     */
    private static int argmaxLocal(RobustRule base, float[] g, double[] prior, double beta, int[] neighbours, int offset, int available,
                                   int k) {
        double[] local = base.local(neighbours, offset, available, k, beta, prior);
        int best = -1;
        for (int j = 0; j < local.length; j++) {
            if (Double.isNaN(local[j])) {
                continue; // a model the rule does not estimate (RobustRule.MIN_SCORED_PROMPTS)
            }
            if (best < 0 || local[j] > local[best] + 1e-12 || (Math.abs(local[j] - local[best]) <= 1e-12 && g[j] > g[best])) {
                best = j;
            }
        }
        return best < 0 ? base.generalBest() : best;
    }

    /** Bisection steps of {@link #balancedCostScale} on log C. */
    static final int BALANCE_STEPS = 48;
    /** Most dev prompts (evenly spaced) that {@link #balancedCostScale} routes per step. */
    static final int BALANCE_PROMPTS = 2000;

    /**
     * The cost scale C at which the knob's middle, λ = 0.5, routes the dev prompts at a mean cost half-way between
     * the λ = 0 routing's (the argmax of the estimate) and the λ = 1 routing's (the cheapest model), so that the
     * knob's travel spreads over the cost range instead of bunching at one end. With C = the dearest model's mean cost
     * (until stop 38) the robust rule's knob swept routellm-2model's whole cost range below λ ≈ 0.25 and routed
     * everything to the cheaper model above it: the estimates of two models differ by a tenth of a score unit where
     * their costs differ by the whole scale. Only the λ ↔ trade-off mapping changes: the set of routings the knob
     * reaches, and every routing at λ = 0, stay the same. Bisection on log C within 10⁻⁶…10⁶ × {@code rule}'s C
     * (the dev cost at λ = 0.5 does not fall as C grows: a larger C makes cost weigh less); the geometric middle of
     * the last bracket. At most {@value #BALANCE_PROMPTS} dev prompts, evenly spaced, are routed per step.
     *
     * @return the balanced C, or NaN when the rule has no finite C or λ = 0 and λ = 1 cost the same on dev
     */
    static double balancedCostScale(TrainedRouter router, RobustRule rule, TrainedRouter.Predictions p, double[][] devCosts, double alpha) {
        double scale = rule.costScale();
        int n = devCosts.length;
        if (!(scale > 0) || !Double.isFinite(scale) || n == 0) {
            return Double.NaN;
        }
        double atZero = meanDevCost(router, rule, p, devCosts, alpha, 0);
        double atOne = meanDevCost(router, rule, p, devCosts, alpha, 1);
        double target = (atZero + atOne) / 2;
        if (!(atZero - atOne > 1e-9 * Math.max(Math.abs(atZero), 1e-300))) {
            return Double.NaN;
        }
        double lo = Math.log(scale) - 6 * Math.log(10);
        double hi = Math.log(scale) + 6 * Math.log(10);
        for (int step = 0; step < BALANCE_STEPS; step++) {
            double mid = (lo + hi) / 2;
            if (meanDevCost(router, rule.withCostScale(Math.exp(mid)), p, devCosts, alpha, 0.5) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    /** Mean cost per dev prompt of the rule's routing at tolerance λ. */
    static double meanDevCost(TrainedRouter router, RobustRule rule, TrainedRouter.Predictions p, double[][] devCosts, double alpha, double lambda) {
        TrainedRouter r = router.withRule(rule);
        RoutingPolicy policy = new RoutingPolicy(alpha, lambda, null);
        int m = router.pool().size();
        float[] predicted = new float[m];
        int n = devCosts.length;
        int used = Math.min(n, BALANCE_PROMPTS);
        double sum = 0;
        for (int u = 0; u < used; u++) {
            int i = (int) ((long) u * n / used);
            System.arraycopy(p.quality(), i * m, predicted, 0, m);
            sum += devCosts[i][r.decideRobust(p, i, p.tasks().tasks()[i], predicted, devCosts[i], policy, rule.k(), rule.beta()).chosenModel()];
        }
        return sum / used;
    }

    /** C: the highest mean cost per prompt of any model over the given prompts; NaN when it is not positive. */
    static double costScale(double[][] costs, int m) {
        double best = 0;
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (double[] row : costs) {
                sum += row[j];
            }
            best = Math.max(best, costs.length == 0 ? 0 : sum / costs.length);
        }
        return best > 0 && Double.isFinite(best) ? best : Double.NaN;
    }

    /** {@link #qual(float[], int, int[])} over the prompts i that {@code in} accepts only; −∞ if none has a known score. */
    static double qual(float[] scores, int m, int[] choices, IntPredicate in) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < choices.length; i++) {
            if (!in.test(i)) {
                continue;
            }
            float s = scores[i * m + choices[i]];
            if (!Float.isNaN(s)) {
                sum += s;
                n++;
            }
        }
        return n == 0 ? Double.NEGATIVE_INFINITY : sum / n;
    }

    /** Mean known score of the chosen models (prompts whose chosen model has no score are skipped); NaN if none. */
    static double qual(float[] scores, int m, int[] choices) {
        double q = qual(scores, m, choices, i -> true);
        return q == Double.NEGATIVE_INFINITY ? Double.NaN : q;
    }

    private static int known(float[] scores, int m, int[] choices) {
        int n = 0;
        for (int i = 0; i < choices.length; i++) {
            if (!Float.isNaN(scores[i * m + choices[i]])) {
                n++;
            }
        }
        return n;
    }
}
