package dev.finerouter.sample;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates a seeded synthetic routing dataset with real latent task structure: prompts from the sub-tasks of
 * {@link TaskCatalog}, scored for the first {@link GeneratorConfig#models()} models of {@link ModelCatalog} by {@link ScoreSimulator}. The {@code task} field
 * is the family, {@code subtask} the hidden fine label, splits are 80/10/10 stratified by sub-task, ids
 * {@code syn-000000}, ... The same config always gives the same dataset.
 */
public final class SyntheticDatasetGenerator {
    /** How many times a duplicate prompt text is redrawn before it is accepted. */
    private static final int MAX_REDRAWS = 20;

    private SyntheticDatasetGenerator() {
    }

    /** Generates the dataset for {@code config}; its fingerprint is the SHA-256 of {@link GeneratorConfig#describe()}. */
    public static RoutingDataset generate(GeneratorConfig config) {
        SplittableRandom master = new SplittableRandom(config.seed());
        SplittableRandom layoutRng = master.split();
        SplittableRandom textRng = master.split();
        SplittableRandom scoreRng = master.split();
        SplittableRandom splitRng = master.split();

        List<SubtaskSpec> subtasks = TaskCatalog.subtasks();
        List<ModelProfile> models = ModelCatalog.profiles(config.models());
        int n = config.prompts();
        int[] stratum = layout(n, subtasks, layoutRng);

        int cols = models.size();
        float[] scores = new float[n * cols];
        List<Prompt> prompts = new ArrayList<>(n);
        Set<String> seen = new HashSet<>(n * 2);
        for (int i = 0; i < n; i++) {
            SubtaskSpec sub = subtasks.get(stratum[i]);
            String text = TemplateFiller.fill(sub, textRng);
            for (int r = 0; r < MAX_REDRAWS && seen.contains(text); r++) {
                text = TemplateFiller.fill(sub, textRng);
            }
            seen.add(text);
            double difficulty = sub.difficulty() + config.difficultySpread() * ScoreSimulator.gaussian(scoreRng);
            int present = 0;
            for (int m = 0; m < cols; m++) {
                float s = ScoreSimulator.score(sub.kind(), models.get(m).ability(sub), difficulty, config.noise(), scoreRng);
                boolean missing = scoreRng.nextDouble() < config.missingRate();
                scores[i * cols + m] = missing ? Float.NaN : s;
                present += missing ? 0 : 1;
            }
            if (present == 0) { // the format needs at least one score per prompt: keep the first model's
                scores[i * cols] = ScoreSimulator.score(sub.kind(), models.get(0).ability(sub), difficulty, config.noise(), scoreRng);
            }
            prompts.add(new Prompt(String.format(Locale.ROOT, "syn-%06d", i), text, sub.family(), sub.name(), null));
        }
        Split[] splits = SplitAssigner.assign(stratum, subtasks.size(), splitRng);
        for (int i = 0; i < n; i++) {
            prompts.set(i, prompts.get(i).withSplit(splits[i]));
        }
        ModelPool pool = ModelCatalog.pool(config.models());
        return new RoutingDataset("synthetic-seed" + config.seed(), sha256Hex(config.describe()), prompts, pool,
                ScoreMatrix.of(n, cols, scores), null);
    }

    /**
     * The sub-task index of each prompt: counts proportional to the sub-tasks' weights (largest remainder, ties to
     * the earlier sub-task), in a seeded random order.
     */
    static int[] layout(int n, List<SubtaskSpec> subtasks, SplittableRandom rng) {
        int k = subtasks.size();
        double total = subtasks.stream().mapToDouble(SubtaskSpec::weight).sum();
        int[] counts = new int[k];
        double[] remainder = new double[k];
        int assigned = 0;
        for (int s = 0; s < k; s++) {
            double quota = n * subtasks.get(s).weight() / total;
            counts[s] = (int) Math.floor(quota);
            remainder[s] = quota - counts[s];
            assigned += counts[s];
        }
        Integer[] byRemainder = new Integer[k];
        for (int s = 0; s < k; s++) {
            byRemainder[s] = s;
        }
        Arrays.sort(byRemainder, (a, b) -> remainder[a] != remainder[b] ? Double.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
        for (int r = 0; assigned < n; r++, assigned++) {
            counts[byRemainder[r % k]]++;
        }
        int[] order = new int[n];
        int pos = 0;
        for (int s = 0; s < k; s++) {
            for (int c = 0; c < counts[s]; c++) {
                order[pos++] = s;
            }
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** SHA-256 of a string's UTF-8 bytes, lower-case hex. */
    static String sha256Hex(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
