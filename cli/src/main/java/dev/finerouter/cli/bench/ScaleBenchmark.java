package dev.finerouter.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleWriter;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.eval.EvaluationReport;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.DiscoveryMetrics;
import dev.finerouter.engine.pipeline.DiscoveryPipeline;
import dev.finerouter.engine.pipeline.DiscoveryReportWriter;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.EvaluationSuite;
import dev.finerouter.engine.pipeline.PipelineConfig;
import dev.finerouter.engine.pipeline.PipelineListener;
import dev.finerouter.engine.pipeline.PipelineStage;
import dev.finerouter.engine.pipeline.RouterTrainingPipeline;
import dev.finerouter.engine.pipeline.TrainingConfig;
import dev.finerouter.engine.pipeline.TrainingResult;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.sample.GenerateSample;
import dev.finerouter.sample.GeneratorConfig;
import dev.finerouter.sample.SyntheticDatasetGenerator;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * {@code finerouter bench scale} (issue 16, item 5): generates a seeded synthetic dataset of N prompts × M models with
 * the sample-data generator into a work folder (reused when a complete one with the same generator settings is there,
 * its checksum verified), then runs what {@code finerouter train} runs on it, end to end, with the engine's own
 * classes: load, Stage 1 ({@link DiscoveryPipeline}), classifier, quality estimator and the robust routing rule
 * ({@link RouterTrainingPipeline}), the test split against single models and the oracle ({@link EvaluationSuite} at
 * {@link EvaluationSuite.Scope#QUICK}), the reports and the bundle export ({@link BundleWriter}). It records the wall
 * time and the peak used heap of every stage, the texts each embedding stage got and how many were distinct, the sizes
 * that drive the cost (training prompts, tasks, the robust rule's memory, the bundle) and the machine's load.
 *
 * <p>The run is cold, as a first {@code train}: unless the caller names a cache folder, descriptions, embeddings and
 * the prompt graph are cached in a fresh folder inside the work folder ({@code work/cache}, emptied at the start of a
 * run and deleted at its end).
 *
 * <p>Baseline, measured in the same run: generating the same dataset in memory
 * ({@link SyntheticDatasetGenerator#generate}, one thread, no I/O). It is deterministic work that grows linearly with
 * N, so stage times can be read against it when the machine's load differs between runs. When the data is generated
 * this run, the baseline is that generation (the write is timed apart); when the data is reused, it is generated once
 * more in memory only for the baseline. Nothing here asserts on time.
 */
public final class ScaleBenchmark {
    /** Name of the file that marks a complete generated data folder; written last. */
    static final String MARKER = "scale-data.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleBenchmark() {
    }

    /**
     * What to run.
     *
     * @param prompts prompts to generate
     * @param models models in the pool (the first ones of the generator's catalog)
     * @param seed seed of the generator and of the pipeline (splits are the generator's; clustering and training use it)
     * @param work the work folder: generated data in {@code data/}, reports and bundle in {@code run/}
     * @param cacheDir a cache folder to use as is (stage times may then be cache reads), or {@code null}
     * @param freshCache whether to cache in a fresh folder inside the work folder, deleted after the run (then
     *                   {@code cacheDir} must be {@code null}); with neither, nothing is cached, as {@code train --no-cache}
     * @param pipeline Stage-1 settings, as {@code train} takes them
     * @param training classifier, estimator and rule settings, as {@code train} takes them
     * @param encoder the encoder option as given ({@code minilm} or {@code minilm-int8}), for the record
     */
    public record Options(int prompts, int models, long seed, Path work, Path cacheDir, boolean freshCache, PipelineConfig pipeline,
                          TrainingConfig training, String encoder) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(work, "work");
            if (freshCache && cacheDir != null) {
                throw new IllegalArgumentException("a fresh cache or a given one, not both");
            }
            Objects.requireNonNull(pipeline, "pipeline");
            Objects.requireNonNull(training, "training");
            generatorConfig(seed, prompts, models); // throws on a bad size
        }

        /** The generator's settings. */
        public GeneratorConfig generator() {
            return generatorConfig(seed, prompts, models);
        }

        private static GeneratorConfig generatorConfig(long seed, int prompts, int models) {
            return GeneratorConfig.of(seed, prompts).withModels(models);
        }
    }

    /**
     * The generated data.
     *
     * @param folder where it is
     * @param reused whether a complete folder with the same generator settings was found and used
     * @param generator the generator's description of its settings
     * @param sha256 SHA-256 of {@code routing.jsonl} (checked against the marker when reused)
     * @param bytes size of {@code routing.jsonl}
     * @param writeMillis time to write the files this run (0 when reused)
     */
    public record Data(String folder, boolean reused, String generator, String sha256, long bytes, long writeMillis) {
    }

    /**
     * The baseline measured in the same run.
     *
     * @param what what was timed
     * @param millis wall time
     */
    public record Baseline(String what, long millis) {
    }

    /**
     * One stage of the run.
     *
     * @param stage its name ({@link PipelineStage#label()} for the pipeline's stages)
     * @param millis wall time
     * @param cached whether the pipeline read the stage's result from its cache
     * @param peakHeapBytes highest used heap sampled during the stage (includes garbage not yet collected)
     * @param texts texts given to an embedding or describing stage, prompts of a training stage, or −1
     * @param distinctTexts distinct texts among them, or −1
     */
    public record Stage(String stage, long millis, boolean cached, long peakHeapBytes, int texts, int distinctTexts) {
    }

    /**
     * The result.
     *
     * @param prompts prompts generated
     * @param models models in the pool
     * @param seed the seed
     * @param levels clustering levels ℓ
     * @param epochs epochs of the classifier and of each estimator phase
     * @param encoder the encoder option
     * @param encoderId the encoder the run used
     * @param describerId the describer the run used
     * @param cache the cache the run used: "fresh (deleted after the run)", "given: PATH" (stage times may be cache reads) or "none"
     * @param pipeline the Stage-1 settings
     * @param data the generated data
     * @param baseline the same-run baseline
     * @param stages every stage, in order
     * @param trainPrompts training prompts (Stage 1, classifier, estimator, the rule's memory)
     * @param devPrompts dev prompts (early stopping, the rule's tuning)
     * @param testPrompts test prompts (the evaluation)
     * @param distinctTrainTexts distinct texts among the training prompts (an upper bound of the memory's distinct vectors)
     * @param distinctDescriptions distinct task descriptions of the training prompts
     * @param tasks tasks discovered
     * @param routerMemoryBytes floats the robust rule's memory holds (embeddings and scores of every training prompt) × 4
     * @param classifierMacroF1 the classifier's macro-F1 on its held-out training prompts
     * @param estimatorDevMse the estimator's dev MSE
     * @param rule what the robust rule chose on dev
     * @param bundle the exported bundle
     * @param bundleBytes its size
     * @param pipelineMillis load through bundle export (everything but generating and writing the data)
     * @param totalMillis the whole command, generation included
     * @param peakHeapBytes highest used heap sampled over the run
     * @param maxHeapBytes the JVM's maximum heap
     * @param availableProcessors cores the JVM sees
     * @param loadAverageStart 1-minute load average at the start (−1 if unknown)
     * @param loadAverageEnd 1-minute load average at the end (−1 if unknown)
     * @param loadAverageMean mean of the 1-minute load average sampled every 5 s during the run (−1 if unknown)
     * @param loadAverageMax highest of those samples (−1 if unknown)
     * @param javaVersion the Java runtime
     */
    public record Result(int prompts, int models, long seed, int levels, Integer epochs, String encoder, String encoderId,
                         String describerId, String cache, PipelineConfig pipeline, Data data, Baseline baseline, List<Stage> stages,
                         int trainPrompts, int devPrompts, int testPrompts, int distinctTrainTexts, int distinctDescriptions,
                         int tasks, long routerMemoryBytes, double classifierMacroF1, double estimatorDevMse, String rule,
                         String bundle, long bundleBytes, long pipelineMillis, long totalMillis, long peakHeapBytes,
                         long maxHeapBytes, int availableProcessors, double loadAverageStart, double loadAverageEnd,
                         double loadAverageMean, double loadAverageMax, String javaVersion) {
        /** Copies. */
        public Result {
            stages = List.copyOf(stages);
        }
    }

    /** Stage names of the benchmark's own steps around the pipeline. */
    static final String GENERATE = "generate data";
    static final String LOAD = "load data";
    static final String EVALUATE = "test split: single models + oracle";
    static final String REPORTS = "reports";
    static final String BUNDLE = "bundle export";

    /**
     * Runs the benchmark.
     *
     * @param options what to run
     * @param epochs the epochs option as given ({@code null}: the training defaults), for the record
     * @param ctx progress, log (one line per finished stage) and cancellation
     */
    public static Result run(Options options, Integer epochs, StageContext ctx) throws EngineException {
        double loadStart = ServeSoakBenchmark.loadAverage();
        long start = System.nanoTime();
        Recorder rec = new Recorder(ctx);
        try (HeapSampler heap = new HeapSampler(20); LoadSampler load = new LoadSampler(5_000)) {
            rec.heap = heap;
            GeneratorConfig generator = options.generator();
            Path dataDir = options.work().resolve("data").resolve(folderName(generator));

            // generate (or reuse) the data; the baseline is the in-memory generation either way
            rec.begin();
            Prepared prepared = prepare(generator, dataDir, ctx);
            rec.end(GENERATE, -1, prepared.data().reused() ? "(reused: the in-memory baseline only)" : null);
            ctx.checkCancelled();

            long pipelineStart = System.nanoTime();
            rec.begin();
            LoadedDataset loaded = DatasetLoader.load(dataDir, ImportOptions.STRICT);
            RoutingDataset dataset = loaded.dataset();
            DatasetSplitter.requireTrainRows(dataset, options.pipeline().split());
            rec.end(LOAD, dataset.size(), String.format(Locale.ROOT, "(%,d prompts × %d models)", dataset.size(), dataset.pool().size()));

            Path cacheDir;
            String cacheNote;
            boolean deleteCache;
            if (!options.freshCache()) {
                cacheDir = options.cacheDir();
                cacheNote = cacheDir == null ? "none" : "given: " + cacheDir;
                deleteCache = false;
            } else {
                cacheDir = freshCache(options.work());
                cacheNote = "fresh (deleted after the run)";
                deleteCache = true;
            }
            try {
                ctx.log("cache: " + (deleteCache ? cacheDir + ", fresh: a cold run, as a first 'train'" : cacheNote));
                rec.dataset = dataset;
                DiscoveryResult d = new DiscoveryPipeline(cacheDir, rec).run(dataset, options.pipeline(), ctx);
                rec.stage1Finished(d);
                TrainingResult trained = new RouterTrainingPipeline(cacheDir, rec).train(d, options.training(), ctx);
                ctx.checkCancelled();

                RoutingPolicy policy = trained.recommendedPolicy();
                Path out = options.work().resolve("run");
                Files.createDirectories(out);
                rec.begin();
                EvaluationReport report = d.dataset().indicesOf(Split.TEST).length == 0 ? null
                        : EvaluationSuite.evaluate(trained, policy, EvaluationSuite.Scope.QUICK, ctx);
                rec.end(EVALUATE, d.dataset().indicesOf(Split.TEST).length, null);
                ctx.checkCancelled();

                rec.begin();
                DiscoveryReportWriter.write(d, DiscoveryMetrics.of(d), out);
                if (report != null) {
                    report.write(out);
                }
                rec.end(REPORTS, -1, null);

                rec.begin();
                Path bundle = out.resolve("router.frb");
                BundleWriter.write(trained, policy, bundle);
                rec.end(BUNDLE, -1, String.format(Locale.ROOT, "(%,.1f MB)", Files.size(bundle) / 1e6));
                long pipelineMillis = (System.nanoTime() - pipelineStart) / 1_000_000;

                int[] trainRows = d.trainRows();
                int dim = trained.dim();
                long memoryBytes = 4L * trainRows.length * (dim + dataset.pool().size());
                Runtime rt = Runtime.getRuntime();
                return new Result(options.prompts(), options.models(), options.seed(), options.pipeline().stage1().levels(), epochs,
                        options.encoder(), d.embedderId(), d.describerId(), cacheNote, options.pipeline(), prepared.data(),
                        prepared.baseline(), rec.stages, trainRows.length, d.dataset().indicesOf(Split.DEV).length,
                        d.dataset().indicesOf(Split.TEST).length, distinct(d.dataset(), trainRows), distinct(d.descriptions()),
                        d.discovery().tasks().size(), memoryBytes, trained.classifierHeldOut().macroF1(), trained.estimatorDevMse(),
                        trained.tuning() == null ? "paper preset: no rule tuned" : trained.tuning().note(), bundle.toString(),
                        Files.size(bundle), pipelineMillis, (System.nanoTime() - start) / 1_000_000, heap.peakBytes(),
                        rt.maxMemory(), rt.availableProcessors(), loadStart, ServeSoakBenchmark.loadAverage(), load.mean(), load.max(),
                        System.getProperty("java.version"));
            } catch (IOException e) {
                throw new EngineException("bench scale: " + e.getMessage(), e);
            } finally {
                if (deleteCache) {
                    deleteTree(cacheDir);
                }
            }
        }
    }

    /** The fresh cache's folder inside the work folder, and the file that marks it as this benchmark's. */
    static final String CACHE = "cache";
    static final String CACHE_MARKER = ".bench-scale-cache";

    /**
     * An empty {@code work/cache}: a folder left there by an earlier run that was cancelled (Ctrl-C ends the JVM before
     * it can delete its cache) is deleted first, but only when it carries this benchmark's marker.
     */
    static Path freshCache(Path work) throws EngineException {
        Path dir = work.resolve(CACHE);
        if (Files.exists(dir)) {
            if (!Files.isRegularFile(dir.resolve(CACHE_MARKER))) {
                throw new EngineException(dir + " exists and was not made by bench scale",
                        "move it away or pass another --work folder (bench scale empties its cache folder at the start of a run)", null);
            }
            deleteTree(dir);
        }
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(CACHE_MARKER), "the cache of a 'finerouter bench scale' run; deleted by the next run\n");
        } catch (IOException e) {
            throw new EngineException("cannot create the cache folder " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The data folder's name for a generator config: seed, prompts and models. */
    static String folderName(GeneratorConfig g) {
        return String.format(Locale.ROOT, "seed%d-%dx%d", g.seed(), g.prompts(), g.models());
    }

    /**
     * The data and the baseline.
     *
     * @param data the data folder
     * @param baseline the in-memory generation
     */
    record Prepared(Data data, Baseline baseline) {
    }

    /** The baseline's description. */
    static final String BASELINE = "generating the dataset in memory (SyntheticDatasetGenerator.generate, one thread, no I/O)";

    /**
     * Reuses {@code dir} when its marker names the same generator settings and {@code routing.jsonl}'s SHA-256
     * matches; otherwise generates into it (files overwritten, the marker written last). The in-memory generation
     * is timed as the baseline either way.
     */
    static Prepared prepare(GeneratorConfig config, Path dir, StageContext ctx) throws EngineException {
        Path marker = dir.resolve(MARKER);
        Path jsonl = dir.resolve("routing.jsonl");
        String reuseProblem = null;
        Marker found = null;
        if (Files.isRegularFile(marker)) {
            try {
                found = JSON.readValue(marker.toFile(), Marker.class);
            } catch (IOException e) {
                reuseProblem = "its marker is unreadable (" + e.getMessage() + ")";
            }
        }
        if (found != null) {
            if (!config.describe().equals(found.generator())) {
                reuseProblem = "it was generated with other settings (" + found.generator() + ")";
            } else if (!Files.isRegularFile(jsonl)) {
                reuseProblem = "routing.jsonl is missing";
            } else {
                String sha = sha256(jsonl);
                if (!sha.equals(found.sha256())) {
                    reuseProblem = "routing.jsonl changed since it was generated (SHA-256 " + sha + ", expected " + found.sha256() + ")";
                }
            }
        }
        if (found != null && reuseProblem == null) {
            ctx.log(String.format(Locale.ROOT, "data: reusing %s (same seed, size and models; SHA-256 of routing.jsonl verified)", dir));
            ctx.log("baseline: " + BASELINE + " ...");
            long t0 = System.nanoTime();
            RoutingDataset d = SyntheticDatasetGenerator.generate(config);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (d.size() != config.prompts()) {
                throw new IllegalStateException("the generator made " + d.size() + " prompts");
            }
            return new Prepared(new Data(dir.toString(), true, config.describe(), found.sha256(), size(jsonl), 0),
                    new Baseline(BASELINE + "; the data itself was reused", millis));
        }
        if (reuseProblem != null) {
            ctx.log("data: regenerating " + dir + ": " + reuseProblem);
        }
        ctx.log(String.format(Locale.ROOT, "data: generating %,d prompts × %d models (seed %d) into %s", config.prompts(), config.models(),
                config.seed(), dir));
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new EngineException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        RoutingDataset generated = SyntheticDatasetGenerator.generate(config);
        long generateMillis = (System.nanoTime() - t0) / 1_000_000;
        ctx.checkCancelled();
        t0 = System.nanoTime();
        GenerateSample.write(generated, config, dir);
        long writeMillis = (System.nanoTime() - t0) / 1_000_000;
        String sha = sha256(jsonl);
        AtomicFiles.write(marker, o -> JSON.writerWithDefaultPrettyPrinter().writeValue(o, new Marker(config.describe(), sha)));
        ctx.log(String.format(Locale.ROOT, "data: generated in %.1f s, written in %.1f s (%,d MB)", generateMillis / 1000.0,
                writeMillis / 1000.0, size(jsonl) / 1_000_000));
        return new Prepared(new Data(dir.toString(), false, config.describe(), sha, size(jsonl), writeMillis),
                new Baseline(BASELINE + "; this run's generation of the data", generateMillis));
    }

    /**
     * The marker of a complete data folder.
     *
     * @param generator the generator's description of its settings
     * @param sha256 SHA-256 of routing.jsonl
     */
    record Marker(String generator, String sha256) {
    }

    private static long size(Path file) throws EngineException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static String sha256(Path file) throws EngineException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new EngineException("cannot hash " + file + ": " + e.getMessage(), e);
        }
    }

    private static int distinct(RoutingDataset d, int[] rows) {
        Set<String> s = new HashSet<>();
        for (int r : rows) {
            s.add(d.prompts().get(r).text());
        }
        return s.size();
    }

    private static int distinct(List<String> texts) {
        return new HashSet<>(texts).size();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover cache folder is harmless
        }
    }

    /** Samples the 1-minute load average from a daemon thread: the machine is shared, and start and end miss what came between. */
    private static final class LoadSampler implements AutoCloseable {
        private final Thread thread;
        private double sum;
        private int count;
        private double max = -1;
        private volatile boolean running = true;

        LoadSampler(long periodMillis) {
            sample();
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(periodMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                    sample();
                }
            }, "load-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private synchronized void sample() {
            double l = ServeSoakBenchmark.loadAverage();
            if (l >= 0) {
                sum += l;
                count++;
                max = Math.max(max, l);
            }
        }

        synchronized double mean() {
            return count == 0 ? -1 : sum / count;
        }

        synchronized double max() {
            return max;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }

    /** Records the stages (wall time, peak heap) and logs each as it finishes. */
    private static final class Recorder implements PipelineListener {
        private final StageContext ctx;
        private final List<Stage> stages = new ArrayList<>();
        private HeapSampler heap;
        private long t0;
        private RoutingDataset dataset;
        private int trainPrompts = -1;

        Recorder(StageContext ctx) {
            this.ctx = ctx;
        }

        void begin() {
            heap.takePeakBytes();
            t0 = System.nanoTime();
        }

        /** Ends one of the benchmark's own stages and logs it as the pipeline's stage logger does. */
        Stage end(String name, int texts, String note) {
            long millis = (System.nanoTime() - t0) / 1_000_000;
            Stage s = new Stage(name, millis, false, heap.takePeakBytes(), texts, -1);
            stages.add(s);
            log(s, note);
            return s;
        }

        /** One line per finished stage, as the pipeline's stage logger writes it, with the stage's peak heap. */
        private void log(Stage s, String note) {
            ctx.log(String.format(Locale.ROOT, "%-14s %7.1f s%s   peak heap %,d MB%s", s.stage(), s.millis() / 1000.0,
                    s.cached() ? " (cached)" : "", s.peakHeapBytes() / 1_000_000, note == null ? "" : "  " + note));
        }

        @Override
        public void stageStarted(PipelineStage stage) {
            heap.takePeakBytes();
        }

        @Override
        public void stageFinished(PipelineStage stage, boolean cached, long millis) {
            int texts = -1;
            int distinct = -1;
            if (stage == PipelineStage.EMBED_PROMPTS) {
                texts = dataset.size();
                distinct = (int) dataset.prompts().stream().map(Prompt::text).distinct().count();
            } else if (stage == PipelineStage.CLASSIFIER || stage == PipelineStage.ESTIMATOR || stage == PipelineStage.ROUTING_RULE) {
                texts = trainPrompts;
            }
            Stage s = new Stage(stage.label(), millis, cached, heap.takePeakBytes(), texts, distinct);
            stages.add(s);
            log(s, null);
        }

        /** Fills in the describe and embed rows' texts (the training prompts and their descriptions) from Stage 1's result. */
        void stage1Finished(DiscoveryResult d) {
            trainPrompts = d.trainRows().length;
            int distinctTrain = distinct(d.dataset(), d.trainRows());
            int distinctDescriptions = distinct(d.descriptions());
            stages.replaceAll(s -> s.stage().equals(PipelineStage.DESCRIBE.label())
                    ? new Stage(s.stage(), s.millis(), s.cached(), s.peakHeapBytes(), trainPrompts, distinctTrain)
                    : s.stage().equals(PipelineStage.EMBED.label())
                    ? new Stage(s.stage(), s.millis(), s.cached(), s.peakHeapBytes(), trainPrompts, distinctDescriptions)
                    : s);
        }
    }
}
