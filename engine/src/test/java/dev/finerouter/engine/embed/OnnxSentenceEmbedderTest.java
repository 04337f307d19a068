package dev.finerouter.engine.embed;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OnnxSentenceEmbedderTest {
    private static final List<String> SENTENCES = List.of(
            "This is an example sentence",
            "Each sentence is converted",
            "How do I reverse a linked list in Python?",
            "Write a haiku about autumn leaves falling on a quiet pond.",
            "What is the capital of France?",
            "Translate 'good morning' into German, please.",
            "Prove that the square root of two is irrational.",
            "",
            "Ünïcödé tëxt wïth àccents and emoji 🚀 should tokenize fine.",
            "a");

    private static OnnxSentenceEmbedder embedder;

    @BeforeAll
    static void load() throws EngineException {
        embedder = OnnxSentenceEmbedder.allMiniLmL6V2();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void describesTheModel() {
        assertEquals(384, embedder.dimension());
        assertTrue(embedder.inputNames().containsAll(List.of("input_ids", "attention_mask")), embedder.inputNames().toString());
        assertTrue(embedder.id().startsWith("onnx-st:all-minilm-l6-v2:sha256="), embedder.id());
        assertTrue(embedder.id().matches(".*sha256=[0-9a-f]{64}.*"), embedder.id());
    }

    @Test
    void matchesLangchain4jReferenceImplementation() throws EngineException {
        AllMiniLmL6V2EmbeddingModel reference = new AllMiniLmL6V2EmbeddingModel();
        Embeddings ours = embedder.embed(SENTENCES, StageContext.silent(1));
        double worst = 1;
        for (int i = 0; i < SENTENCES.size(); i++) {
            if (SENTENCES.get(i).isEmpty()) {
                continue; // langchain4j rejects blank text
            }
            float[] ref = reference.embed(SENTENCES.get(i)).content().vector();
            double cos = Embeddings.cosine(ours.row(i), ref);
            worst = Math.min(worst, cos);
            assertTrue(cos >= 0.9999, "cosine " + cos + " for: " + SENTENCES.get(i));
        }
        System.out.println("[embed] worst cosine vs langchain4j AllMiniLmL6V2EmbeddingModel: " + worst);
    }

    @Test
    void int8ModelIsAnotherEncoderCloseToTheFp32One() throws EngineException {
        try (OnnxSentenceEmbedder q = OnnxSentenceEmbedder.allMiniLmL6V2Int8(OnnxSentenceEmbedder.Options.defaults())) {
            assertEquals(384, q.dimension());
            assertTrue(q.id().startsWith("onnx-st:all-minilm-l6-v2-q:sha256="), q.id());
            assertTrue(!q.id().equals(embedder.id()), "a router trained with one must not route with the other");
            Embeddings a = embedder.embed(SENTENCES, StageContext.silent(1));
            Embeddings b = q.embed(SENTENCES, StageContext.silent(1));
            double worst = 1;
            boolean anyDifferent = false;
            for (int i = 0; i < SENTENCES.size(); i++) {
                double cos = Embeddings.cosine(a.row(i), b.row(i));
                worst = Math.min(worst, cos);
                anyDifferent |= cos < 0.99999;
            }
            // quantisation moves every vector a little, none far (docs/results/encoder.md: mean 0.99 on the sample)
            assertTrue(worst >= 0.95, "worst cosine int8 vs fp32: " + worst);
            assertTrue(anyDifferent, "the int8 model must not be the fp32 model");
        }
    }

    @Test
    void vectorsAreUnitLengthAndDeterministic() throws EngineException {
        Embeddings a = embedder.embed(SENTENCES, StageContext.silent(1));
        Embeddings b = embedder.embed(SENTENCES, StageContext.silent(2));
        for (int i = 0; i < a.rows(); i++) {
            assertEquals(1.0, a.dot(i, a, i), 1e-5);
            for (int k = 0; k < a.dimension(); k++) {
                assertEquals(a.get(i, k), b.get(i, k), 0f);
            }
        }
    }

    @Test
    void batchOfOneEqualsBatchOfManyAndOrderIsRestored() throws EngineException {
        List<String> texts = new ArrayList<>(SENTENCES);
        Collections.shuffle(texts, new Random(7));
        Embeddings many = embedder.embed(texts, StageContext.silent(1));
        try (OnnxSentenceEmbedder single = OnnxSentenceEmbedder.allMiniLmL6V2(OnnxSentenceEmbedder.Options.defaults().withBatchSize(1));
             OnnxSentenceEmbedder three = OnnxSentenceEmbedder.allMiniLmL6V2(OnnxSentenceEmbedder.Options.defaults().withBatchSize(3))) {
            assertEquals(embedder.id(), single.id(), "batch size must not change the id");
            for (OnnxSentenceEmbedder other : List.of(single, three)) {
                Embeddings e = other.embed(texts, StageContext.silent(1));
                for (int i = 0; i < texts.size(); i++) {
                    for (int k = 0; k < e.dimension(); k++) {
                        assertEquals(many.get(i, k), e.get(i, k), 1e-5, "text " + i + " component " + k);
                    }
                }
            }
            // each text embedded alone is the row at its position
            for (int i = 0; i < texts.size(); i++) {
                Embeddings alone = single.embed(List.of(texts.get(i)), StageContext.silent(1));
                assertTrue(alone.dot(0, many, i) > 0.99999, "order restored for " + texts.get(i));
            }
        }
    }

    @Test
    void paraphrasesAreCloserThanUnrelatedSentences() throws EngineException {
        Embeddings e = embedder.embed(List.of(
                "How do I reverse a linked list?",
                "What is the way to invert a linked list?",
                "Best recipe for chocolate chip cookies"), StageContext.silent(1));
        assertTrue(e.dot(0, e, 1) > e.dot(0, e, 2) + 0.3, e.dot(0, e, 1) + " vs " + e.dot(0, e, 2));
    }

    @Test
    void truncatesAt256WordPieces() throws EngineException {
        String base = "word ".repeat(300);
        Embeddings e = embedder.embed(List.of(base, base + "completely different tail about quantum chromodynamics"),
                StageContext.silent(1));
        assertEquals(1.0, e.dot(0, e, 1), 1e-5, "everything after 256 word pieces is ignored");
        String within = "word ".repeat(200);
        Embeddings f = embedder.embed(List.of(within, within + "completely different tail about quantum chromodynamics"),
                StageContext.silent(1));
        assertTrue(f.dot(0, f, 1) < 0.999, "text before 256 word pieces counts (tokenizer.json says 128)");
        try (OnnxSentenceEmbedder longer = OnnxSentenceEmbedder.allMiniLmL6V2(OnnxSentenceEmbedder.Options.defaults().withMaxLength(512))) {
            assertTrue(!longer.id().equals(embedder.id()), "max length is part of the id");
        }
    }

    @Test
    void reportsProgressAndHonoursCancellation() throws EngineException {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            texts.add("sentence number " + i);
        }
        AtomicBoolean cancel = new AtomicBoolean();
        List<Double> seen = new ArrayList<>();
        try (OnnxSentenceEmbedder small = OnnxSentenceEmbedder.allMiniLmL6V2(OnnxSentenceEmbedder.Options.defaults().withBatchSize(4))) {
            small.embed(texts, StageContext.of(1, (f, m) -> seen.add(f), l -> { }, cancel));
            assertEquals(List.of(0.4, 0.8, 1.0), seen);
            seen.clear();
            StageContext cancelAfterFirst = StageContext.of(1, (f, m) -> {
                seen.add(f);
                cancel.set(true);
            }, l -> { }, cancel);
            assertThrows(CancelledException.class, () -> small.embed(texts, cancelAfterFirst));
            assertEquals(List.of(0.4), seen);
        }
    }

    @Test
    void cachedRealEmbedderGivesTheSameVectors(@TempDir Path root) throws EngineException {
        Embeddings direct = embedder.embed(SENTENCES, StageContext.silent(1));
        for (int round = 0; round < 2; round++) { // round 1 reads the cache written in round 0, after reopening
            try (EmbeddingCache cache = EmbeddingCache.open(root, embedder.id(), embedder.dimension(), EmbeddingCache.Recovery.FAIL)) {
                assertEquals(round == 0 ? 0 : SENTENCES.size(), cache.size());
                Embedder notClosing = new Embedder() { // the shared embedder outlives this decorator
                    public String id() { return embedder.id(); }
                    public int dimension() { return embedder.dimension(); }
                    public Embeddings embed(List<String> t, StageContext c) throws EngineException { return embedder.embed(t, c); }
                    public void close() { }
                };
                try (CachedEmbedder cached = new CachedEmbedder(notClosing, cache, CachedEmbedder.DEFAULT_CHUNK)) {
                    Embeddings e = cached.embed(SENTENCES, StageContext.silent(1));
                    for (int i = 0; i < direct.data().length; i++) {
                        assertEquals(direct.data()[i], e.data()[i], 0f);
                    }
                }
            }
        }
    }

    @Test
    void bringYourOwnDirectoryNeedsTokenizerJson(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        EngineException e = assertThrows(EngineException.class,
                () -> OnnxSentenceEmbedder.fromDirectory(dir, OnnxSentenceEmbedder.Options.defaults()));
        assertTrue(e.getMessage().contains(dir.resolve("tokenizer.json").toString()), e.getMessage());

        EngineException missing = assertThrows(EngineException.class,
                () -> OnnxSentenceEmbedder.fromDirectory(dir.resolve("nope"), OnnxSentenceEmbedder.Options.defaults()));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    @Test
    void bringYourOwnDirectoryWithTheBundledFilesGivesTheSameVectors(@TempDir Path dir) throws Exception {
        try (var m = OnnxSentenceEmbedder.class.getResourceAsStream(OnnxSentenceEmbedder.MINILM_MODEL_RESOURCE);
             var t = OnnxSentenceEmbedder.class.getResourceAsStream(OnnxSentenceEmbedder.MINILM_TOKENIZER_RESOURCE)) {
            Files.copy(m, dir.resolve("model.onnx"));
            Files.copy(t, dir.resolve("tokenizer.json"));
        }
        try (OnnxSentenceEmbedder byo = OnnxSentenceEmbedder.fromDirectory(dir, OnnxSentenceEmbedder.Options.defaults())) {
            assertTrue(byo.id().contains(embedder.id().substring(embedder.id().indexOf("sha256="))), byo.id());
            Embeddings a = byo.embed(SENTENCES, StageContext.silent(1));
            Embeddings b = embedder.embed(SENTENCES, StageContext.silent(1));
            for (int i = 0; i < a.rows(); i++) {
                assertEquals(1.0, a.dot(i, b, i), 1e-6);
            }
        }
    }

    @Test
    void invalidModelBytesAreReportedAsEngineException(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3});
        try (var t = OnnxSentenceEmbedder.class.getResourceAsStream(OnnxSentenceEmbedder.MINILM_TOKENIZER_RESOURCE)) {
            Files.copy(t, dir.resolve("tokenizer.json"));
        }
        EngineException e = assertThrows(EngineException.class,
                () -> OnnxSentenceEmbedder.fromDirectory(dir, OnnxSentenceEmbedder.Options.defaults()));
        assertTrue(e.getMessage().contains("model.onnx"), e.getMessage());
    }
}
