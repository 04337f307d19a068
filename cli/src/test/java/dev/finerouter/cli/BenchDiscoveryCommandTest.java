package dev.finerouter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code finerouter bench discovery} on a tiny labelled set: writes JSON, prints the table and the agreement rows. */
class BenchDiscoveryCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Path data() throws Exception {
        Files.writeString(dir.resolve("models.json"),
                "[{\"name\":\"a\",\"costPerQuery\":0.01},{\"name\":\"b\",\"costPerQuery\":0.02},{\"name\":\"c\",\"costPerQuery\":0.03}]");
        StringBuilder sb = new StringBuilder();
        String[][] topics = {{"math", "add", "Add the numbers %d and %d."}, {"math", "mult", "Multiply %d by %d please."},
                {"code", "sort", "Write Python code to sort a list of %d items, then %d more."},
                {"code", "regex", "Write a regex matching %d digits followed by %d letters."}};
        int id = 0;
        for (int t = 0; t < topics.length; t++) {
            for (int i = 0; i < 12; i++) {
                String prompt = String.format(Locale.ROOT, topics[t][2], i + 3, 7 * i + t);
                float a = t % 2 == 0 ? 1 : 0;
                sb.append(String.format(Locale.ROOT,
                        "{\"id\":\"%d\",\"prompt\":\"%s\",\"task\":\"%s\",\"subtask\":\"%s\",\"split\":\"train\","
                                + "\"scores\":{\"a\":%.1f,\"b\":%.1f,\"c\":0.5}}%n",
                        id++, prompt, topics[t][0], topics[t][1], a, 1 - a));
            }
        }
        return Files.writeString(dir.resolve("routing.jsonl"), sb.toString());
    }

    @Test
    void writesJsonAndPrintsTheTable() throws Exception {
        data();
        Path json = dir.resolve("bench.json");
        int code = FineRouterCli.run(new String[] {"bench", "discovery", "--data", dir.toString(), "--no-cache", "--k", "3",
                "--min-task-size", "2", "--levels", "2", "--embed-sample", "8", "--out", json.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("δ re-select"), text);
        assertTrue(text.contains("benchmark label only"), text);
        assertTrue(text.contains("k-means, k = sub-tasks = 4"), text);
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        int train = r.get("trainPrompts").asInt();
        assertTrue(train > 30 && train <= 48, "train prompts " + train);
        assertEquals(4, r.get("subTasks").asInt());
        assertEquals(4, r.get("agreement").size());
        assertEquals("exact", r.get("index").asText());
        assertTrue(r.get("timings").get("embedTextsPerSecond").asDouble() > 0);
        // benchmark label vs 4 sub-tasks: 2 clusters that each merge two sub-tasks (NMI 2/3 for equal sizes)
        JsonNode bench = r.get("agreement").get(1);
        assertEquals(2, bench.get("clusters").asInt());
        assertEquals(2.0 / 3.0, bench.get("nmi").asDouble(), 0.05);
    }

    @Test
    void ivfReportsItsSettingsAndRecall() throws Exception {
        data();
        Path json = dir.resolve("bench-ivf.json");
        int code = FineRouterCli.run(new String[] {"bench", "discovery", "--data", dir.toString(), "--no-cache", "--k", "3",
                "--min-task-size", "2", "--levels", "1", "--embed-sample", "0", "--no-kmeans", "--index", "ivf",
                "--out", json.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("IVF lists / nprobe / validation recall"), out.toString());
        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertEquals("ivf", r.get("index").asText());
        int train = r.get("trainPrompts").asInt();
        assertTrue(r.get("distinctVectors").asInt() >= 1 && r.get("distinctVectors").asInt() <= train, r.toString());
        JsonNode ivf = r.get("ivf");
        assertTrue(ivf.get("lists").asInt() >= 1 && ivf.get("probes").asInt() >= 1, ivf.toString());
        assertTrue(ivf.get("validationRecall").asDouble() >= 0.95, ivf.toString());
        assertEquals(train, r.get("recallRows").asInt());
        assertTrue(r.get("tieAwareRecallAtK").asDouble() >= 0.9, r.toString());
    }

    @Test
    void rejectsAnUnknownIndex() throws Exception {
        data();
        int code = FineRouterCli.run(new String[] {"bench", "discovery", "--data", dir.toString(), "--no-cache", "--index", "lsh"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("unknown --index lsh"), err.toString());
    }
}
