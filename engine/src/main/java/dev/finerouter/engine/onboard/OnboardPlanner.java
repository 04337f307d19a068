package dev.finerouter.engine.onboard;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.RouterTask;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.decisionlog.BundleIdentity;
import dev.finerouter.engine.train.TaskPrediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Picks the prompts a new model answers to be onboarded: for each task, representative remembered training prompts.
 *
 * <p>A remembered prompt belongs to the task its text is assigned to by the router's own classifier (the same
 * text-based assignment the task statistics μ use; prompts assigned to no task are not planned). Within a task with
 * normalised embeddings e_i:
 * <ol>
 *   <li>the <b>medoid</b>: argmax_i e_i · Σ_j e_j (the highest mean cosine to the task's prompts, ties to the lower row);</li>
 *   <li>then <b>spread</b> picks by D² sampling (k-means++ seeding): each next prompt is drawn with probability
 *       ∝ D(i)², D(i) = min over the picked p of (1 − e_i · e_p), so the picks cover the task without chasing its
 *       single farthest outlier as farthest-point picking would. The draw of task t uses {@code new Random(seed ⊕ φ·(t + 1))}
 *       (φ = 0x9E3779B97F4A7C15), so a task's picks depend only on the seed and the task.</li>
 * </ol>
 * Each task gets min(per-task, size) prompts. A budget B below their total is allotted by size: one prompt to each task
 * first (to the B largest tasks when B is smaller than the number of tasks), the rest in proportion to the tasks' sizes
 * by largest remainder, never more than a task's own cap.
 */
public final class OnboardPlanner {
    private static final long PHI = 0x9E3779B97F4A7C15L;

    private OnboardPlanner() {
    }

    /**
     * The plan for a bundle.
     *
     * @param bundle the trained bundle (with the robust rule's memory)
     * @param prompts the bundle's remembered prompts, with texts
     * @param settings per-task count, budget and seed
     * @throws EngineException when the bundle has no memory or the texts are unknown
     */
    public static OnboardPlan plan(RouterBundle bundle, MemoryPrompts prompts, OnboardPlan.Settings settings) throws EngineException {
        if (!prompts.hasTexts()) {
            throw new EngineException("the bundle stores no prompt texts, only embeddings and ids", "pass --data, the dataset it was trained on",
                    null);
        }
        TrainedRouter router = bundle.router();
        RouterMemory memory = MemoryPrompts.memory(bundle);
        int[] taskOf = memoryTasks(router).tasks();
        int tasks = router.tasks().size();
        int[][] members = members(taskOf, tasks);
        int[] sizes = Arrays.stream(members).mapToInt(m -> m.length).toArray();
        int[] allotted = allot(sizes, settings.perTask(), settings.budget());
        float[] embeddings = memory.embeddings();
        List<OnboardPlan.TaskAllotment> allotments = new ArrayList<>();
        List<OnboardPlan.PlannedPrompt> picked = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            RouterTask task = router.tasks().get(t);
            allotments.add(new OnboardPlan.TaskAllotment(t, task.summary(), sizes[t], allotted[t]));
            int[] rows = pick(embeddings, memory.dimension(), members[t], allotted[t], new Random(settings.seed() ^ PHI * (t + 1)));
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                picked.add(new OnboardPlan.PlannedPrompt(r, prompts.ids().get(r), prompts.texts().get(r), prompts.labels().get(r), t, i == 0));
            }
        }
        return new OnboardPlan(BundleIdentity.id(bundle.manifest()), settings, allotments, picked);
    }

    /** The router's classifier on its own remembered prompts: the text-based task of each (−1 = none) and the probabilities. */
    static TaskPrediction memoryTasks(TrainedRouter router) throws EngineException {
        RouterMemory memory = router.rule().memory();
        return router.classifier().predict(memory.embeddings(), memory.size());
    }

    /** The rows of each task, ascending. */
    static int[][] members(int[] taskOf, int tasks) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            lists.add(new ArrayList<>());
        }
        for (int i = 0; i < taskOf.length; i++) {
            if (taskOf[i] >= 0) {
                lists.get(taskOf[i]).add(i);
            }
        }
        return lists.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    /**
     * How many prompts each task gets (see the class comment).
     *
     * @param sizes prompts per task
     * @param perTask cap per task
     * @param budget cap in all, or {@code null}
     */
    static int[] allot(int[] sizes, int perTask, Integer budget) {
        int[] cap = Arrays.stream(sizes).map(s -> Math.min(perTask, s)).toArray();
        if (budget == null || budget >= Arrays.stream(cap).sum()) {
            return cap;
        }
        int[] out = new int[sizes.length];
        Integer[] bySize = new Integer[sizes.length];
        for (int t = 0; t < sizes.length; t++) {
            bySize[t] = t;
        }
        Arrays.sort(bySize, Comparator.comparingInt((Integer t) -> -sizes[t]).thenComparingInt(t -> t));
        int remaining = budget;
        for (int t : bySize) {
            if (remaining > 0 && cap[t] > 0) {
                out[t] = 1;
                remaining--;
            }
        }
        while (remaining > 0) {
            long total = 0;
            for (int t = 0; t < sizes.length; t++) {
                total += out[t] < cap[t] ? sizes[t] : 0;
            }
            double[] fraction = new double[sizes.length];
            int given = 0;
            for (int t = 0; t < sizes.length; t++) {
                if (out[t] < cap[t]) {
                    double share = (double) remaining * sizes[t] / total;
                    int whole = Math.min((int) share, cap[t] - out[t]);
                    out[t] += whole;
                    given += whole;
                    fraction[t] = share - Math.floor(share);
                }
            }
            remaining -= given;
            Integer[] order = bySize.clone();
            Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -fraction[t]).thenComparingInt(t -> -sizes[t]).thenComparingInt(t -> t));
            for (int t : order) {
                if (remaining > 0 && out[t] < cap[t] && fraction[t] > 0) {
                    out[t]++;
                    remaining--;
                }
            }
            if (given == 0 && Arrays.stream(fraction).allMatch(f -> f == 0)) {
                break; // nothing left to give (cannot happen while budget < Σ cap; a guard against looping)
            }
        }
        return out;
    }

    /**
     * The medoid of {@code members}, then D² spread picks, {@code count} rows in all (fewer when the task is smaller).
     *
     * @param embeddings row-major normalised embeddings of every remembered prompt
     * @param dim their dimension
     * @param members the task's rows
     * @param count how many to pick
     * @param random the task's seeded generator
     * @return picked rows, medoid first
     */
    static int[] pick(float[] embeddings, int dim, int[] members, int count, Random random) {
        int k = Math.min(count, members.length);
        if (k == 0) {
            return new int[0];
        }
        double[] sum = new double[dim];
        for (int r : members) {
            for (int d = 0; d < dim; d++) {
                sum[d] += embeddings[r * dim + d];
            }
        }
        int medoid = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < members.length; a++) {
            double s = 0;
            for (int d = 0; d < dim; d++) {
                s += embeddings[members[a] * dim + d] * sum[d];
            }
            if (s > best) {
                best = s;
                medoid = a;
            }
        }
        int[] out = new int[k];
        boolean[] taken = new boolean[members.length];
        double[] distance = new double[members.length];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        int current = medoid;
        for (int i = 0; i < k; i++) {
            out[i] = members[current];
            taken[current] = true;
            if (i == k - 1) {
                break;
            }
            double total = 0;
            for (int a = 0; a < members.length; a++) {
                if (!taken[a]) {
                    double cos = 0;
                    for (int d = 0; d < dim; d++) {
                        cos += embeddings[members[a] * dim + d] * embeddings[members[current] * dim + d];
                    }
                    distance[a] = Math.min(distance[a], Math.max(0, 1 - cos));
                    total += distance[a] * distance[a];
                }
            }
            current = draw(taken, distance, total, random);
        }
        return out;
    }

    /** An untaken index drawn with probability ∝ distance²; the first untaken one when every distance is 0. */
    private static int draw(boolean[] taken, double[] distance, double total, Random random) {
        double target = random.nextDouble() * total;
        int last = -1;
        for (int a = 0; a < taken.length; a++) {
            if (taken[a]) {
                continue;
            }
            if (last < 0 && total == 0) {
                return a;
            }
            last = a;
            target -= distance[a] * distance[a];
            if (target < 0) {
                return a;
            }
        }
        return last; // rounding left a little of the total: the last candidate
    }
}
