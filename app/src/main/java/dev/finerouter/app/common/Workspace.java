package dev.finerouter.app.common;

import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.engine.pipeline.TrainingResult;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * State the features share, owned by the FX thread: the open dataset, the latest discovery result and the selected
 * task, the router trained on that result, or an opened router bundle; and the one owner of the sentence encoder. A new
 * dataset clears the result; a new result clears the selection and the trained router; a bundle and a trained router
 * exclude each other.
 */
public final class Workspace {
    private final ObjectProperty<DatasetSnapshot> dataset = new SimpleObjectProperty<>(this, "dataset");
    private final ObjectProperty<DiscoveryResult> result = new SimpleObjectProperty<>(this, "result");
    private final IntegerProperty selectedTask = new SimpleIntegerProperty(this, "selectedTask", -1);
    private final ObjectProperty<TrainingResult> training = new SimpleObjectProperty<>(this, "training");
    private final SharedEncoder encoder = new SharedEncoder();
    private final ObjectProperty<OpenBundle> bundle = new SimpleObjectProperty<>(this, "bundle");

    /** Creates an empty workspace. */
    public Workspace() {
        dataset.addListener((o, a, b) -> result.set(null));
        result.addListener((o, a, b) -> {
            selectedTask.set(-1);
            training.set(null);
        });
        training.addListener((o, a, b) -> {
            if (b != null) {
                bundle.set(null);
            }
        });
        bundle.addListener((o, a, b) -> {
            if (b != null) {
                result.set(null);
            }
            selectedTask.set(-1);
        });
    }

    /**
     * The router bundle opened with File → Open router bundle…, or null. Opening one drops the Stage-1 result and the
     * trained router (the bundle's router is the one shown); training a router drops the bundle. The open dataset
     * stays.
     */
    public ObjectProperty<OpenBundle> bundleProperty() {
        return bundle;
    }

    /** The open dataset, or null. */
    public ObjectProperty<DatasetSnapshot> datasetProperty() {
        return dataset;
    }

    /** The latest Stage-1 result for the open dataset, or null. */
    public ObjectProperty<DiscoveryResult> resultProperty() {
        return result;
    }

    /** The selected task id, -1 for none. */
    public IntegerProperty selectedTaskProperty() {
        return selectedTask;
    }

    /** The one owner of the sentence encoder and its embedding cache (the playground borrows it, pipeline runs release it). */
    public SharedEncoder encoder() {
        return encoder;
    }

    /** The router trained on the latest result (Stage 2), or null. */
    public ObjectProperty<TrainingResult> trainingProperty() {
        return training;
    }
}
