package dev.finerouter.app.dataset;

import dev.finerouter.app.common.DatasetSnapshot;
import dev.finerouter.app.common.Format;
import dev.finerouter.engine.data.DatasetStatistics;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dataset statistics view's state: one row per model, one row per task with prompts per split. */
public final class StatisticsViewModel {
    /**
     * One model's row.
     *
     * @param model name
     * @param meanScore mean known score
     * @param bestShare share of prompts where it ties for best
     * @param soleBestShare share where it alone is best
     * @param meanCost mean cost per call
     * @param missing prompts without a score
     */
    public record ModelRow(String model, double meanScore, double bestShare, double soleBestShare, double meanCost, long missing) {
    }

    /**
     * One task's row.
     *
     * @param task the benchmark/task label
     * @param perSplit prompts per split label
     * @param total all its prompts
     */
    public record TaskRow(String task, Map<String, Integer> perSplit, int total) {
    }

    private final ObservableList<ModelRow> models = FXCollections.observableArrayList();
    private final ObservableList<TaskRow> tasks = FXCollections.observableArrayList();
    private final ObservableList<String> splits = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper(this, "headline", "No dataset open.");

    /** Shows the statistics of {@code snapshot}, or clears the view for {@code null}. */
    public void show(DatasetSnapshot snapshot) {
        if (snapshot == null) {
            models.clear();
            tasks.clear();
            splits.clear();
            headline.set("No dataset open.");
            return;
        }
        DatasetStatistics s = snapshot.statistics();
        List<ModelRow> rows = new ArrayList<>();
        for (DatasetStatistics.ModelStatistics m : s.models()) {
            rows.add(new ModelRow(m.name(), m.meanScore(), m.bestShare(), m.soleBestShare(), m.meanCost(), m.missing()));
        }
        splits.setAll(s.splitCounts().keySet());
        List<TaskRow> taskRows = new ArrayList<>();
        s.tasks().forEach((task, perSplit) -> taskRows.add(new TaskRow(task, perSplit,
                perSplit.values().stream().mapToInt(Integer::intValue).sum())));
        models.setAll(rows);
        tasks.setAll(taskRows);
        headline.set(String.format(java.util.Locale.ROOT, "%s — %s prompts, %d models, %d tasks; oracle mean %s; %s missing scores%s",
                s.name(), Format.count(s.prompts()), s.models().size(), s.tasks().size(), Format.decimal(s.oracleMean()),
                Format.count(s.missingScores()), s.equalCost() ? "; no prices (every call costs 1)" : ""));
    }

    /** Per-model rows. */
    public ObservableList<ModelRow> models() {
        return models;
    }

    /** Per-task rows. */
    public ObservableList<TaskRow> tasks() {
        return tasks;
    }

    /** Split labels present, sorted. */
    public ObservableList<String> splits() {
        return splits;
    }

    /** One line about the dataset. */
    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }
}
