package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.model.RoutingDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 17: data labelled without a train split, output paths checked before long work, the small-test-split warning. */
class DataHardeningCliTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err));
    }

    /** 30 rows over two tasks, every row labelled with {@code split} (or none when null). */
    private Path data(String split) throws Exception {
        Files.writeString(dir.resolve("models.json"), "[{\"name\":\"a\",\"costPerQuery\":0.01},{\"name\":\"b\",\"costPerQuery\":0.02}]");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append("{\"id\":\"").append(i).append("\",\"prompt\":\"prompt number ").append(i).append("\",\"task\":\"")
                    .append(i % 2 == 0 ? "math" : "writing").append("\",\"scores\":{\"a\":1,\"b\":0}")
                    .append(split == null ? "" : ",\"split\":\"" + split + "\"").append("}\n");
        }
        return Files.writeString(dir.resolve("routing.jsonl"), sb.toString());
    }

    @Test
    void encoderChoiceIsCheckedBeforeAnyWork() throws Exception {
        data("train");
        assertEquals(1, run("discover", "--data", dir.toString(), "--no-cache", "--encoder", "minilm-int8", "--encoder-dir",
                dir.toString(), "--out", dir.resolve("a").toString()));
        assertTrue(err.toString().contains("--encoder minilm-int8 and --encoder-dir both choose the encoder"), err.toString());
        assertEquals(1, run("discover", "--data", dir.toString(), "--no-cache", "--encoder", "bert", "--out", dir.resolve("b").toString()));
        assertTrue(err.toString().contains("--encoder must be minilm or minilm-int8, was 'bert'"), err.toString());
        assertFalse(Files.exists(dir.resolve("a")) || Files.exists(dir.resolve("b")), "nothing written");
    }

    @Test
    void allTestDataIsAnErrorWithoutResplit() throws Exception {
        data("test");
        long t0 = System.nanoTime();
        assertEquals(1, run("train", "--data", dir.toString(), "--no-cache", "--out", dir.resolve("run").toString()), err.toString());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "refused before any training");
        String e = err.toString();
        assertTrue(e.contains("the rows' split labels (30 test) include no 'train' row"), e);
        assertTrue(e.contains("--resplit"), e);
        assertFalse(Files.exists(dir.resolve("run")), "nothing written");

        assertEquals(1, run("data", "split", "--data", dir.toString(), "--out", dir.resolve("s1").toString()));
        assertEquals(0, run("data", "split", "--data", dir.toString(), "--out", dir.resolve("s2").toString(), "--resplit"), err.toString());
        assertTrue(out.toString().contains("TRAIN="), out.toString());
    }

    @Test
    void theCheckAcceptsUnlabelledDataAndDataWithATrainSplit() throws Exception {
        data(null);
        RoutingDataset unlabelled = DatasetLoader.load(dir, ImportOptions.STRICT).dataset();
        DatasetSplitter.requireTrainRows(unlabelled, SplitConfig.DEFAULT);
        data("train");
        DatasetSplitter.requireTrainRows(DatasetLoader.load(dir, ImportOptions.STRICT).dataset(), SplitConfig.DEFAULT);
        data("dev");
        RoutingDataset dev = DatasetLoader.load(dir, ImportOptions.STRICT).dataset();
        EngineException e = assertThrows(EngineException.class, () -> DatasetSplitter.requireTrainRows(dev, SplitConfig.DEFAULT));
        assertTrue(e.getMessage().contains("(30 dev)"), e.getMessage());
        DatasetSplitter.requireTrainRows(dev, new SplitConfig(42, 0.8, 0.1, 0.1, true));
    }

    @Test
    void outputPathsAreCheckedBeforeTheWorkStarts() throws Exception {
        data(null);
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertEquals(1, run("train", "--data", dir.toString(), "--no-cache", "--out", file.toString()));
        assertTrue(err.toString().contains("--out " + file + " is an existing file, but a folder is needed"), err.toString());

        Path folder = Files.createDirectories(dir.resolve("a-folder.frb"));
        assertEquals(1, run("train", "--data", dir.toString(), "--no-cache", "--out", dir.resolve("run").toString(), "--bundle", folder.toString()));
        assertTrue(err.toString().contains("--bundle " + folder + " is an existing folder, but a file is needed"), err.toString());

        assertEquals(1, run("discover", "--data", dir.toString(), "--no-cache", "--out", file.resolve("sub").toString()));
        assertTrue(err.toString().contains("cannot be created: " + file + " is a file, not a folder"), err.toString());

        Path notABundle = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(notABundle.resolve("cat.jpg"), "meow");
        assertEquals(1, run("train", "--data", dir.toString(), "--no-cache", "--out", dir.resolve("run").toString(), "--bundle", notABundle.toString()));
        assertTrue(err.toString().contains("is not a router bundle; refusing to replace it"), err.toString());
        assertFalse(Files.exists(dir.resolve("run")), "nothing was trained or written");

        assertEquals(1, run("replay", "--log", dir.toString(), "--bundle", "../engine/src/test/resources/golden-bundle/bundle", "--out", folder.toString()));
        assertTrue(err.toString().contains("--out " + folder + " is an existing folder, but a file is needed"), err.toString());
    }

    @Test
    void aSmallTestSplitIsWarnedAbout() {
        String w = TrainCommand.smallTestSplitWarning(2).orElseThrow();
        assertTrue(w.startsWith("warning: the test split has only 2 prompts (fewer than 100)"), w);
        assertTrue(w.contains("50.0 points"), w);
        assertTrue(TrainCommand.smallTestSplitWarning(99).isPresent());
        assertTrue(TrainCommand.smallTestSplitWarning(100).isEmpty());
    }
}
