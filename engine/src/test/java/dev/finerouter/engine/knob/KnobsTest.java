package dev.finerouter.engine.knob;

import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.route.RoutingPolicy;
import dev.finerouter.engine.train.ClassifierConfig;
import dev.finerouter.engine.train.EstimatorConfig;
import dev.finerouter.engine.whatif.TuningSettings;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The knob definitions: the values the project has always used, the configs built from them, the checks they make. */
class KnobsTest {
    @Test
    void theDefaultsAreTheProjectsValues() {
        // the numbers every published result was produced with; a change here is a change of behaviour
        Stage1Config d = Stage1Config.defaults();
        assertEquals(new Stage1Config(5, 0.4, 3, 0.8, 60, 0.8, 5, 1.0, 50), d);
        assertEquals(new RoutingPolicy(0.5, 0.0, null), RoutingPolicy.PAPER);
        assertEquals(new TuningSettings(0.5, 0, 0.8, 0.4, 5, 3), TuningSettings.PAPER);
        assertEquals(10, ClassifierConfig.defaults(1).epochs());
        assertEquals(10, EstimatorConfig.defaults(1).phase1Epochs());
        assertEquals(10, EstimatorConfig.defaults(1).phase2Epochs());
    }

    @Test
    void everyKnobIsDefinedOnceAndConsistently() {
        Set<String> names = new HashSet<>();
        for (Knob k : Knobs.ALL) {
            assertTrue(names.add(k.name()), "two knobs named " + k.name());
            assertTrue(k.accepts(k.defaultValue()), k.name());
            if (k.offered() != null) {
                assertTrue(k.accepts(k.offered().min()) && k.accepts(k.offered().max()), k.name());
            }
        }
        // the constants picocli needs are the knobs' defaults
        assertEquals(Knobs.Default.TAU, Knobs.TAU.defaultValue());
        assertEquals(Knobs.Default.K, Knobs.K.intDefault());
        assertEquals(Knobs.Default.MIN_TASK_SIZE, Knobs.MIN_TASK_SIZE.intDefault());
        assertTrue(Knobs.TAU.fromPaper());
        assertFalse(Knobs.MIN_TASK_SIZE.fromPaper());
        assertThrows(IllegalStateException.class, Knobs.MIN_TASK_SIZE::intPaperValue);
    }

    @Test
    void rangesAreCheckedWithTheConfigsMessages() {
        assertEquals("in [0, 1]", Knobs.TAU.requirement());
        assertEquals("in (0, 1]", Knobs.DELTA.requirement());
        assertEquals("in (0, 1)", Knobs.RBO_PERSISTENCE.requirement());
        assertEquals(">= 1", Knobs.K.requirement());
        assertEquals("positive", Knobs.LEIDEN_RESOLUTION.requirement());
        assertEquals("finite and >= 0", Knobs.EPSILON.requirement());
        assertEquals("tau must be in [0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().tau(1.5).build()).getMessage());
        assertEquals("k must be >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().k(0).build()).getMessage());
        assertEquals("leidenResolution must be positive, got Infinity",
                assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().leidenResolution(Double.POSITIVE_INFINITY).build())
                        .getMessage());
        assertEquals("epsilon must be finite and >= 0, got NaN",
                assertThrows(IllegalArgumentException.class, () -> Stage1Config.builder().epsilon(Double.NaN).build()).getMessage());
        assertFalse(Knobs.LEVELS.accepts(2.5));
        assertTrue(Knobs.DELTA.accepts(1) && !Knobs.DELTA.accepts(0));
        assertThrows(IllegalArgumentException.class, () -> new TuningSettings(0.5, 0, 0.8, 0.4, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new RoutingPolicy(1.01, 0, null));
    }

    @Test
    void theBuilderChangesOnlyWhatItIsTold() {
        Stage1Config c = Stage1Config.builder().k(7).tau(0.5).levels(2).delta(0.9).epsilon(30).rboPersistence(0.7).minTaskSize(3)
                .leidenResolution(2).leidenIterations(9).build();
        assertEquals(new Stage1Config(7, 0.5, 2, 0.9, 30, 0.7, 3, 2, 9), c);
        assertEquals(c, c.toBuilder().build());
        assertEquals(Stage1Config.defaults().withTau(0.5), Stage1Config.builder().tau(0.5).build());
        assertEquals(new TuningSettings(0.5, 0, 0.6, 0.3, 4, 2).stage1(c), new Stage1Config(4, 0.3, 2, 0.6, 30, 0.7, 3, 2, 9));
    }

    @Test
    void aDefinitionOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Knob.real("x", "x", 2, Double.NaN, Knob.Range.closed(0, 1), null, "."));
        assertThrows(IllegalArgumentException.class, () -> Knob.integer("x", "x", 1, 0, Knob.Range.atLeast(1), null, "."));
        assertThrows(IllegalArgumentException.class,
                () -> Knob.real("x", "x", 0.5, 0.5, Knob.Range.closed(0, 1), new Knob.Offered(0, 2, 0.1), "."));
    }
}
