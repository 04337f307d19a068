package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.stage.StageContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageCacheTest {
    @TempDir
    Path dir;

    @Test
    void secondComputationWithTheSameInputsIsAHit() throws Exception {
        StageCache cache = StageCache.at(dir);
        AtomicInteger computed = new AtomicInteger();
        StageCache.Key key = StageCache.Key.of("embed", 1, "data-sha", "minilm");
        float[] first = cache.getOrCompute(key, StageCache.Codecs.FLOATS, StageContext.silent(1), () -> {
            computed.incrementAndGet();
            return new float[] {1f, Float.NaN, -2.5f};
        });
        float[] second = StageCache.at(dir).getOrCompute(key, StageCache.Codecs.FLOATS, StageContext.silent(1), () -> {
            computed.incrementAndGet();
            return new float[0];
        });
        assertEquals(1, computed.get());
        assertArrayEquals(first, second);
    }

    @Test
    void keysDependOnEveryInputAndTheirBoundaries() {
        StageCache.Key a = StageCache.Key.of("knn", 1, "ab", "c");
        assertEquals(a, StageCache.Key.of("knn", 1, "ab", "c"));
        assertNotEquals(a.hash(), StageCache.Key.of("knn", 1, "a", "bc").hash(), "inputs are length-prefixed");
        assertNotEquals(a.hash(), StageCache.Key.of("knn", 2, "ab", "c").hash(), "a new stage version is a miss");
        assertNotEquals(a.hash(), StageCache.Key.of("rbo", 1, "ab", "c").hash());
    }

    @Test
    void corruptEntryIsAMissAndGetsRewritten() throws Exception {
        StageCache cache = StageCache.at(dir);
        StageCache.Key key = StageCache.Key.of("describe", 1, "x");
        cache.put(key, List.of("one", "two"), StageCache.Codecs.STRINGS);
        Path file = dir.resolve("describe").resolve(key.hash() + ".bin");
        Files.write(file, new byte[] {0, 0, 0, 9, 1});
        assertTrue(cache.get(key, StageCache.Codecs.STRINGS).isEmpty());
        List<String> again = cache.getOrCompute(key, StageCache.Codecs.STRINGS, StageContext.silent(1), () -> List.of("three"));
        assertEquals(List.of("three"), again);
        assertEquals(List.of("three"), cache.get(key, StageCache.Codecs.STRINGS).orElseThrow());
    }

    @Test
    void disabledCacheAlwaysComputes() throws Exception {
        StageCache cache = StageCache.disabled();
        AtomicInteger computed = new AtomicInteger();
        StageCache.Key key = StageCache.Key.of("s", 1);
        for (int i = 0; i < 2; i++) {
            cache.getOrCompute(key, StageCache.Codecs.INTS, StageContext.silent(1), () -> {
                computed.incrementAndGet();
                return new int[] {1};
            });
        }
        assertEquals(2, computed.get());
    }
}
