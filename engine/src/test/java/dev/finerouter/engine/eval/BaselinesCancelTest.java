package dev.finerouter.engine.eval;

import dev.finerouter.engine.stage.CancelledException;
import dev.finerouter.engine.stage.StageContext;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dev-tuned and epoch-trained baselines honour cancellation between grid points and epochs. */
class BaselinesCancelTest {
    /** A context that counts the cancellation checks and answers "cancelled" from check {@code cancelAt} on. */
    private static final class CountingContext implements StageContext {
        private final int cancelAt;
        int checks;

        CountingContext(int cancelAt) {
            this.cancelAt = cancelAt;
        }

        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public boolean isCancelled() {
            return ++checks >= cancelAt;
        }

        @Override
        public void log(String line) {
        }

        @Override
        public long seed() {
            return 7;
        }
    }

    @FunctionalInterface
    private interface Fit {
        Object fit(StageContext ctx) throws CancelledException;
    }

    private static void assertStopsMidWay(String name, Fit fit) throws Exception {
        CountingContext all = new CountingContext(Integer.MAX_VALUE);
        fit.fit(all);
        assertTrue(all.checks >= 3, name + " checks for cancellation while fitting, not only once: " + all.checks);
        assertThrows(CancelledException.class, () -> fit.fit(new CountingContext(1)), name + " with a cancelled context");
        int mid = all.checks / 2 + 1;
        CountingContext cancelled = new CountingContext(mid);
        assertThrows(CancelledException.class, () -> fit.fit(cancelled), name + " cancelled mid-way");
        assertEquals(mid, cancelled.checks, name + " stops at the check that saw the cancellation");
    }

    @Test
    void everyTunedBaselineStopsAtItsNextCheck() throws Exception {
        EvaluationData data = EvalFixtures.twoGroups(3);
        assertStopsMidWay("kNN", ctx -> KnnRouter.fit(data, ctx));
        assertStopsMidWay("MLP", ctx -> MlpRouter.fit(data, MlpRouter.Config.DEFAULT, ctx));
        assertStopsMidWay("MF", ctx -> MatrixFactorizationRouter.fit(data, MatrixFactorizationRouter.Config.DEFAULT, ctx));
        assertStopsMidWay("Avengers-Pro", ctx -> AvengersProRouter.fit(data, 7, ctx));
        assertStopsMidWay("HierShrink", ctx -> HierShrinkRouter.fit(data, 7, ctx));
    }

    @Test
    void aCancelledContextGivesTheSameRoutersAsTheSilentOneWhenNeverCancelled() throws Exception {
        EvaluationData data = EvalFixtures.twoGroups(3);
        EvaluationSplit test = data.split(dev.finerouter.engine.model.Split.TEST);
        CountingContext never = new CountingContext(Integer.MAX_VALUE);
        assertEquals(KnnRouter.fit(data).k(), KnnRouter.fit(data, never).k());
        org.junit.jupiter.api.Assertions.assertArrayEquals(MlpRouter.fit(data, MlpRouter.Config.DEFAULT).route(test, 0),
                MlpRouter.fit(data, MlpRouter.Config.DEFAULT, never).route(test, 0), "checking does not change the fit");
        assertEquals(HierShrinkRouter.fit(data, 7).describe(), HierShrinkRouter.fit(data, 7, never).describe());
        assertEquals(AvengersProRouter.fit(data, 7).describe(), AvengersProRouter.fit(data, 7, never).describe());
    }

    @Test
    void testingTheRoutersStopsBetweenRoutersAndReportsProgress() throws Exception {
        EvaluationData data = EvalFixtures.twoGroups(3);
        List<RouterEvaluation.Entry> entries = new ArrayList<>();
        for (SingleModelRouter single : SingleModelRouter.all(data)) {
            entries.add(new RouterEvaluation.Entry(single, RouterKind.SINGLE_MODEL));
        }
        entries.add(new RouterEvaluation.Entry(new OracleRouter(), RouterKind.BASELINE));
        List<String> messages = new ArrayList<>();
        StageContext reporting = StageContext.of(7, (f, m) -> messages.add(m), line -> { }, new java.util.concurrent.atomic.AtomicBoolean());
        EvaluationReport report = RouterEvaluation.evaluate(data, entries, 7, reporting);
        assertEquals(RouterEvaluation.evaluate(data, entries, 7).results().stream().map(r -> r.name() + " " + r.metrics().qual()).toList(),
                report.results().stream().map(r -> r.name() + " " + r.metrics().qual()).toList());
        assertEquals(entries.size(), messages.size(), "one report per router: " + messages);
        assertStopsMidWay("testing", ctx -> RouterEvaluation.evaluate(data, entries, 7, ctx));
    }
}
