package dev.finerouter.engine.io;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.ObservedCosts;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects parsed rows into a {@link RoutingDataset}: the format readers parse syntax and hand each row here,
 * which checks its meaning (ids, texts, models, score ranges, splits) and stores the scores compactly.
 * In lenient mode a bad row is counted and skipped; otherwise its {@link DataFormatException} stops the import.
 */
final class DatasetAccumulator {
    /** One parsed row, before validation. Scores and costs map model name to value (null value = missing). */
    record RawRow(long line, String id, String text, String task, String subtask, String split,
                  Map<String, Double> scores, Map<String, Double> costs) {
    }

    private final Path file;
    private final boolean lenient;
    private final boolean poolFixed;
    private final List<ModelSpec> models = new ArrayList<>();
    private final Map<String, Integer> modelIndex = new HashMap<>();
    private final Map<String, Long> idLines = new HashMap<>();
    private final List<Prompt> prompts = new ArrayList<>();
    private final Map<String, Long> skippedByField = new TreeMap<>();
    private final List<String> firstProblems = new ArrayList<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> unknownFields = new java.util.HashSet<>();
    private float[] scores = new float[1024];
    private float[] costs;
    private boolean anyCost;
    private long rowsRead;

    /**
     * @param file the data file, for messages
     * @param pool the models from {@code models.json}, or {@code null} to take models from the scores as they appear
     * @param lenient skip bad rows instead of failing
     */
    DatasetAccumulator(Path file, ModelPool pool, boolean lenient) {
        this.file = file;
        this.lenient = lenient;
        this.poolFixed = pool != null;
        if (pool != null) {
            for (ModelSpec m : pool.models()) {
                modelIndex.put(m.name(), models.size());
                models.add(m);
            }
        }
    }

    /** Records a warning that does not skip a row; each distinct warning is kept once. */
    void warn(String warning) {
        warnings.add(warning);
    }

    /** Warns once per field name about an unknown field, naming the first line and the nearest known field. */
    void warnUnknownField(String field, long line, java.util.Collection<String> known) {
        if (unknownFields.add(field)) {
            warnings.add("unknown field '" + field + "' (first on line " + line + ") is ignored" + FieldNames.didYouMean(field, known));
        }
    }

    /** Counts a row that failed to parse; rethrows unless lenient. */
    void rowFailed(DataFormatException e) throws DataFormatException {
        rowsRead++;
        skip(e);
    }

    /** Validates and stores a parsed row; skips it (lenient) or throws. */
    void add(RawRow row) throws DataFormatException {
        rowsRead++;
        try {
            addValidated(row);
        } catch (DataFormatException e) {
            skip(e);
        }
    }

    private void skip(DataFormatException e) throws DataFormatException {
        if (!lenient) {
            throw e;
        }
        skippedByField.merge(e.field() == null ? "(row)" : e.field(), 1L, Long::sum);
        if (firstProblems.size() < ImportReport.MAX_EXAMPLES) {
            firstProblems.add(e.getMessage());
        }
    }

    private void addValidated(RawRow row) throws DataFormatException {
        long line = row.line();
        if (row.id() == null || row.id().isBlank()) {
            throw new DataFormatException(file, line, "id", "missing or empty id");
        }
        if (row.text() == null || row.text().isBlank()) {
            throw new DataFormatException(file, line, "prompt", "empty prompt text (id " + row.id() + ")");
        }
        Long firstLine = idLines.get(row.id());
        if (firstLine != null) {
            throw new DataFormatException(file, line, "id", "duplicate id '" + row.id() + "' (first seen on line " + firstLine + ")");
        }
        Split split = null;
        if (row.split() != null && !row.split().isBlank()) {
            split = Split.parse(row.split());
            if (split == null) {
                throw new DataFormatException(file, line, "split", "unknown split '" + row.split() + "' (expected train, dev or test)");
            }
        }
        if (row.scores() == null || row.scores().isEmpty()) {
            throw new DataFormatException(file, line, "scores", "no scores (id " + row.id() + ")");
        }
        // Validate every value before touching storage, so a skipped row leaves nothing behind.
        for (Map.Entry<String, Double> e : row.scores().entrySet()) {
            requireKnownModel(line, "scores", e.getKey());
            Double v = e.getValue();
            if (v != null && (v.isNaN() || v < 0 || v > 1)) {
                throw new DataFormatException(file, line, "scores." + e.getKey(), "score " + v + " is outside [0,1]"
                        + (v.isNaN() ? " (NaN; leave the model out or use null for a missing score)" : ""));
            }
        }
        if (row.costs() != null) {
            for (Map.Entry<String, Double> e : row.costs().entrySet()) {
                requireKnownModel(line, "costs", e.getKey());
                Double v = e.getValue();
                if (v != null && (v.isNaN() || v.isInfinite() || v < 0)) {
                    throw new DataFormatException(file, line, "costs." + e.getKey(), "cost " + v + " is not a finite number >= 0");
                }
            }
        }
        for (String name : row.scores().keySet()) {
            addModelIfNew(name);
        }
        if (row.costs() != null) {
            row.costs().keySet().forEach(this::addModelIfNew);
        }
        int r = prompts.size();
        ensureCapacity(r + 1);
        int cols = models.size();
        Arrays.fill(scores, r * cols, (r + 1) * cols, Float.NaN);
        for (Map.Entry<String, Double> e : row.scores().entrySet()) {
            if (e.getValue() != null) {
                scores[r * cols + modelIndex.get(e.getKey())] = e.getValue().floatValue();
            }
        }
        if (row.costs() != null && !row.costs().isEmpty()) {
            if (costs == null) {
                costs = new float[scores.length];
                Arrays.fill(costs, Float.NaN);
            }
            anyCost = true;
            for (Map.Entry<String, Double> e : row.costs().entrySet()) {
                if (e.getValue() != null) {
                    costs[r * cols + modelIndex.get(e.getKey())] = e.getValue().floatValue();
                }
            }
        }
        idLines.put(row.id(), line);
        prompts.add(new Prompt(row.id(), row.text(), row.task(), row.subtask(), split));
    }

