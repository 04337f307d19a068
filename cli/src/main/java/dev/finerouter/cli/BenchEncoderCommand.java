package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.cli.bench.EncoderBenchmark;
import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.embed.OnnxSentenceEmbedder;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.model.RoutingDataset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code finerouter bench encoder}: encoder throughput and latency against a bare ONNX Runtime session, and a candidate's agreement. */
@Command(name = "encoder", mixinStandardHelpOptions = true,
        description = {"Time the sentence encoder uncached, in batches and one text at a time, against a bare ONNX Runtime session "
                + "running the same model on pre-tokenised texts in the same run.",
                "With --candidate-dir, also time another encoder (e.g. an int8-quantised MiniLM) and measure its cosine agreement "
                + "with the bundled one.",
                "With --bundle, measure how often a router trained with the bundled encoder makes the same decision from the "
                + "candidate's vectors."})
final class BenchEncoderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = {"-d", "--data"}, required = true, paramLabel = "PATH", defaultValue = "${env:FINEROUTER_SAMPLE:-${sys:finerouter.sample}}",
            description = "Dataset whose prompts are embedded: its test split, or all prompts without splits (default: the bundled sample).")
    Path data;
    @Option(names = "--limit", defaultValue = "2000", description = "At most this many prompts (default: ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--candidate-dir", paramLabel = "DIR",
            description = "A folder with model.onnx and tokenizer.json to compare with the bundled all-MiniLM-L6-v2.")
    Path candidateDir;
    @Option(names = "--bundle", paramLabel = "PATH",
            description = "A router bundle trained with the bundled encoder: measures the routing agreement of the candidate.")
    Path bundle;
    @Mixin
    BenchOutOption out;

    @Override
    public Integer call() throws EngineException {
        PrintWriter err = spec.commandLine().getErr();
        if (limit < 1) {
            throw new EngineException("--limit must be ≥ 1, was " + limit, "pass a positive number of prompts", null);
        }
        OutputPaths.requireFile(out.file, "--out");
        RoutingDataset dataset = DatasetLoader.load(data, ImportOptions.STRICT).dataset();
        List<String> texts = EncoderBenchmark.texts(dataset, limit);
        RouterBundle b = bundle == null ? null : BundleReader.read(bundle);
        EncoderBenchmark.Result r;
        try (Embedder reference = OnnxSentenceEmbedder.allMiniLmL6V2();
             Embedder candidate = candidateDir == null ? null
                     : OnnxSentenceEmbedder.fromDirectory(candidateDir, OnnxSentenceEmbedder.Options.defaults())) {
            if (b != null && !b.router().encoderId().equals(reference.id())) {
                throw new EngineException("the bundle " + bundle + " was trained with " + b.router().encoderId() + ", not the bundled encoder",
                        "pass a bundle trained with the bundled all-MiniLM-L6-v2", null);
            }
            r = EncoderBenchmark.run(dataset.name(), texts, reference, candidate, b == null ? null : b.router(),
                    b == null ? null : b.defaultPolicy(), line -> {
                        err.println(line);
                        err.flush();
                    });
        }
        out.writeJson(r);
        print(spec.commandLine().getOut(), r);
        spec.commandLine().getOut().println("wrote " + out.file);
        return FineRouterCli.OK;
    }

    static void print(PrintWriter pw, EncoderBenchmark.Result r) {
        pw.printf(Locale.ROOT, "encoder bench: %s, %,d texts (mean %.0f characters); %d cores, load %.2f → %.2f, Java %s%n", r.dataset(),
                r.texts(), r.meanChars(), r.availableProcessors(), r.loadAverageStart(), r.loadAverageEnd(), r.javaVersion());
        TextTable t = new TextTable("encoder", ">texts/s (batches)", ">one text p50 ms", ">p95 ms");
        row(t, "bare ONNX Runtime (baseline)", r.bareOnnxBaseline());
        row(t, "bundled encoder", r.reference());
        if (r.candidate() != null) {
            row(t, "candidate", r.candidate());
        }
        pw.print(t.render());
        if (r.agreement() != null) {
            EncoderBenchmark.Agreement a = r.agreement();
            pw.printf(Locale.ROOT, "candidate vs bundled: cosine mean %.5f, 1st percentile %.5f, min %.5f%n", a.cosineMean(), a.cosineP1(),
                    a.cosineMin());
            if (a.routedPrompts() > 0) {
                pw.printf(Locale.ROOT, "same routing decision on %.1f%% of %,d prompts at λ = 0, %.1f%% at λ = 0.5%n",
                        100 * a.agreementAtZero(), a.routedPrompts(), 100 * a.agreementAtHalf());
            }
        }
    }

    private static void row(TextTable t, String name, EncoderBenchmark.Speed s) {
        t.row(name, String.format(Locale.ROOT, "%,.1f", s.textsPerSecond()), String.format(Locale.ROOT, "%.2f", s.singleP50Millis()),
                String.format(Locale.ROOT, "%.2f", s.singleP95Millis()));
    }
}
