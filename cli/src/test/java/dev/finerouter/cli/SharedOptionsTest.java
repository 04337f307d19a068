package dev.finerouter.cli;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.pipeline.TrainingConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The options the commands share (the Stage-1 knobs, {@code --epochs}, the bench commands' {@code --out}) parse to the
 * knobs' defaults and to the same values in every command that mixes them in.
 */
class SharedOptionsTest {
    /** The command object picocli fills for {@code args} (parsed only, not run). */
    private static Object parsed(String... args) {
        CommandLine.ParseResult r = new CommandLine(new FineRouterCli()).parseArgs(args);
        while (r.hasSubcommand()) {
            r = r.subcommand();
        }
        return r.commandSpec().userObject();
    }

    @Test
    void stage1OptionsDefaultToTheKnobs() throws Exception {
        for (String command : new String[]{"discover", "train", "eval"}) {
            Object c = parsed(command, "--data", "x");
            Stage1Options o = c instanceof DiscoverCommand d ? d.stage1 : ((TrainCommand) c).stage1;
            assertEquals(Stage1Config.defaults(), o.config().stage1(), command);
        }
        assertEquals(Stage1Config.defaults(), ((BenchWhatIfCommand) parsed("bench", "whatif", "--data", "x")).stage1.config().stage1());
        Stage1Options o = ((TrainCommand) parsed("train", "--data", "x", "--k", "7", "--tau", "0.5", "--levels", "2", "--delta", "0.9",
                "--min-task-size", "3", "--rbo-p", "0.7", "--resolution", "2")).stage1;
        assertEquals(Stage1Config.builder().k(7).tau(0.5).levels(2).delta(0.9).minTaskSize(3).rboPersistence(0.7).leidenResolution(2)
                .build(), o.config().stage1());
        assertTrue(o.levelsGiven(), "ℓ given: used as given");
        assertFalse(((TrainCommand) parsed("eval", "--data", "x")).stage1.levelsGiven(), "ℓ not given: train and eval choose it on dev");
        assertEquals(Path.of(Stage1Options.DEFAULT_CACHE_DIR), o.cacheDir);
        assertEquals(Path.of(Stage1Options.DEFAULT_CACHE_DIR), ((DoctorCommand) parsed("doctor")).cacheDir);
    }

    @Test
    void epochsCapEveryTrainingPhaseOnlyWhenGiven() {
        TrainingConfig base = TrainingConfig.defaults(3);
        assertSame(base, ((TrainCommand) parsed("train", "--data", "x")).epochs.applyTo(base));
        assertEquals(Knobs.EPOCHS.intDefault(), base.classifier().epochs());
        TrainingConfig three = ((BenchWhatIfCommand) parsed("bench", "whatif", "--data", "x", "--epochs", "3")).epochs.applyTo(base);
        assertEquals(3, three.classifier().epochs());
        assertEquals(3, three.estimator().phase1Epochs());
        assertEquals(3, three.estimator().phase2Epochs());
        assertEquals(base.classifierHoldout(), three.classifierHoldout());
        assertEquals(base.preset(), three.preset());
        assertEquals(base.device(), three.device());
    }

    @Test
    void eachBenchWritesItsOwnFileByDefault() {
        Map<String, BenchOutOption> outs = Map.of(
                "bench-load.json", ((BenchCommand.Load) parsed("bench", "load", "--data", "x")).out,
                "bench-discovery.json", ((BenchCommand.Discovery) parsed("bench", "discovery", "--data", "x")).out,
                "bench-serve-soak.json", ((BenchCommand.ServeSoak) parsed("bench", "serve-soak", "--data", "x", "--bundle", "b")).out,
                "bench-encoder.json", ((BenchEncoderCommand) parsed("bench", "encoder", "--data", "x")).out,
                "bench-whatif.json", ((BenchWhatIfCommand) parsed("bench", "whatif", "--data", "x")).out);
        outs.forEach((name, out) -> assertEquals(Path.of(name), out.file, name));
        assertEquals(Path.of("r.json"), ((BenchCommand.Load) parsed("bench", "load", "--data", "x", "-o", "r.json")).out.file);
    }

    @Test
    void helpShowsTheKnobsValues() {
        StringWriter out = new StringWriter();
        FineRouterCli.run(new String[]{"train", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("RBO threshold τ (paper: " + Knobs.TAU.defaultValue() + ")"), help);
        assertTrue(help.contains("Epochs of each training phase (paper: " + Knobs.EPOCHS.intDefault() + ")"), help);
        assertTrue(help.contains("Smaller communities go to Others (default: " + Knobs.MIN_TASK_SIZE.intDefault() + ")"), help);
        for (String command : new String[]{"route", "serve", "calibrate", "replay"}) {
            StringWriter o = new StringWriter();
            FineRouterCli.run(new String[]{command, "--help"}, new PrintWriter(o), new PrintWriter(new StringWriter()));
            assertTrue(o.toString().replaceAll("\\s+", " ").contains("--encoder-dir=DIR ONNX encoder folder, when the bundle's is not where it was."),
                    command + ": " + o);
        }
    }
}
