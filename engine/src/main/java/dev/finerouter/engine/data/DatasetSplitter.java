package dev.finerouter.engine.data;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Assigns seeded train/dev/test splits.
 *
 * <ul>
 *   <li>Data that already has train, dev and test on every row is kept as it is (unless {@code resplit}).</li>
 *   <li>Data with train and test but no dev (common for public sets) keeps test, and dev is carved out of train.</li>
 *   <li>Otherwise (no splits, partial splits, or {@code resplit}) everything is split anew.</li>
 * </ul>
 * Splitting is stratified by the task label when the data has one (each task gets its share in every split) and
 * groups identical prompt texts, so a duplicated prompt never lands in both train and test (the llmrouter data has
 * 119 such texts). Within a stratum the groups are shuffled with {@code java.util.Random(seed)}, strata are visited in
 * name order, so the same data and seed always give the same splits. Labels too small for a stratum of their own (some
 * split would expect less than one of their prompts) are pooled into one stratum, visited last.
 * A text found under two labels follows its first row's split (since stop 39; before, its rows could be split apart).
 */
public final class DatasetSplitter {
    private static final String NO_TASK = "";

    private DatasetSplitter() {
    }

    /** The dataset with splits assigned, and a summary of how. */
    public record Result(RoutingDataset dataset, SplitSummary summary) {
    }

    /**
     * Refuses data whose rows carry split labels none of which is {@code train}, unless {@code config} re-splits: such
     * data (every row labelled test, say) would otherwise be split anew silently and trained on prompts labelled for
     * evaluation. Data without any split label is fine (it is split anew, as documented).
     *
     * @throws EngineException naming the dataset and its label counts, with the {@code --resplit} hint
     */
    public static void requireTrainRows(RoutingDataset dataset, SplitConfig config) throws EngineException {
        if (config.resplit()) {
            return;
        }
        Map<Split, Integer> labelled = new EnumMap<>(Split.class);
        int unlabelled = 0;
        for (Prompt p : dataset.prompts()) {
            if (p.split() == null) {
                unlabelled++;
            } else {
                labelled.merge(p.split(), 1, Integer::sum);
            }
        }
        if (labelled.isEmpty() || labelled.containsKey(Split.TRAIN)) {
            return;
        }
        StringBuilder counts = new StringBuilder();
        labelled.forEach((s, n) -> counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(s.name().toLowerCase(java.util.Locale.ROOT)));
        if (unlabelled > 0) {
            counts.append(", ").append(unlabelled).append(" without a label");
        }
        throw new EngineException(dataset.name() + ": the rows' split labels (" + counts + ") include no 'train' row; training would "
                + "silently re-split data labelled for evaluation", "pass --resplit to split everything anew on purpose, or fix the 'split' field", null);
    }

