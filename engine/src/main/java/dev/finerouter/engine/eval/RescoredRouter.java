package dev.finerouter.engine.eval;

import java.util.Arrays;
import java.util.Objects;

/**
 * A trained router under evaluation exactly as a bundle routes: its networks (and neighbour search) run once over one
 * split ({@link PolicyRescorer}), then every tolerance λ is re-decided by {@code TrainedRouter.decide} with the
 * router's own rule and the given α and budget. So the evaluation measures the same code path as {@code route} and
 * {@code serve}.
 */
public final class RescoredRouter implements RouterUnderTest {
    private final String name;
    private final PolicyRescorer rescorer;
    private final dev.finerouter.engine.route.RoutingPolicy base;

    /**
     * @param name display name
     * @param rescorer the router's cached predictions over the split it will be asked to route
     * @param base α and budget; the tolerance is replaced by each λ
     */
    public RescoredRouter(String name, PolicyRescorer rescorer, dev.finerouter.engine.route.RoutingPolicy base) {
        this.name = Objects.requireNonNull(name, "name");
        this.rescorer = Objects.requireNonNull(rescorer, "rescorer");
        this.base = Objects.requireNonNull(base, "base");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean hasCostKnob() {
        return true;
    }

    @Override
    public int[] route(EvaluationSplit split, double tolerance) {
        check(split);
        return rescorer.score(base.withTolerance(tolerance)).choices();
    }

    @Override
    public int[] tasks(EvaluationSplit split) {
        check(split);
        return rescorer.predictions().tasks().tasks().clone();
    }

    private void check(EvaluationSplit split) {
        if (!Arrays.equals(split.rows(), rescorer.split().rows())) {
            throw new IllegalArgumentException(name + " has predictions for the " + rescorer.split().which() + " split only");
        }
    }
}
