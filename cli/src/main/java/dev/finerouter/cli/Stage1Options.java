package dev.finerouter.cli;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.describe.ChatEndpointConfig;
import dev.finerouter.engine.knob.Knobs;
import dev.finerouter.engine.pipeline.DescriberSettings;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.pipeline.PipelineConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The Stage-1 options shared by {@code discover} and {@code train}. The knobs' defaults come from
 * {@link Knobs} ({@code "" + Knobs.Default.X} is a compile-time constant, which picocli's {@code defaultValue} needs);
 * ε and the Leiden iteration cap have no option and keep their knob's default.
 */
final class Stage1Options {
    /** The stage cache's folder when {@code --cache-dir} is not given ({@code doctor} checks the same one). */
    static final String DEFAULT_CACHE_DIR = ".finerouter-cache";

    @Option(names = "--cache-dir", defaultValue = DEFAULT_CACHE_DIR, paramLabel = "DIR",
            description = "Cache of descriptions, embeddings and graphs (default: ${DEFAULT-VALUE}).")
    Path cacheDir;
    @Option(names = "--no-cache", description = "Compute everything, store nothing.")
    boolean noCache;
    @Option(names = "--seed", defaultValue = "42", description = "Seed of splits, clustering and training (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--resplit", description = "Ignore the data's splits and split anew (80/10/10, stratified by task).")
    boolean resplit;

    @Option(names = "--k", defaultValue = "" + Knobs.Default.K, description = "Neighbours per node (paper: ${DEFAULT-VALUE}).")
    int k;
    @Option(names = "--tau", defaultValue = "" + Knobs.Default.TAU, description = "RBO threshold τ (paper: ${DEFAULT-VALUE}).")
    double tau;
    @Option(names = "--levels", defaultValue = "" + Knobs.Default.LEVELS, description = "Clustering levels ℓ (default: ${DEFAULT-VALUE}; paper: 3). "
            + "train and eval with the robust preset, when --levels is not given, try ℓ = 1 … ${DEFAULT-VALUE} and keep the one whose task "
            + "statistics route the dev and left-out training prompts best.")
    int levels;
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;
    @Option(names = "--delta", defaultValue = "" + Knobs.Default.DELTA, description = "Candidate coverage δ (paper: ${DEFAULT-VALUE}).")
    double delta;
    @Option(names = "--min-task-size", defaultValue = "" + Knobs.Default.MIN_TASK_SIZE,
            description = "Smaller communities go to Others (default: ${DEFAULT-VALUE}).")
    int minTaskSize;
    @Option(names = "--rbo-p", defaultValue = "" + Knobs.Default.RBO_PERSISTENCE, description = "RBO persistence p (default: ${DEFAULT-VALUE}).")
    double rboP;
    @Option(names = "--resolution", defaultValue = "" + Knobs.Default.LEIDEN_RESOLUTION, description = "Leiden modularity resolution (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "OpenAI-compatible endpoint for task descriptions, e.g. http://127.0.0.1:8000/v1 (default: offline describer).")
    String llmUrl;
    @Option(names = "--llm-model", paramLabel = "NAME", description = "Model name at --llm-url.")
    String llmModel;
    @Option(names = "--llm-key-env", paramLabel = "VAR", description = "Environment variable holding the API key (optional).")
    String llmKeyEnv;
    @Option(names = "--encoder-dir", paramLabel = "DIR",
            description = "Bring-your-own ONNX sentence encoder folder (model.onnx + tokenizer.json); default: bundled all-MiniLM-L6-v2.")
    Path encoderDir;
    @Option(names = "--encoder", paramLabel = "minilm|minilm-int8", defaultValue = "minilm",
            description = "Bundled sentence encoder: minilm (fp32) or minilm-int8 (int8-quantised: faster on CPUs, about 97%% of "
                    + "decisions equal to fp32's, see docs/results/encoder.md) (default: ${DEFAULT-VALUE}).")
    String encoder;

    /** Whether {@code --levels} was given (then ℓ is used as given, never searched). */
    boolean levelsGiven() {
        return command.commandLine() != null && command.commandLine().getParseResult() != null
                && command.commandLine().getParseResult().hasMatchedOption("--levels");
    }

    /** The cache folder, or {@code null} with {@code --no-cache}. */
    Path cacheDirOrNull() {
        return noCache ? null : cacheDir;
    }

    /** The pipeline configuration these options describe. */
    PipelineConfig config() throws EngineException {
        try {
            Stage1Config stage1 = Stage1Config.builder().k(k).tau(tau).levels(levels).delta(delta).rboPersistence(rboP)
                    .minTaskSize(minTaskSize).leidenResolution(resolution).build();
            DescriberSettings describer = DescriberSettings.OFFLINE;
            if (llmUrl != null) {
                if (llmModel == null) {
                    throw new EngineException("--llm-url needs --llm-model", "e.g. --llm-model gpt-4o-mini", null);
                }
                describer = new DescriberSettings(ChatEndpointConfig.of(llmUrl, llmModel, llmKeyEnv));
            }
            boolean int8 = switch (encoder) {
                case "minilm" -> false;
                case "minilm-int8" -> true;
                default -> throw new EngineException("--encoder must be minilm or minilm-int8, was '" + encoder + "'",
                        "pass --encoder minilm (fp32, the default) or --encoder minilm-int8", null);
            };
            if (int8 && encoderDir != null) {
                throw new EngineException("--encoder minilm-int8 and --encoder-dir both choose the encoder",
                        "pass one of them: --encoder-dir for your own ONNX model, --encoder for a bundled one", null);
            }
            EmbedderSettings embedder = new EmbedderSettings(encoderDir, EmbedderSettings.BUNDLED.batchSize(), int8);
            return new PipelineConfig(seed, new SplitConfig(seed, 0.8, 0.1, 0.1, resplit), describer, embedder, stage1);
        } catch (IllegalArgumentException e) {
            throw new EngineException("invalid setting: " + e.getMessage(), "see --help", null);
        }
    }
}
