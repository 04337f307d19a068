package dev.finerouter.cli.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.Embeddings;
import dev.finerouter.engine.embed.OnnxSentenceEmbedder;
import dev.finerouter.engine.data.BenchmarkPrompts;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.route.TrainedRouter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Measures sentence encoders the way the router uses them: uncached batch throughput (texts/s, Stage 1 and
 * {@code route --input}), one text at a time (the serving path, p50/p95 ms), against a <b>baseline measured in the same
 * run</b>: a bare ONNX Runtime session running the same model on the same texts already tokenised and padded (no
 * tokenising, pooling or copying timed), i.e. the floor any wrapper can reach.
 *
 * <p>A <b>candidate</b> encoder (e.g. the int8-quantised MiniLM) is compared with the reference: its throughput, the
 * cosine between the two vectors of each text, and, given a trained router, how often the router makes the same
 * decision from the candidate's vectors as from the reference's (at λ = 0 and λ = 0.5) — the figure that decides whether
 * a faster encoder may replace the one a router was trained with.
 */
public final class EncoderBenchmark {
    /** Texts of the single-text latency measurement. */
    static final int LATENCY_TEXTS = 200;

    private EncoderBenchmark() {
    }

    /** Throughput and latency of one encoder. */
    public record Speed(String encoder, int texts, double batchSeconds, double textsPerSecond, double singleP50Millis,
                        double singleP95Millis) {
    }

    /**
     * How the candidate agrees with the reference.
     *
     * @param cosineMean mean cosine between the two vectors of a text
     * @param cosineMin the lowest cosine
     * @param cosineP1 the 1st percentile of the cosines
     * @param routedPrompts prompts routed for the agreement (0 when no router was given)
     * @param agreementAtZero share of prompts routed to the same model at λ = 0 (NaN without a router)
     * @param agreementAtHalf the same at λ = 0.5
     */
    public record Agreement(double cosineMean, double cosineMin, double cosineP1, int routedPrompts, double agreementAtZero,
                            double agreementAtHalf) {
    }

    /** Everything one run measured. */
    public record Result(String dataset, int texts, double meanChars, int availableProcessors, double loadAverageStart,
                         double loadAverageEnd, String javaVersion, Speed bareOnnxBaseline, Speed reference, Speed candidate,
                         Agreement agreement) {
        public Result {
            Objects.requireNonNull(reference, "reference");
        }
    }

    /**
     * The prompts of the dataset's test split (all prompts when it has no splits), at most {@code limit}, non-blank.
     */
    public static List<String> texts(RoutingDataset dataset, int limit) {
        List<String> all = BenchmarkPrompts.of(dataset);
        return new ArrayList<>(all.subList(0, Math.min(limit, all.size())));
    }

    /**
     * Runs the benchmark.
     *
     * @param texts the texts to embed (each embedded uncached)
     * @param reference the reference encoder (the one routers are trained with)
     * @param candidate an encoder to compare, or {@code null}
     * @param router a router trained with the reference, for the routing agreement, or {@code null}
     * @param policy the router's default policy (its α); the agreement is measured at its α with λ = 0 and λ = 0.5
     * @param log progress lines
     */
    public static Result run(String dataset, List<String> texts, Embedder reference, Embedder candidate, TrainedRouter router,
                             RoutingPolicy policy, Consumer<String> log) throws EngineException {
        if (texts.isEmpty()) {
            throw new EngineException("no texts to embed", "point --data at a dataset with prompts", null);
        }
        double loadStart = ServeSoakBenchmark.loadAverage();
        StageContext ctx = StageContext.silent(0);
        log.accept("bare ONNX Runtime baseline: " + texts.size() + " texts, tokenised and padded before the timer");
        Speed bare = bareOnnx(texts);
        log.accept("reference encoder: " + reference.id());
        Speed ref = speed(reference, texts, ctx);
        Embeddings refVectors = reference.embed(texts, ctx);
        Speed cand = null;
        Agreement agreement = null;
        if (candidate != null) {
            log.accept("candidate encoder: " + candidate.id());
            cand = speed(candidate, texts, ctx);
            Embeddings candVectors = candidate.embed(texts, ctx);
            agreement = agreement(refVectors, candVectors, texts, router, policy);
        }
        double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
        return new Result(dataset, texts.size(), meanChars, Runtime.getRuntime().availableProcessors(), loadStart,
                ServeSoakBenchmark.loadAverage(), System.getProperty("java.version"), bare, ref, cand, agreement);
    }

