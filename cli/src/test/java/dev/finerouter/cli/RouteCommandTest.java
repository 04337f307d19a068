package dev.finerouter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.model.HumanNumbers;
import dev.finerouter.cli.serve.DecisionJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20: {@code finerouter route} lines carry the input's id (or line number), and numbers are rounded for people. */
class RouteCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NUMBER = Pattern.compile("\"(cost|predicted|taskMedian|final|taskProbability)\":(-?[0-9.eE+-]+)");

    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** The commands open the trigram test encoder instead of the bundle's (passed to each run, no global). */
    private final EncoderOpener encoders = (encoder, override) -> new TrigramEmbedder();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return FineRouterCli.run(args, new PrintWriter(out), new PrintWriter(err), encoders);
    }

    /** Every number of a route line is plain, costs have at most 4 significant digits and scores at most 4 decimals. */
    private static void assertRounded(String line) {
        Matcher m = NUMBER.matcher(line);
        int found = 0;
        while (m.find()) {
            found++;
            String v = m.group(2);
            assertFalse(v.contains("E") || v.contains("e"), "plain notation: " + line);
            if (m.group(1).equals("cost")) {
                String digits = v.replace("-", "").replace(".", "").replaceFirst("^0+", "");
                assertTrue(digits.length() <= 4, "at most 4 significant digits: " + v + " in " + line);
            } else {
                int dot = v.indexOf('.');
                assertTrue(dot < 0 || v.length() - dot - 1 <= 4, "at most 4 decimals: " + v + " in " + line);
            }
        }
        assertTrue(found > 0, "numbers found in " + line);
    }

    @Test
    void onePromptGetsIdOneAndRoundedNumbers() throws Exception {
        assertEquals(0, run("route", "--bundle", BundleCliTest.GOLDEN.toString(), "--prompt", "Write a short poem about the sea", "--explain"),
                err.toString());
        String line = out.toString().trim();
        System.out.println(line);
        JsonNode n = JSON.readTree(line);
        assertEquals(1, n.path("id").asInt(), line);
        assertTrue(line.startsWith("{\"id\":1,\"model\":"), "id first: " + line);
        assertRounded(line);
    }

    @Test
    void inputLinesKeepTheirIdOrGetTheirLineNumber() throws Exception {
        Path in = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"sea\",\"prompt\":\"Write a short poem about the sea\"}\n"
                + "\"Solve for x: 2 x + 1 = 5\"\n\n{\"prompt\":\"What is the capital of France?\"}\n{\"id\":42,\"prompt\":\"Another poem\"}\n");
        assertEquals(0, run("route", "--bundle", BundleCliTest.GOLDEN.toString(), "--input", in.toString(), "--explain"), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertEquals("sea", JSON.readTree(lines.get(0)).path("id").asText());
        assertEquals(2, JSON.readTree(lines.get(1)).path("id").asInt(), "a plain string: its line number");
        assertEquals(4, JSON.readTree(lines.get(2)).path("id").asInt(), "no id: its line number, blank lines counted");
        assertEquals(42, JSON.readTree(lines.get(3)).path("id").asInt());
        lines.forEach(RouteCommandTest::assertRounded);
    }

    @Test
    void roundingIsPlainAndKeepsFourSignificantDigits() {
        assertEquals("0.0001575", HumanNumbers.significant(1.5749999999999998E-4, 4).toPlainString());
        assertEquals("100", HumanNumbers.significant(100.0, 4).toPlainString());
        assertEquals("12350", HumanNumbers.significant(12345.0, 4).toPlainString());
        assertEquals("0.6667", HumanNumbers.decimals(2 / 3.0, 4).toPlainString());
        assertEquals("1", HumanNumbers.decimals(1.0, 4).toPlainString());
        ObjectNode o = DecisionJson.MAPPER.createObjectNode();
        o.put("cost", HumanNumbers.significant(1.2345e-8, 4));
        assertEquals("{\"cost\":0.00000001235}", DecisionJson.text(o), "no exponent even for tiny costs");
    }
}