    /** Assigns splits to {@code dataset} according to {@code config}. */
    public static Result split(RoutingDataset dataset, SplitConfig config) {
        List<Prompt> prompts = dataset.prompts();
        boolean complete = dataset.hasCompleteSplits();
        boolean hasDev = prompts.stream().anyMatch(p -> p.split() == Split.DEV);
        boolean hasTrain = prompts.stream().anyMatch(p -> p.split() == Split.TRAIN);
        boolean stratified = prompts.stream().anyMatch(p -> p.task() != null);
        int duplicates = countDuplicateTexts(prompts);
        Split[] assigned = new Split[prompts.size()];
        String method;
        int pooledLabels = 0;
        if (!config.resplit() && complete && hasDev) {
            method = "kept";
            for (int i = 0; i < assigned.length; i++) {
                assigned[i] = prompts.get(i).split();
            }
        } else if (!config.resplit() && complete && hasTrain) {
            method = "dev-from-train";
            List<Integer> trainRows = new ArrayList<>();
            for (int i = 0; i < assigned.length; i++) {
                assigned[i] = prompts.get(i).split();
                if (assigned[i] == Split.TRAIN) {
                    trainRows.add(i);
                }
            }
            double devShare = config.dev() / (config.train() + config.dev());
            pooledLabels = assign(prompts, trainRows, new double[] {1 - devShare, devShare, 0}, config.seed(), assigned);
        } else {
            method = "full";
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < assigned.length; i++) {
                all.add(i);
            }
            pooledLabels = assign(prompts, all, new double[] {config.train(), config.dev(), config.test()}, config.seed(), assigned);
        }
        List<Prompt> out = new ArrayList<>(prompts.size());
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            counts.put(s, 0);
        }
        for (int i = 0; i < assigned.length; i++) {
            out.add(prompts.get(i).withSplit(assigned[i]));
            counts.merge(assigned[i], 1, Integer::sum);
        }
        SplitSummary summary = new SplitSummary(method, config, counts, stratified ? "task" : "none", pooledLabels, duplicates,
                countTextsInSeveralSplits(out));
        return new Result(dataset.withPrompts(out), summary);
    }

    /**
     * Splits the given rows by stratum and identical-text group; writes the result into {@code assigned}.
     *
     * @return the number of labels pooled into one stratum because they were too small for their own (see
     *         {@link #isSmall})
     */
    private static int assign(List<Prompt> prompts, List<Integer> rows, double[] shares, long seed, Split[] assigned) {
        Map<String, Map<String, List<Integer>>> strata = new TreeMap<>();
        for (int row : rows) {
            Prompt p = prompts.get(row);
            strata.computeIfAbsent(p.task() == null ? NO_TASK : p.task(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(p.text(), k -> new ArrayList<>())
                    .add(row);
        }
        List<Map<String, List<Integer>>> visit = new ArrayList<>();
        Map<String, List<Integer>> pooled = new LinkedHashMap<>();
        int pooledLabels = 0;
        for (Map<String, List<Integer>> groups : strata.values()) {
            if (isSmall(groups.values().stream().mapToInt(List::size).sum(), shares)) {
                pooledLabels++;
                groups.forEach((text, group) -> pooled.computeIfAbsent(text, k -> new ArrayList<>()).addAll(group));
            } else {
                visit.add(groups);
            }
        }
        if (!pooled.isEmpty()) {
            visit.add(pooled); // after the named strata, so data without small labels splits as it always did
        }
        Random random = new Random(seed);
        Split[] order = {Split.TRAIN, Split.DEV, Split.TEST};
        for (Map<String, List<Integer>> groups : visit) {
            List<List<Integer>> shuffled = new ArrayList<>(groups.values());
            Collections.shuffle(shuffled, random);
            int total = shuffled.stream().mapToInt(List::size).sum();
            // Cumulative targets in prompts; a group goes to the first split whose target is not yet reached.
            double[] cumulative = {shares[0] * total, (shares[0] + shares[1]) * total, total};
            int placed = 0;
            for (List<Integer> group : shuffled) {
                int s = 0;
                while (s < 2 && placed + group.size() / 2.0 > cumulative[s]) {
                    s++;
                }
                for (int row : group) {
                    assigned[row] = order[s];
                }
                placed += group.size();
            }
        }
        keepCopiesTogether(prompts, rows, assigned);
        return pooledLabels;
    }

    /**
     * A text found under two labels sits in two strata, whose groups are split apart; its rows after the first (in
     * data order) take the first one's split, so identical texts stay in one split whatever their labels (routerdc has
     * one such text). Texts under one label are grouped already and do not move.
     */
    private static void keepCopiesTogether(List<Prompt> prompts, List<Integer> rows, Split[] assigned) {
        Map<String, Split> first = new HashMap<>();
        for (int row : rows) {
            Split s = first.putIfAbsent(prompts.get(row).text(), assigned[row]);
            if (s != null) {
                assigned[row] = s;
            }
        }
    }

    /**
     * Whether a stratum of {@code size} prompts is too small for its own: some split with a positive share would
     * expect less than one of its prompts. Such a stratum, split on its own, gives that split nothing (three or four
     * prompts per label put every one in train or dev, and data labelled that finely had no test split at all), so
     * small labels are pooled and split together, which keeps every split's share over them.
     */
    static boolean isSmall(int size, double[] shares) {
        for (double share : shares) {
            if (share > 0 && size * share < 1) {
                return true;
            }
        }
        return false;
    }

    private static int countTextsInSeveralSplits(List<Prompt> prompts) {
        Map<String, java.util.EnumSet<Split>> splitsOfText = new java.util.HashMap<>();
        for (Prompt p : prompts) {
            splitsOfText.computeIfAbsent(p.text(), k -> java.util.EnumSet.noneOf(Split.class)).add(p.split());
        }
        return (int) splitsOfText.values().stream().filter(s -> s.size() > 1).count();
    }

    private static int countDuplicateTexts(List<Prompt> prompts) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Prompt p : prompts) {
            counts.merge(p.text(), 1, Integer::sum);
        }
        return (int) counts.values().stream().filter(c -> c > 1).count();
    }
}
