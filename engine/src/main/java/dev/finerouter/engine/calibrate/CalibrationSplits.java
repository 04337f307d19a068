package dev.finerouter.engine.calibrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.BundleManifest;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.embed.Embedder;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.stage.StageContext;
import dev.finerouter.engine.route.TrainedRouter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The dev and test splits of a bundle's training data, embedded and run through the bundle's networks once, ready
 * for {@link Calibrator}. The splits are reproduced exactly as in training: the data must have the bundle's
 * fingerprint, and the split settings (seed, shares, resplit) come from the manifest's {@code hyperparameters}.
 *
 * @param dev the dev prompts (calibration chooses here)
 * @param test the test prompts (reported only)
 */
public record CalibrationSplits(PredictedSplit dev, PredictedSplit test) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates. */
    public CalibrationSplits {
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(test, "test");
    }

    /**
     * Reproduces and predicts the splits.
     *
     * @param bundle the opened bundle
     * @param data the dataset as loaded (its own splits; re-split here as in training)
     * @param embedder the bundle's encoder
     * @param ctx progress and cancellation of the embedding
     * @throws EngineException when the data is not the bundle's (fingerprint, models), the manifest does not record
     *                         the split, a split is empty, or the encoder fails
     */
    public static CalibrationSplits of(RouterBundle bundle, RoutingDataset data, Embedder embedder, StageContext ctx)
            throws EngineException {
        BundleManifest m = bundle.manifest();
        if (!m.data().fingerprint().equals(data.fingerprint())) {
            throw new EngineException("the dataset " + data.name() + " (fingerprint " + abbreviate(data.fingerprint())
                    + ") is not the one " + bundle.source() + " was trained on (" + m.data().name() + ", fingerprint "
                    + abbreviate(m.data().fingerprint()) + ")",
                    "pass the --data (and --models) the bundle was trained with; calibration must reproduce its dev/test split", null);
        }
        if (!m.encoder().id().equals(embedder.id())) {
            throw new EngineException("the encoder " + embedder.id() + " is not the one " + bundle.source() + " was trained with ("
                    + m.encoder().id() + ")", "use the encoder named in the bundle's manifest (--encoder-dir)", null);
        }
        TrainedRouter router = bundle.router();
        if (!data.pool().names().equals(router.pool().names())) {
            throw new EngineException("the dataset's models " + data.pool().names() + " are not the bundle's " + router.pool().names(),
                    "pass the data the bundle was trained with", null);
        }
        SplitConfig split = splitConfig(m, bundle.source().toString());
        RoutingDataset assigned = DatasetSplitter.split(data, split).dataset();
        return new CalibrationSplits(predict(bundle, assigned, Split.DEV, embedder, ctx), predict(bundle, assigned, Split.TEST, embedder, ctx));
    }

    /** The split settings recorded in a manifest ({@code hyperparameters.pipeline.split}). */
    static SplitConfig splitConfig(BundleManifest m, String where) throws EngineException {
        JsonNode node = m.hyperparameters().path("pipeline").path("split");
        if (!node.isObject()) {
            throw new EngineException("the manifest of " + where + " does not record how its data was split (hyperparameters.pipeline.split)",
                    "calibrate a bundle exported by 'finerouter train'", null);
        }
        try {
            return JSON.treeToValue(node, SplitConfig.class);
        } catch (Exception e) {
            throw new EngineException("the manifest of " + where + " has an unreadable hyperparameters.pipeline.split: " + e.getMessage(),
                    "the bundle is damaged or was edited; export it again", e);
        }
    }

    private static PredictedSplit predict(RouterBundle bundle, RoutingDataset data, Split which, Embedder embedder, StageContext ctx)
            throws EngineException {
        int[] rows = data.indicesOf(which);
        if (rows.length == 0) {
            throw new EngineException("the " + which.name().toLowerCase(java.util.Locale.ROOT) + " split of " + data.name()
                    + " is empty with the bundle's split settings", "train the bundle with a dev and a test split (e.g. --resplit)", null);
        }
        TrainedRouter router = bundle.router();
        int models = router.pool().size();
        List<String> texts = new ArrayList<>(rows.length);
        double[][] costs = new double[rows.length][models];
        float[][] scores = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            texts.add(data.prompts().get(rows[i]).text());
            for (int j = 0; j < models; j++) {
                costs[i][j] = data.cost(rows[i], j, bundle.manifest().costModel());
            }
            scores[i] = data.scores().row(rows[i]);
        }
        float[] embedded = embedder.embed(texts, ctx).data();
        return new PredictedSplit(router, router.predict(embedded, rows.length), costs, scores);
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint.length() > 12 ? fingerprint.substring(0, 12) + "…" : fingerprint;
    }
}
