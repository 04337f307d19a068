package dev.finerouter.engine.data;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetSplitterTest {
    /** 100 prompts of task "a", 50 of task "b", 10 texts duplicated, with or without given splits. */
    private static RoutingDataset dataset(boolean trainTestGiven) {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String task = i < 100 ? "a" : "b";
            String text = i >= 140 ? "duplicate " + (i - 140) : "prompt " + i;
            if (i >= 130 && i < 140) {
                text = "duplicate " + (i - 130);
            }
            Split split = trainTestGiven ? (i % 5 == 0 ? Split.TEST : Split.TRAIN) : null;
            prompts.add(new Prompt("p" + i, text, task, null, split));
        }
        float[] scores = new float[150];
        return new RoutingDataset("t", "f", prompts, new ModelPool(List.of(ModelSpec.unpriced("m"))), ScoreMatrix.of(150, 1, scores), null);
    }

    @Test
    void fullSplitIsSeededStratifiedAndKeepsIdenticalTextsTogether() {
        DatasetSplitter.Result r = DatasetSplitter.split(dataset(false), SplitConfig.DEFAULT);
        assertEquals("full", r.summary().method());
        assertEquals("task", r.summary().stratifiedBy());
        assertEquals(10, r.summary().duplicateTextGroups());
        assertEquals(0, r.summary().textsInSeveralSplits());
        Map<String, Map<Split, Integer>> perTask = new HashMap<>();
        for (Prompt p : r.dataset().prompts()) {
            perTask.computeIfAbsent(p.task(), k -> new HashMap<>()).merge(p.split(), 1, Integer::sum);
        }
        assertEquals(80, perTask.get("a").get(Split.TRAIN), perTask.toString());
        assertEquals(10, perTask.get("a").get(Split.DEV));
        assertEquals(10, perTask.get("a").get(Split.TEST));
        int bTrain = perTask.get("b").get(Split.TRAIN);
        assertTrue(bTrain >= 38 && bTrain <= 42, "task b (with duplicate pairs) still ~80% train: " + perTask.get("b"));

        DatasetSplitter.Result again = DatasetSplitter.split(dataset(false), SplitConfig.DEFAULT);
        assertEquals(r.dataset().prompts(), again.dataset().prompts(), "same seed, same splits");
        DatasetSplitter.Result other = DatasetSplitter.split(dataset(false), new SplitConfig(7, 0.8, 0.1, 0.1, false));
        assertNotEquals(r.dataset().prompts(), other.dataset().prompts(), "another seed, other splits");
    }

    /**
     * 400 labels of 3 or 4 prompts: split label by label, each would put all of its prompts in train or dev and the
     * test split would be empty; pooled, every split gets its share. Data whose labels are all large enough is split
     * exactly as without the pooling (checked against the 150-prompt data above: nothing pooled).
     */
    @Test
    void labelsTooSmallForTheirOwnStratumArePooled() {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            prompts.add(new Prompt("p" + i, "prompt " + i, "t" + (i % 400), null, null));
        }
        RoutingDataset d = new RoutingDataset("fine", "f", prompts, new ModelPool(List.of(ModelSpec.unpriced("m"))),
                ScoreMatrix.of(1500, 1, new float[1500]), null);
        DatasetSplitter.Result r = DatasetSplitter.split(d, SplitConfig.DEFAULT);
        assertEquals(400, r.summary().pooledLabels());
        assertEquals(1200, r.summary().counts().get(Split.TRAIN), r.summary().counts().toString());
        assertEquals(150, r.summary().counts().get(Split.DEV));
        assertEquals(150, r.summary().counts().get(Split.TEST));
        assertEquals(0, DatasetSplitter.split(dataset(false), SplitConfig.DEFAULT).summary().pooledLabels());
        assertTrue(DatasetSplitter.isSmall(9, new double[] {0.8, 0.1, 0.1}));
        assertTrue(!DatasetSplitter.isSmall(10, new double[] {0.8, 0.1, 0.1}));
        assertTrue(!DatasetSplitter.isSmall(5, new double[] {0.8, 0.2, 0}), "a split with no share asks for nothing");
    }

    /** One text under two labels: its two rows sit in two strata and would be split apart on their own. */
    @Test
    void aTextUnderTwoLabelsStaysInOneSplit() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Prompt> prompts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                prompts.add(new Prompt("p" + i, i < 2 ? "the same question" : "prompt " + i, i % 2 == 0 ? "a" : "b", null, null));
            }
            RoutingDataset d = new RoutingDataset("two", "f", prompts, new ModelPool(List.of(ModelSpec.unpriced("m"))),
                    ScoreMatrix.of(40, 1, new float[40]), null);
            DatasetSplitter.Result r = DatasetSplitter.split(d, new SplitConfig(seed, 0.5, 0.25, 0.25, false));
            assertEquals(r.dataset().prompts().get(0).split(), r.dataset().prompts().get(1).split(), "seed " + seed);
            assertEquals(0, r.summary().textsInSeveralSplits());
        }
    }

    @Test
    void trainTestDataKeepsTestAndCarvesDevOutOfTrain() {
        RoutingDataset d = dataset(true);
        DatasetSplitter.Result r = DatasetSplitter.split(d, SplitConfig.DEFAULT);
        assertEquals("dev-from-train", r.summary().method());
        for (int i = 0; i < d.size(); i++) {
            Split before = d.prompts().get(i).split();
            Split after = r.dataset().prompts().get(i).split();
            if (before == Split.TEST) {
                assertEquals(Split.TEST, after);
            } else {
                assertTrue(after == Split.TRAIN || after == Split.DEV);
            }
        }
        int dev = r.summary().counts().get(Split.DEV);
        assertTrue(dev >= 12 && dev <= 15, "dev ≈ 1/9 of the 120 train prompts: " + dev);
    }

    @Test
    void completeSplitsAreKeptUnlessResplitIsAsked() {
        RoutingDataset d = DatasetSplitter.split(dataset(false), SplitConfig.DEFAULT).dataset();
        DatasetSplitter.Result kept = DatasetSplitter.split(d, SplitConfig.DEFAULT);
        assertEquals("kept", kept.summary().method());
        assertEquals(d.prompts(), kept.dataset().prompts());
        DatasetSplitter.Result resplit = DatasetSplitter.split(d, new SplitConfig(9, 0.8, 0.1, 0.1, true));
        assertEquals("full", resplit.summary().method());
    }

    @Test
    void invalidSharesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig(1, 0.8, 0.1, 0.2, false));
        assertThrows(IllegalArgumentException.class, () -> new SplitConfig(1, 0, 0.5, 0.5, false));
    }
}