    /** One warm-up batch, then every text in batches (timed once), then {@value #LATENCY_TEXTS} texts one by one. */
    static Speed speed(Embedder e, List<String> texts, StageContext ctx) throws EngineException {
        e.embed(texts.subList(0, Math.min(64, texts.size())), ctx);
        long t0 = System.nanoTime();
        e.embed(texts, ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int n = Math.min(LATENCY_TEXTS, texts.size());
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long s = System.nanoTime();
            e.embed(List.of(texts.get(i)), ctx);
            ms[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(ms);
        return new Speed(e.id(), texts.size(), seconds, texts.size() / seconds, percentile(ms, 0.50), percentile(ms, 0.95));
    }

    /** Cosines of the two embeddings of each text, and the routing agreement when a router is given. */
    static Agreement agreement(Embeddings ref, Embeddings cand, List<String> texts, TrainedRouter router, RoutingPolicy policy)
            throws EngineException {
        int n = ref.rows();
        if (cand.rows() != n || cand.dimension() != ref.dimension()) {
            throw new EngineException("the candidate encoder gives " + cand.rows() + " × " + cand.dimension() + " vectors, the reference "
                    + n + " × " + ref.dimension(), "compare encoders of the same dimension", null);
        }
        double[] cos = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            float[] a = ref.row(i);
            float[] b = cand.row(i);
            double dot = 0, na = 0, nb = 0;
            for (int d = 0; d < a.length; d++) {
                dot += (double) a[d] * b[d];
                na += (double) a[d] * a[d];
                nb += (double) b[d] * b[d];
            }
            cos[i] = dot / Math.sqrt(Math.max(na * nb, 1e-300));
            sum += cos[i];
        }
        double[] sorted = cos.clone();
        Arrays.sort(sorted);
        double atZero = Double.NaN;
        double atHalf = Double.NaN;
        int routed = 0;
        if (router != null) {
            if (router.classifier().inputDim() != ref.dimension()) {
                throw new EngineException("the router takes " + router.classifier().inputDim() + "-d embeddings, the encoders give "
                        + ref.dimension(), "pass the bundle trained with the reference encoder", null);
            }
            routed = n;
            atZero = sameModel(router, ref, cand, texts, policy.withTolerance(0));
            atHalf = sameModel(router, ref, cand, texts, policy.withTolerance(0.5));
        }
        return new Agreement(sum / n, sorted[0], percentile(sorted, 0.01), routed, atZero, atHalf);
    }

    private static double sameModel(TrainedRouter router, Embeddings ref, Embeddings cand, List<String> texts, RoutingPolicy policy)
            throws EngineException {
        List<PromptDecision> a = router.route(ref.data(), texts, policy);
        List<PromptDecision> b = router.route(cand.data(), texts, policy);
        int same = 0;
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).decision().chosenModel() == b.get(i).decision().chosenModel()) {
                same++;
            }
        }
        return (double) same / a.size();
    }

    /**
     * The floor: the bundled MiniLM in a bare ONNX Runtime session (same threads and optimisation level as the
     * encoder), texts sorted by length, tokenised and padded into batches of 64 before the timer; only
     * {@code session.run} is timed.
     */
    static Speed bareOnnx(List<String> texts) throws EngineException {
        byte[] model = resource(OnnxSentenceEmbedder.MINILM_MODEL_RESOURCE);
        byte[] tok = resource(OnnxSentenceEmbedder.MINILM_TOKENIZER_RESOURCE);
        OnnxSentenceEmbedder.Options opt = OnnxSentenceEmbedder.Options.defaults();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        List<String> sorted = new ArrayList<>(texts);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        try (OrtSession.SessionOptions so = OnnxSentenceEmbedder.sessionOptions(opt);
             HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tok),
                     OnnxSentenceEmbedder.tokenizerOptions(opt))) {
            try (OrtSession session = env.createSession(model, so)) {
                boolean types = session.getInputNames().contains("token_type_ids");
                List<Map<String, OnnxTensor>> batches = new ArrayList<>();
                try {
                    for (int start = 0; start < sorted.size(); start += opt.batchSize()) {
                        batches.add(OnnxSentenceEmbedder.PaddedBatch.of(tokenizer.batchEncode(sorted.subList(start, Math.min(sorted.size(), start + opt.batchSize()))))
                                .tensors(env, types));
                    }
                    runAll(session, batches.subList(0, 1));
                    long t0 = System.nanoTime();
                    runAll(session, batches);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    int n = Math.min(LATENCY_TEXTS, texts.size());
                    double[] ms = new double[n];
                    for (int i = 0; i < n; i++) {
                        Map<String, OnnxTensor> one = OnnxSentenceEmbedder.PaddedBatch.of(tokenizer.batchEncode(List.of(texts.get(i))))
                                .tensors(env, types);
                        try {
                            long s = System.nanoTime();
                            runAll(session, List.of(one));
                            ms[i] = (System.nanoTime() - s) / 1e6;
                        } finally {
                            close(one);
                        }
                    }
                    Arrays.sort(ms);
                    return new Speed("bare ONNX Runtime session (all-minilm-l6-v2, pre-tokenised)", texts.size(), seconds,
                            texts.size() / seconds, percentile(ms, 0.50), percentile(ms, 0.95));
                } finally {
                    for (Map<String, OnnxTensor> b : batches) {
                        close(b);
                    }
                }
            }
        } catch (OrtException | IOException e) {
            throw new EngineException("the bare ONNX Runtime baseline failed: " + e.getMessage(), e);
        }
    }

    private static void runAll(OrtSession session, List<Map<String, OnnxTensor>> batches) throws OrtException {
        for (Map<String, OnnxTensor> b : batches) {
            try (OrtSession.Result r = session.run(b, Set.of("last_hidden_state"))) {
                Objects.requireNonNull(r.get(0));
            }
        }
    }

    private static void close(Map<String, OnnxTensor> m) {
        for (OnnxTensor t : m.values()) {
            t.close();
        }
    }

    private static byte[] resource(String name) throws EngineException {
        try (InputStream in = OnnxSentenceEmbedder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new EngineException("class path resource " + name + " is missing", "rebuild FineRouter", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EngineException("cannot read class path resource " + name + ": " + e.getMessage(), e);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
