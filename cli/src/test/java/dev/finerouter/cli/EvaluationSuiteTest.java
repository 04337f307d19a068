package dev.finerouter.cli;

import dev.finerouter.engine.io.DatasetWriter;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.pipeline.ToyRoutingData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter eval} end to end on the toy data: every router of the paper's table is evaluated and reported. */
class EvaluationSuiteTest {
    @TempDir
    Path dir;

    @Test
    void evalCommandWritesTheFullTable() throws Exception {
        RoutingDataset data = ToyRoutingData.create(40, i -> i % 10 == 0 ? Split.TEST : i % 10 == 1 ? Split.DEV : Split.TRAIN);
        DatasetWriter.writeJsonl(data, dir.resolve("data/routing.jsonl"));
        DatasetWriter.writeModelsJson(data.pool(), dir.resolve("data/models.json"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = FineRouterCli.run(new String[] {"eval", "--data", dir.resolve("data").toString(), "--out", dir.resolve("out").toString(),
            "--cache-dir", dir.resolve("cache").toString(), "--levels", "1", "--epochs", "8", "--device", "cpu"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        String table = Files.readString(dir.resolve("out/evaluation.md"));
        for (String router : new String[] {"| translator |", "| Oracle |", "| Random |", "| Cheapest |", "| kNN |", "| MLP |", "| MF |",
            "| Stage 1 only: nearest center |", "| Stage 1 only: coarse tasks |", "| Stage 1 only: fine classifier |",
            "| Stage 2 only (general adapters, α = 1) |", "| Cluster router (Avengers-Pro) |", "| HierShrink (2-level k-means) |",
            "| FineRouter, paper rule (α = 0.50) |", "| FineRouter (α = "}) {
            assertTrue(table.contains(router), router + " missing from\n" + table);
        }
        assertTrue(Files.readString(dir.resolve("out/evaluation.json")).contains("\"fingerprint\""));
        String choices = table.substring(table.indexOf("## Settings chosen on train/dev (never on test)"));
        assertTrue(choices.contains("\n- FineRouter: robust rule: k = ") && choices.contains("cross-validated")
                && choices.contains("\n- kNN: k = ") && choices.contains("\n- Cluster router (Avengers-Pro): K = ")
                && choices.contains("\n- HierShrink (2-level k-means): K1 = "), "what each router chose on dev: " + choices);
        assertTrue(choices.indexOf("\n## Notes") > 0, "the dev choices come before the notes");
        assertTrue(err.toString().contains("robust rule: k = "), "the default preset tunes its rule on dev (progress log): " + err);
        assertTrue(out.toString().contains("FineRouter (α = "), out.toString());
        assertTrue(table.split("\n")[2].startsWith("**Verdict:** FineRouter: "), "the verdict follows the title: " + table);
        int verdict = out.toString().indexOf("\nverdict: FineRouter: ");
        assertTrue(verdict >= 0 && verdict < out.toString().indexOf("\nwrote "), "the verdict opens the closing lines: " + out);
        assertTrue(Files.isRegularFile(dir.resolve("out/router.frb")), "a bundle is written by default");
        StringWriter verify = new StringWriter();
        assertEquals(0, FineRouterCli.run(new String[] {"bundle", "verify", dir.resolve("out/router.frb").toString()},
                new PrintWriter(verify), new PrintWriter(new StringWriter())), "the exported bundle verifies");
    }
}
