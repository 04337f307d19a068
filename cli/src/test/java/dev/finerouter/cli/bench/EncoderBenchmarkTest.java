package dev.finerouter.cli.bench;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.embed.Embeddings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncoderBenchmarkTest {
    private static final List<String> TEXTS = List.of("Solve for x: 4 x + 9 = 21", "Write a Python function that reverses a list",
            "Translate 'good morning' into French", "Who wrote Hamlet?");

    @Test
    void percentileIsNearestRank() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, EncoderBenchmark.percentile(v, 0.5));
        assertEquals(10, EncoderBenchmark.percentile(v, 0.95));
        assertEquals(1, EncoderBenchmark.percentile(v, 0.01));
        assertTrue(Double.isNaN(EncoderBenchmark.percentile(new double[0], 0.5)));
    }

    @Test
    void identicalVectorsAgreeEverywhereAndAnOrthogonalOneIsTheMinimum() throws Exception {
        RouterBundle golden = BundleReader.read(Path.of("../engine/src/test/resources/golden-bundle/bundle"));
        float[] v = TrigramEmbedder.vectors(TEXTS);
        int dim = v.length / TEXTS.size();
        Embeddings ref = new Embeddings(v, TEXTS.size(), dim);
        EncoderBenchmark.Agreement same = EncoderBenchmark.agreement(ref, new Embeddings(v.clone(), TEXTS.size(), dim), TEXTS,
                golden.router(), golden.defaultPolicy());
        assertEquals(1.0, same.cosineMean(), 1e-6);
        assertEquals(1.0, same.agreementAtZero());
        assertEquals(1.0, same.agreementAtHalf());
        assertEquals(TEXTS.size(), same.routedPrompts());

        // the last text's vector replaced by one orthogonal to it: cosine 0 is the minimum, the mean is 3/4
        float[] w = v.clone();
        int base = 3 * dim;
        float[] orth = new float[dim];
        int i = 0;
        while (v[base + i] == 0) {
            i++;
        }
        int j = (i + 1) % dim;
        orth[i] = -v[base + j];
        orth[j] = v[base + i];
        System.arraycopy(orth, 0, w, base, dim);
        EncoderBenchmark.Agreement off = EncoderBenchmark.agreement(ref, new Embeddings(w, TEXTS.size(), dim), TEXTS, null, null);
        assertEquals(0.0, off.cosineMin(), 1e-6);
        assertEquals(0.75, off.cosineMean(), 1e-6);
        assertTrue(Double.isNaN(off.agreementAtZero()));
        assertEquals(0, off.routedPrompts());
    }

    @Test
    void encodersOfDifferentDimensionsAreRefused() {
        Embeddings a = new Embeddings(new float[8], 2, 4);
        Embeddings b = new Embeddings(new float[6], 2, 3);
        assertThrows(EngineException.class, () -> EncoderBenchmark.agreement(a, b, List.of("x", "y"), null, null));
    }
}
