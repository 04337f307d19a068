package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.finerouter.engine.model.CostModel;
import dev.finerouter.engine.pipeline.EmbedderSettings;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.route.RoutingPolicy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a router bundle: what the bundle is, how it was made, and a SHA-256 of every other file.
 * See docs/bundle-format.md.
 *
 * @param format always {@value #FORMAT}
 * @param formatVersion the bundle format version; a reader opens exactly {@value #FORMAT_VERSION}
 * @param engineVersion the engine that wrote the bundle (provenance; compatibility is decided by the format version)
 * @param createdAt ISO-8601 instant of writing
 * @param seed the run's seed
 * @param data the training data's name and fingerprint
 * @param models the model pool, in the order the networks use, with prices
 * @param encoder the sentence encoder prompts must be embedded with
 * @param describerId the task describer used in Stage 1
 * @param costModel how per-call costs are estimated
 * @param defaultPolicy the routing policy used when a request does not set one (α, tolerance, budget)
 * @param hyperparameters every setting of the run ({@code pipeline}, {@code training}, {@code classifierThreshold}),
 *                        as a JSON object; empty when unknown
 * @param files relative path (with {@code /}) → lower-case hex SHA-256 of every file except the manifest, sorted
 * @param calibration the calibration {@code defaultPolicy} came from, or {@code null} (absent from the JSON) when the
 *                    policy was not calibrated
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BundleManifest(String format, int formatVersion, String engineVersion, String createdAt, long seed, DataInfo data,
                             List<ModelSpec> models, EncoderInfo encoder, String describerId, CostModel costModel,
                             RoutingPolicy defaultPolicy, JsonNode hyperparameters, Map<String, String> files,
                             BundleCalibration calibration) {
    /** The format name in every manifest. */
    public static final String FORMAT = "finerouter-bundle";
    /** The format version this engine writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public BundleManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(engineVersion, "engineVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(describerId, "describerId");
        Objects.requireNonNull(costModel, "costModel");
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one model");
        }
        hyperparameters = hyperparameters == null ? JsonNodeFactory.instance.objectNode() : hyperparameters.deepCopy();
        files = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(files, "files")));
    }

    /** A manifest without calibration. */
    public BundleManifest(String format, int formatVersion, String engineVersion, String createdAt, long seed, DataInfo data,
                          List<ModelSpec> models, EncoderInfo encoder, String describerId, CostModel costModel,
                          RoutingPolicy defaultPolicy, JsonNode hyperparameters, Map<String, String> files) {
        this(format, formatVersion, engineVersion, createdAt, seed, data, models, encoder, describerId, costModel, defaultPolicy,
                hyperparameters, files, null);
    }

    /** This manifest with another default policy and calibration, written now by this engine (files unchanged). */
    public BundleManifest calibrated(RoutingPolicy policy, BundleCalibration newCalibration, String engine, String now) {
        return new BundleManifest(format, formatVersion, engine, now, seed, data, models, encoder, describerId, costModel,
                policy, hyperparameters, files, Objects.requireNonNull(newCalibration, "calibration"));
    }

    /** The model pool. */
    public ModelPool pool() {
        return new ModelPool(models);
    }

    @Override
    public JsonNode hyperparameters() {
        return hyperparameters.deepCopy();
    }

    /**
     * The training data.
     *
     * @param name the dataset's name
     * @param fingerprint SHA-256 (hex) of the data
     */
    public record DataInfo(String name, String fingerprint) {
        public DataInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /**
     * The sentence encoder.
     *
     * @param id the encoder's id (for ONNX encoders it contains the model's SHA-256); a router must embed with an
     *           encoder of exactly this id
     * @param kind {@value #BUNDLED_MINILM} (the engine's all-MiniLM-L6-v2), {@value #BUNDLED_MINILM_INT8} (its int8-quantised
     *             version), {@value #DIRECTORY} (an ONNX model folder)
     *             or {@value #CUSTOM} (anything else, e.g. a test encoder; the caller supplies it)
     * @param modelDir the model folder for {@value #DIRECTORY}, otherwise {@code null}
     * @param dimension embedding dimension
     * @param batchSize texts per encoder call
     */
    public record EncoderInfo(String id, String kind, String modelDir, int dimension, int batchSize) {
        /** The engine's bundled all-MiniLM-L6-v2. */
        public static final String BUNDLED_MINILM = "bundled-minilm";
        /** The engine's bundled int8-quantised all-MiniLM-L6-v2. */
        public static final String BUNDLED_MINILM_INT8 = "bundled-minilm-int8";
        /** An ONNX model folder. */
        public static final String DIRECTORY = "directory";
        /** Supplied by the caller. */
        public static final String CUSTOM = "custom";

        public EncoderInfo {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            if (!List.of(BUNDLED_MINILM, BUNDLED_MINILM_INT8, DIRECTORY, CUSTOM).contains(kind)) {
                throw new IllegalArgumentException("unknown encoder kind " + kind);
            }
            if (DIRECTORY.equals(kind) && modelDir == null) {
                throw new IllegalArgumentException("a directory encoder needs modelDir");
            }
            if (dimension < 1 || batchSize < 1) {
                throw new IllegalArgumentException("encoder dimension and batch size must be >= 1");
            }
        }

        /** The settings that open this encoder, or {@code null} for {@value #CUSTOM} (or a folder that was not recorded). */
        public EmbedderSettings openSettings() {
            return switch (kind) {
                case BUNDLED_MINILM -> new EmbedderSettings(null, batchSize);
                case BUNDLED_MINILM_INT8 -> new EmbedderSettings(null, batchSize, true);
                case DIRECTORY -> new EmbedderSettings(Path.of(modelDir), batchSize);
                default -> null;
            };
        }
    }
}