    private void requireKnownModel(long line, String field, String name) throws DataFormatException {
        if (name == null || name.isBlank()) {
            throw new DataFormatException(file, line, field, "empty model name");
        }
        if (poolFixed && !modelIndex.containsKey(name)) {
            throw new DataFormatException(file, line, field + "." + name, "unknown model '" + name + "' (not in models.json)");
        }
    }

    private void addModelIfNew(String name) {
        if (modelIndex.containsKey(name)) {
            return;
        }
        int oldCols = models.size();
        modelIndex.put(name, oldCols);
        models.add(ModelSpec.unpriced(name));
        scores = restride(scores, prompts.size(), oldCols, oldCols + 1);
        if (costs != null) {
            costs = restride(costs, prompts.size(), oldCols, oldCols + 1);
        }
    }

    private static float[] restride(float[] data, int rows, int oldCols, int newCols) {
        int capacityRows = Math.max(rows + 1, oldCols == 0 ? 1024 : data.length / oldCols);
        float[] out = new float[capacityRows * newCols];
        Arrays.fill(out, Float.NaN);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * oldCols, out, r * newCols, oldCols);
        }
        return out;
    }

    private void ensureCapacity(int rows) {
        long needed = (long) rows * models.size();
        if (needed > scores.length) {
            int newLength = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, scores.length * 2L));
            scores = Arrays.copyOf(scores, newLength);
            if (costs != null) {
                int old = costs.length;
                costs = Arrays.copyOf(costs, newLength);
                Arrays.fill(costs, old, newLength, Float.NaN);
            }
        }
    }

    /**
     * Builds the dataset.
     *
     * @throws DataFormatException when no row survived, or prices are known for some models and not others
     */
    LoadedDataset finish(String name, String fingerprint) throws DataFormatException {
        if (prompts.isEmpty()) {
            throw new DataFormatException(file, 0, null, rowsRead == 0 ? "no data rows" : "every row was skipped as bad");
        }
        ModelPool pool = new ModelPool(models);
        if (pool.anyCostKnown()) {
            List<String> unpriced = pool.models().stream().filter(m -> !m.hasKnownCost()).map(ModelSpec::name).toList();
            if (!unpriced.isEmpty() && !anyCost) {
                throw new DataFormatException(file, 0, "models", "prices are known for some models but not for " + unpriced
                        + "; give every model a price in models.json, or none (equal cost)");
            }
        } else if (!anyCost) {
            warnings.add("no model has a price: every call counts as cost 1 (equal-cost assumption)");
        }
        int cols = models.size();
        int rows = prompts.size();
        Map<String, Long> scoredCount = new LinkedHashMap<>();
        ScoreMatrix matrix = ScoreMatrix.of(rows, cols, Arrays.copyOf(scores, rows * cols));
        for (int c = 0; c < cols; c++) {
            long n = 0;
            for (int r = 0; r < rows; r++) {
                if (matrix.isPresent(r, c)) {
                    n++;
                }
            }
            scoredCount.put(models.get(c).name(), n);
        }
        scoredCount.forEach((model, n) -> {
            if (n == 0) {
                warnings.add("model '" + model + "' is in models.json but has no score in the data");
            }
        });
        ObservedCosts observed = anyCost ? ObservedCosts.of(rows, cols, Arrays.copyOf(costs, rows * cols)) : null;
        RoutingDataset dataset = new RoutingDataset(name, fingerprint, prompts, pool, matrix, observed);
        return new LoadedDataset(dataset, new ImportReport(rowsRead, rows, skippedByField, firstProblems, new ArrayList<>(warnings)));
    }
}
