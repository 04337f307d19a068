package dev.finerouter.sample;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.DatasetWriter;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.RoutingDataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Command line: {@code GenerateSample --seed N --prompts N --out DIR [--missing-rate R] [--models M]} writes
 * {@code DIR/routing.jsonl}, {@code DIR/models.json} and {@code DIR/README.md}.
 */
public final class GenerateSample {
    /** The command that regenerates the checked-in sample, run from the repository root. */
    public static final String REGENERATE_COMMAND = """
            mvn -q -B -o -pl sample-data -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
            java -cp "sample-data/target/classes:$(cat sample-data/target/cp.txt)" \\
                dev.finerouter.sample.GenerateSample --seed 42 --prompts 3000 --out sample-data/sample""";

    private GenerateSample() {
    }

    /** Entry point; exits with 2 on bad arguments and 1 when writing fails. */
    public static void main(String[] args) {
        GeneratorConfig config;
        Path out;
        try {
            long seed = GeneratorConfig.DEFAULT_SEED;
            int prompts = GeneratorConfig.DEFAULT_PROMPTS;
            double missing = GeneratorConfig.DEFAULT_MISSING_RATE;
            int models = ModelCatalog.DEFAULT_MODELS;
            out = null;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = args[++i];
                switch (flag) {
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--prompts" -> prompts = Integer.parseInt(value);
                    case "--out" -> out = Path.of(value);
                    case "--missing-rate" -> missing = Double.parseDouble(value);
                    case "--models" -> models = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required");
            }
            config = new GeneratorConfig(seed, prompts, missing, GeneratorConfig.DEFAULT_NOISE, GeneratorConfig.DEFAULT_DIFFICULTY_SPREAD,
                    models);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: GenerateSample --seed N --prompts N --out DIR [--missing-rate R] [--models M (1..11, default 10)]");
            System.exit(2);
            return;
        }
        try {
            write(config, out);
            System.out.println("wrote " + config.prompts() + " prompts to " + out);
        } catch (EngineException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Generates the dataset for {@code config} and writes the three files into {@code dir}. */
    public static RoutingDataset write(GeneratorConfig config, Path dir) throws EngineException {
        return write(SyntheticDatasetGenerator.generate(config), config, dir);
    }

    /**
     * Writes the three files of {@code dataset}, which {@link SyntheticDatasetGenerator#generate} made for {@code config}
     * (for callers that time the generation and the writing apart), into {@code dir}.
     */
    public static RoutingDataset write(RoutingDataset dataset, GeneratorConfig config, Path dir) throws EngineException {
        if (!dataset.fingerprint().equals(SyntheticDatasetGenerator.sha256Hex(config.describe()))) {
            throw new IllegalArgumentException("the dataset was not generated with " + config.describe());
        }
        Path jsonl = dir.resolve("routing.jsonl");
        DatasetWriter.writeJsonl(dataset, jsonl);
        DatasetWriter.writeModelsJson(dataset.pool(), dir.resolve("models.json"));
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jsonl)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new EngineException("cannot hash " + jsonl + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeString(dir.resolve("README.md"), readme(config, dataset, hash));
        return dataset;
    }

    /** The README written beside the data. */
    static String readme(GeneratorConfig config, RoutingDataset dataset, String jsonlSha256) {
        StringBuilder b = new StringBuilder();
        b.append("# Synthetic routing sample (seed ").append(config.seed()).append(")\n\n");
        b.append("Generated by `dev.finerouter.sample.GenerateSample` (module `sample-data`). Fictional prompts, models and scores,\n")
                .append("free to redistribute. Do not edit by hand: a test checks these files against a fresh generation.\n\n");
        b.append("- config: `").append(config.describe()).append("`\n");
        b.append("- prompts: ").append(dataset.size()).append(", models: ").append(dataset.pool().size())
                .append(", families (`task`): ").append(TaskCatalog.FAMILIES.size())
                .append(", sub-tasks (`subtask`, ground truth): ").append(TaskCatalog.subtasks().size()).append('\n');
        long cells = (long) dataset.size() * dataset.pool().size();
        b.append("- missing scores: ").append(cells - dataset.scores().presentCount()).append(" of ").append(cells)
                .append(" (absent from `scores`, never 0)\n");
        b.append("- splits: train/dev/test 80/10/10, stratified by sub-task\n");
        b.append("- `routing.jsonl` SHA-256: `").append(jsonlSha256).append("`\n\n");
        b.append("## How it is made\n\n");
        b.append("Each sub-task has its own slot-filled templates and word lists, so sub-tasks are separable by text, while the\n")
                .append("`task` field only names the family. Each model has a latent ability per sub-task (base + family affinity +\n")
                .append("sub-task strength or weakness); each prompt a difficulty (sub-task mean + N(0, ")
                .append(config.difficultySpread()).append(")).\n")
                .append("z = ").append(ScoreSimulator.SCALE).append(" × (ability − difficulty) + N(0, ").append(config.noise())
                .append("); binary sub-tasks (accuracy, exact match, pass@1) score\n")
                .append("1 with probability sigmoid(z), continuous ones (F1, overlap, judge) score sigmoid(z) rounded to 3 decimals.\n")
                .append("All randomness comes from `java.util.SplittableRandom` seeded with the config's seed.\n\n");
        b.append("## Sub-tasks and their best model (mean score in this sample)\n\n");
        b.append("| family | sub-task | scoring | prompts | best model | mean |\n|---|---|---|---|---|---|\n");
        for (SubtaskStats s : SubtaskStats.of(dataset)) {
            int best = s.bestModel();
            b.append("| ").append(s.family()).append(" | ").append(s.subtask()).append(" | ")
                    .append(TaskCatalog.subtask(s.subtask()).kind().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(s.prompts()).append(" | ").append(dataset.pool().get(best).name()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", s.means().get(best))).append(" |\n");
        }
        b.append("\n## Models\n\n");
        b.append("Prices in USD per 1M tokens; the cost column is CostModel.DEFAULT's estimate for a 200-character prompt.\n\n");
        b.append("| model | input | output | est. cost per call |\n|---|---|---|---|\n");
        String probe = "x".repeat(200);
        List<ModelSpec> models = dataset.pool().models();
        for (ModelSpec m : models) {
            b.append("| ").append(m.name()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", m.inputCostPer1kTokens() * 1000)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", m.outputCostPer1kTokens() * 1000)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.6f", CostModel.DEFAULT.estimate(m, probe, true))).append(" |\n");
        }
        b.append("\n## Regenerate\n\nFrom the repository root:\n\n```\n").append(REGENERATE_COMMAND).append("\n```\n\n")
                .append("Other seeds and sizes: change `--seed` / `--prompts` (and `--out`).\n");
        return b.toString();
    }
}
