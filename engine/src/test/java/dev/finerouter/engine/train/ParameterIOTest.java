package dev.finerouter.engine.train;

import dev.finerouter.engine.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterIOTest {
    @Test
    void roundTripKeepsNamesShapesOrderAndBits(@TempDir Path dir) throws Exception {
        float[] big = new float[200_001];
        Random r = new Random(1);
        for (int i = 0; i < big.length; i++) {
            big[i] = (float) r.nextGaussian();
        }
        big[5] = Float.NaN;
        big[6] = -0f;
        ParameterSet p = ParameterSet.builder()
                .put("b.weight", big, 200_001)
                .put("a.bias", new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                .put("empty", new float[0], 0, 4)
                .build();
        Path file = dir.resolve("x.params");
        ParameterIO.write(p, file);
        ParameterSet q = ParameterIO.read(file);
        assertEquals(p, q);
        assertEquals(Arrays.asList("b.weight", "a.bias", "empty"), q.names());
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(q.values("b.weight")[6]));
    }

    @Test
    void layoutIsTheDocumentedOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.params");
        ParameterIO.write(ParameterSet.builder().put("w", new float[] {1.5f, -2f}, 1, 2).build(), file);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals('F', b.get());
        assertEquals('R', b.get());
        assertEquals('P', b.get());
        assertEquals('S', b.get());
        assertEquals(1, b.getInt());
        assertEquals(1, b.getInt());
        assertEquals(1, b.getShort());
        assertEquals('w', b.get());
        assertEquals(2, b.getInt());
        assertEquals(1L, b.getLong());
        assertEquals(2L, b.getLong());
        b.order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5f, b.getFloat());
        assertEquals(-2f, b.getFloat());
        assertEquals(8, b.remaining());
    }

    @Test
    void corruptOrTruncatedFilesAreRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.params");
        ParameterIO.write(ParameterSet.builder().put("w", new float[] {1, 2, 3}, 3).build(), file);
        byte[] bytes = Files.readAllBytes(file);
        byte[] flipped = bytes.clone();
        flipped[30] ^= 1;
        Files.write(file, flipped);
        EngineException e = assertThrows(EngineException.class, () -> ParameterIO.read(file));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
        assertTrue(assertThrows(EngineException.class, () -> ParameterIO.read(file)).getMessage().contains("truncated"));
        Files.writeString(file, "hello world, not params");
        assertTrue(assertThrows(EngineException.class, () -> ParameterIO.read(file)).getMessage().contains("not a FineRouter"));
    }

    @Test
    void configsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> EstimatorConfig.defaults(1).withBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> EstimatorConfig.defaults(1).withLearningRates(Float.NaN, 1e-3f));
        assertThrows(IllegalArgumentException.class, () -> ClassifierConfig.defaults(1).withEpochs(0));
        assertThrows(IllegalArgumentException.class, () -> new PromptScores(new float[4], 2, 2, new float[] {0.5f, 1.5f}, 1, new int[] {0, -1}));
    }
}
