package dev.finerouter.engine.pipeline;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;
import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.ScoreMatrix;
import dev.finerouter.engine.model.Split;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Three clearly different prompt groups, each with its own best model: the smallest data Stage 1 and 2 can learn from. */
public final class ToyRoutingData {
    private static final String[][] GROUPS = {
        {"Translate the following sentence into French: the %s is on the %s.", "Translate this text into French: my %s likes the %s."},
        {"Write a Python function that sorts a list of %s by %s.", "Write a Python function that counts %s in a list of %s."},
        {"Which of the following is a %s? A) %s B) stone C) water D) cloud", "Which option describes a %s? A) %s B) metal C) glass D) sand"},
    };
    private static final String[] WORDS = {"cat", "table", "garden", "river", "apple", "engine", "window", "forest", "letter",
        "planet", "bridge", "violin", "pencil", "mountain", "coffee", "ticket", "island", "candle", "rocket", "museum"};

    private ToyRoutingData() {
    }

    /**
     * {@code perGroup} prompts in each of three groups; model g is clearly best on group g; prompt i of a group is in
     * the split {@code splitOf(i)}. Models cost 1, 2 and 3 per query.
     */
    public static RoutingDataset create(int perGroup, java.util.function.IntFunction<Split> splitOf) {
        Random random = new Random(5);
        List<Prompt> prompts = new ArrayList<>();
        float[] scores = new float[3 * perGroup * 3];
        int row = 0;
        for (int g = 0; g < 3; g++) {
            for (int i = 0; i < perGroup; i++) {
                String template = GROUPS[g][i % 2];
                String text = String.format(template, WORDS[random.nextInt(WORDS.length)], WORDS[random.nextInt(WORDS.length)]) + " #" + i;
                prompts.add(new Prompt("g" + g + "-" + i, text, "bench", "group-" + g, splitOf.apply(i)));
                for (int m = 0; m < 3; m++) {
                    scores[row * 3 + m] = m == g ? 0.9f + 0.1f * random.nextFloat() : 0.1f + 0.3f * random.nextFloat();
                }
                row++;
            }
        }
        ModelPool pool = new ModelPool(List.of(new ModelSpec("translator", null, 1.0, null, null),
                new ModelSpec("coder", null, 2.0, null, null), new ModelSpec("quizzer", null, 3.0, null, null)));
        return new RoutingDataset("toy", "toy-fingerprint", prompts, pool, ScoreMatrix.of(prompts.size(), 3, scores), null);
    }
}
