package dev.finerouter.app.whatif;

import dev.finerouter.app.common.Workspace;
import dev.finerouter.app.pipeline.PipelineViewModel;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import javafx.beans.value.ChangeListener;

/**
 * "Retrain with these settings": puts the what-if τ, k, ℓ, δ into the Pipeline tab's settings, runs discovery and,
 * once its result arrives, trains the router on it (the pipeline's own training path); the new router then replaces
 * the what-if panel's.
 */
public final class RetrainLink {
    private RetrainLink() {
    }

    /** Connects {@code whatIf}'s retrain button to {@code pipeline}. */
    public static void connect(WhatIfViewModel whatIf, PipelineViewModel pipeline, Workspace workspace) {
        whatIf.setRetrainAction(config -> retrain(config, pipeline, workspace));
    }

    static void retrain(Stage1Config config, PipelineViewModel pipeline, Workspace workspace) {
        if (pipeline.runningProperty().get()) {
            return;
        }
        pipeline.tauProperty().set(config.tau());
        pipeline.kProperty().set(config.k());
        pipeline.levelsProperty().set(config.levels());
        pipeline.deltaProperty().set(config.delta());
        ChangeListener<DiscoveryResult> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends DiscoveryResult> o, DiscoveryResult a, DiscoveryResult b) {
                workspace.resultProperty().removeListener(this);
                if (b != null && b.config().stage1().equals(config)) {
                    pipeline.train();
                }
            }
        };
        workspace.resultProperty().addListener(once);
        pipeline.run();
        if (!pipeline.runningProperty().get() && workspace.resultProperty().get() == null) {
            workspace.resultProperty().removeListener(once);
        }
    }
}
