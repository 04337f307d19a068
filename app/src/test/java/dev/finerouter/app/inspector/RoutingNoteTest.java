package dev.finerouter.app.inspector;

import dev.finerouter.engine.bundle.BundleReader;
import dev.finerouter.engine.route.RobustRule;
import dev.finerouter.engine.route.RouterMemory;
import dev.finerouter.engine.route.TrainedRouter;
import dev.finerouter.engine.service.GoldenRouting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's routing note for each kind of rule: paper, robust, guarded task and global fallback. */
public class RoutingNoteTest {
    private static TrainedRouter paper;

    @BeforeAll
    static void read() throws Exception {
        paper = BundleReader.read(GoldenRouting.GOLDEN).router();
    }

    /** The golden router with a robust rule over a tiny memory; task 1 guarded when {@code guard} is set. */
    public static TrainedRouter robust(TrainedRouter paper, String guard, String global) {
        int m = paper.pool().size();
        int dim = 8; // the golden bundle's embedding size
        float[] e = new float[2 * dim];
        e[0] = 1;
        e[dim + 1] = 1;
        float[] s = new float[2 * m];
        Arrays.fill(s, 0.5f);
        s[1] = 0.9f; // model 1 is the general estimate's best
        RouterMemory memory = new RouterMemory(e, 2, dim, s, m);
        float[] g = RobustRule.generalMeans(memory);
        float[][] taskMean = new float[paper.tasks().size()][];
        List<String> guards = new ArrayList<>();
        for (int t = 0; t < taskMean.length; t++) {
            taskMean[t] = g.clone();
            guards.add(t == 1 ? guard : null);
        }
        return paper.withRule(new RobustRule(memory, 2, 5, 10, g, taskMean, guards, global, Double.NaN));
    }

    @Test
    void saysWhichRuleRoutesTheTaskAndWhyATaskIsGuarded() {
        InspectorViewModel.RoutingNote p = InspectorViewModel.routingNote(paper, 0);
        assertTrue(p.text().startsWith("Routing: the paper's rule"), p.text());
        assertFalse(p.fallback());

        TrainedRouter guarded = robust(paper, "on dev this task's routing lost 4.0 Qual (± 1.5) to the general estimate over 12 prompts", null);
        InspectorViewModel.RoutingNote ok = InspectorViewModel.routingNote(guarded, 0);
        assertEquals("Routing: the robust rule, every model scored by its 2 nearest training prompts' outcomes shrunk toward this "
                + "task's statistics (β = 5), blended with the estimator.", ok.text());
        assertFalse(ok.fallback());
        String best = paper.pool().names().get(1);
        InspectorViewModel.RoutingNote g = InspectorViewModel.routingNote(guarded, 1);
        assertTrue(g.fallback());
        assertEquals("Routing: guarded, so this task's prompts are routed on the general estimate (" + best + " unless the cost "
                + "tolerance picks a cheaper model) because on dev this task's routing lost 4.0 Qual (± 1.5) to the general "
                + "estimate over 12 prompts.", g.text());

        TrainedRouter all = robust(paper, null, "on dev the tuned rule (Qual 50.0) lost to the general estimate");
        InspectorViewModel.RoutingNote a = InspectorViewModel.routingNote(all, 0);
        assertTrue(a.fallback());
        assertTrue(a.text().startsWith("Routing: every prompt goes to the general estimate's best model (" + best + ") because on dev"),
                a.text());
        int m = paper.pool().size();
        float[][] means = {new float[m], new float[m], new float[m]};
        TrainedRouter labelled = guarded.withRule(guarded.rule().withLabelPrior(
                new dev.finerouter.engine.route.LabelPrior(List.of("a", "b", "c"), 8, new float[9 * 3], means)));
        assertEquals("Routing: the robust rule, every model scored by its 2 nearest training prompts' outcomes shrunk toward the "
                + "statistics of the data's 3 labels (β = 5; the label is predicted from the prompt's text, and the labels routed "
                + "left-out prompts better than the tasks), blended with the estimator.", InspectorViewModel.routingNote(labelled, 0).text());
        // a fallback row from onboarding that leaves model 1 (the general best) out of task 1: the others tie at 0.5, so the
        // note names model 0, where the guarded prompts now go
        float[][] rows = new float[guarded.rule().taskMean().length + 1][];
        rows[1] = guarded.rule().generalMean().clone();
        rows[1][1] = Float.NaN;
        TrainedRouter onboarded = guarded.withRule(guarded.rule().withFallbackMean(rows));
        assertTrue(InspectorViewModel.routingNote(onboarded, 1).text().startsWith("Routing: guarded, so this task's prompts are routed on the "
                + "general estimate (" + paper.pool().names().get(0) + " unless"), InspectorViewModel.routingNote(onboarded, 1).text());
        assertEquals(0, onboarded.rule().fallbackBest(1));
        assertEquals(1, onboarded.rule().fallbackBest(0), "no row for task 0: the general best");
        assertEquals(InspectorViewModel.RoutingNote.NONE, InspectorViewModel.routingNote(null, 0));
        assertEquals(InspectorViewModel.RoutingNote.NONE, InspectorViewModel.routingNote(guarded, 99));
    }
}
