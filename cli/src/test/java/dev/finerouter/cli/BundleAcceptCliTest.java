package dev.finerouter.cli;

import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.bundle.TrigramEmbedder;
import dev.finerouter.engine.drift.DriftProposal;
import dev.finerouter.engine.drift.DriftProposals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code finerouter bundle accept} end to end on the golden bundle, with its test encoder. */
class BundleAcceptCliTest {
    private static final Path GOLDEN = Path.of("../engine/src/test/resources/golden-bundle/bundle");
    @TempDir
    Path tmp;

    /** The commands open the trigram test encoder instead of the bundle's (passed to each run, no global). */
    private final EncoderOpener encoders = (encoder, override) -> new TrigramEmbedder();

    /** One proposal whose center is task 2's vector ("short poems"), with one example prompt. */
    private Path proposals(RouterBundle g) throws Exception {
        int d = g.router().classifier().taskVectorDim();
        float[] center = Arrays.copyOfRange(g.router().classifier().parameters().values("task.vectors"), 2 * d, 3 * d);
        DriftProposal p = new DriftProposal("drift-1", "Write haiku", 12, List.of("Write a haiku about snow"), Map.of("bard-mini", 0.02),
                Map.of("bard-mini", 0.95), center, "Write short poems", 0.9, "Write short poems", 1.0, null, Double.NaN);
        Path dir = tmp.resolve("drift");
        new DriftProposals("golden", GOLDEN.toString(), 12, 0, 1, 0.8, List.of(p), List.of()).write(dir);
        return dir.resolve("proposals.json");
    }

    private int run(String... args) {
        return FineRouterCli.run(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), encoders);
    }

    @Test
    void calibratedByDefaultMedianOnRequest() throws Exception {
        RouterBundle g = BundleReader.read(GOLDEN);
        Path proposals = proposals(g);
        float[] old = g.router().classifier().taskBiases();
        float[] sorted = old.clone();
        Arrays.sort(sorted);

        Path calibrated = tmp.resolve("calibrated.frb");
        assertEquals(0, run("bundle", "accept", "--bundle", GOLDEN.toString(), "--proposals", proposals.toString(), "--accept", "drift-1",
                "--out", calibrated.toString()));
        RouterBundle c = BundleReader.read(calibrated);
        assertEquals(4, c.router().tasks().size());
        assertTrue(c.router().classifier().taskBiases()[3] > sorted[1], "raised above the median for the example to reach it");
        assertEquals("calibrated on each proposal's example prompts", c.manifest().hyperparameters().path("drift").path("biases").asText());

        Path median = tmp.resolve("median.frb");
        assertEquals(0, run("bundle", "accept", "--median-bias", "--bundle", GOLDEN.toString(), "--proposals", proposals.toString(),
                "--accept", "drift-1", "--out", median.toString()));
        assertEquals(sorted[1], BundleReader.read(median).router().classifier().taskBiases()[3]);
        assertEquals(0, run("bundle", "verify", median.toString()));
    }
}
