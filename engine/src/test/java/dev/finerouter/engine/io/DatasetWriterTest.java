package dev.finerouter.engine.io;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetWriterTest {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEverythingIncludingMissingScores() throws Exception {
        List<Prompt> prompts = List.of(new Prompt("a", "multi\nline \"quoted\" ✓", "qa", "qa-1", Split.TRAIN),
                new Prompt("b", "second", null, null, Split.DEV));
        ModelPool pool = new ModelPool(List.of(new ModelSpec("m1", "Model One", 0.002, null, null),
                new ModelSpec("m2", null, null, 0.00397, 0.0015)));
        ScoreMatrix scores = ScoreMatrix.ofRows(new float[] {0.125f, Float.NaN}, new float[] {1f, 0f});
        RoutingDataset d = new RoutingDataset("x", "f", prompts, pool, scores, null);
        DatasetWriter.writeJsonl(d, dir.resolve("routing.jsonl"));
        DatasetWriter.writeModelsJson(pool, dir.resolve("models.json"));

        RoutingDataset back = DatasetLoader.load(dir, ImportOptions.STRICT).dataset();
        assertEquals(prompts, back.prompts());
        assertEquals(scores, back.scores());
        assertEquals(pool, back.pool());
        String first = Files.readAllLines(dir.resolve("routing.jsonl")).get(0);
        assertEquals("{\"id\":\"a\",\"prompt\":\"multi\\nline \\\"quoted\\\" ✓\",\"task\":\"qa\",\"subtask\":\"qa-1\","
                + "\"split\":\"train\",\"scores\":{\"m1\":0.125}}", first);
    }

    @Test
    void failedWriteLeavesThePreviousFileIntact() throws Exception {
        Path target = Files.writeString(dir.resolve("out.txt"), "previous");
        assertThrows(dev.finerouter.engine.EngineException.class, () -> AtomicFiles.write(target, out -> {
            out.write("partial".getBytes());
            throw new java.io.IOException("disk full");
        }));
        assertEquals("previous", Files.readString(target));
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            AtomicFiles.writeString(target, "new");
            assertTrue(Files.getPosixFilePermissions(target).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ)
                    || Files.getPosixFilePermissions(dir).stream().noneMatch(p -> p.name().startsWith("OTHERS")),
                    "written files follow the umask, not owner-only temp-file permissions");
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
