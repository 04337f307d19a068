package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.bundle.RouterBundle;
import dev.finerouter.engine.data.DatasetSplitter;
import dev.finerouter.engine.data.SplitConfig;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;
import dev.finerouter.engine.route.RouterMemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who the remembered training prompts of a bundle are: their ids in the training data and, when the data is given,
 * their texts and benchmark labels, in memory order. A bundle stores its prompts' embeddings and scores, and (since
 * {@code rule/memory-ids.json}) their ids, never their texts.
 *
 * <p>Ids come from the bundle when it kept them; otherwise from {@code data}, the dataset it was trained on, by
 * repeating the recorded split ({@code hyperparameters.pipeline.split}) and taking its training rows in order. Either
 * way every remembered prompt's known scores must equal the data's for the models both have, so a different dataset is
 * refused instead of silently mismatched.
 *
 * @param ids the id of each remembered prompt
 * @param texts their texts, or {@code null} when no data was given
 * @param labels their benchmark labels ({@code task} field; entries may be {@code null}), or {@code null} without data
 */
public record MemoryPrompts(List<String> ids, List<String> texts, List<String> labels) {
    /** Largest difference between a remembered score (float32) and the data's that still counts as equal. */
    static final double SCORE_TOLERANCE = 1e-6;

    public MemoryPrompts {
        ids = List.copyOf(ids);
        if (texts != null && texts.size() != ids.size() || labels != null && labels.size() != ids.size()) {
            throw new IllegalArgumentException("ids, texts and labels must describe the same prompts");
        }
        texts = texts == null ? null : List.copyOf(texts);
        labels = labels == null ? null : java.util.Collections.unmodifiableList(new ArrayList<>(labels)); // may hold nulls
    }

    /** Whether the texts are known. */
    public boolean hasTexts() {
        return texts != null;
    }

    /** Memory row of each id. */
    public Map<String, Integer> rowOfId() {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            out.put(ids.get(i), i);
        }
        return out;
    }

    /**
     * The remembered prompts of {@code bundle}.
     *
     * @param data the dataset the bundle was trained on, or {@code null} (then the bundle must keep its ids, and no text is known)
     * @throws EngineException when the bundle has no memory, or keeps no ids and no data is given, or the data is not the training data
     */
    public static MemoryPrompts of(RouterBundle bundle, RoutingDataset data) throws EngineException {
        RouterMemory memory = memory(bundle);
        List<String> ids = memory.promptIds();
        if (ids == null && data == null) {
            throw new EngineException(bundle.source() + " does not keep its remembered prompts' ids (written before rule/memory-ids.json)",
                    "pass --data, the dataset it was trained on: its training split is repeated to find them", null);
        }
        if (data == null) {
            return new MemoryPrompts(ids, null, null);
        }
        List<Prompt> rows = ids != null ? byId(ids, data, bundle) : bySplit(bundle, data, memory.size());
        checkScores(memory, bundle.router().pool(), rows, data);
        return new MemoryPrompts(rows.stream().map(Prompt::id).toList(), rows.stream().map(Prompt::text).toList(),
                rows.stream().map(Prompt::task).toList());
    }

    /** The bundle's memory, or an error saying onboarding needs the robust rule. */
    static RouterMemory memory(RouterBundle bundle) throws EngineException {
        if (bundle.router().rule() == null) {
            throw new EngineException(bundle.source() + " routes with the paper's rule and remembers no training prompts",
                    "onboarding needs a bundle trained with --preset robust (the default)", null);
        }
        return bundle.router().rule().memory();
    }

    private static List<Prompt> byId(List<String> ids, RoutingDataset data, RouterBundle bundle) throws EngineException {
        Map<String, Prompt> byId = new HashMap<>();
        for (Prompt p : data.prompts()) {
            byId.put(p.id(), p);
        }
        List<Prompt> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Prompt p = byId.get(ids.get(i));
            if (p == null) {
                throw new EngineException("remembered prompt " + ids.get(i) + " (memory row " + i + ") of " + bundle.source() + " is not in "
                        + data.name(), "pass --data, the dataset the bundle was trained on", null);
            }
            out.add(p);
        }
        return out;
    }

    private static List<Prompt> bySplit(RouterBundle bundle, RoutingDataset data, int expected) throws EngineException {
        JsonNode split = bundle.manifest().hyperparameters().path("pipeline").path("split");
        if (!split.isObject()) {
            throw new EngineException(bundle.source() + " keeps neither its remembered prompts' ids nor the split it was trained with",
                    "train the bundle again to onboard models into it", null);
        }
        SplitConfig config;
        try {
            config = new ObjectMapper().treeToValue(split, SplitConfig.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new EngineException(bundle.source() + " records an unreadable split (" + e.getMessage() + ")", "train the bundle again", e);
        }
        RoutingDataset splitData = DatasetSplitter.split(data, config).dataset();
        int[] train = splitData.indicesOf(Split.TRAIN);
        if (train.length != expected) {
            throw new EngineException(data.name() + "'s training split has " + train.length + " prompts, " + bundle.source() + " remembers "
                    + expected, "pass --data, the dataset the bundle was trained on", null);
        }
        List<Prompt> out = new ArrayList<>(train.length);
        for (int r : train) {
            out.add(splitData.prompts().get(r));
        }
        return out;
    }

    /** Every remembered score must be the data's score of the same prompt and model (NaN = missing on both sides). */
    private static void checkScores(RouterMemory memory, ModelPool pool, List<Prompt> rows, RoutingDataset data) throws EngineException {
        Map<String, Integer> dataRow = new HashMap<>();
        for (int i = 0; i < data.prompts().size(); i++) {
            dataRow.put(data.prompts().get(i).id(), i);
        }
        int checked = 0;
        for (int m = 0; m < pool.size(); m++) {
            int col = data.pool().indexOf(pool.get(m).name());
            if (col < 0) {
                continue;
            }
            checked++;
            for (int i = 0; i < rows.size(); i++) {
                float remembered = memory.score(i, m);
                float given = data.scores().get(dataRow.get(rows.get(i).id()), col);
                boolean same = Float.isNaN(remembered) ? Float.isNaN(given) : !Float.isNaN(given) && Math.abs(remembered - given) <= SCORE_TOLERANCE;
                if (!same) {
                    throw new EngineException(data.name() + " scores prompt " + rows.get(i).id() + " " + given + " for " + pool.get(m).name()
                            + ", the bundle remembers " + remembered + ": it is not the data the bundle was trained on",
                            "pass --data, the dataset the bundle was trained on", null);
                }
            }
        }
        if (checked == 0) {
            throw new EngineException(data.name() + " scores none of the bundle's models " + pool.names(),
                    "pass --data, the dataset the bundle was trained on", null);
        }
    }
}
