package dev.finerouter.sample;

import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.ModelSpec;

import java.util.List;
import java.util.Map;

/**
 * The fictional models of the synthetic pool, with prices (USD per 1M input / output tokens, like real price lists)
 * spanning well over 50× and skill profiles with generalists, specialists and cheap models that win a few narrow
 * sub-tasks.
 *
 * <p>A generated dataset uses the first {@link GeneratorConfig#models()} profiles ({@link #DEFAULT_MODELS} by default,
 * which is what the checked-in sample has). The catalog holds {@link #AVAILABLE} so that the paper's pool size of 11
 * can be generated ({@code finerouter bench scale}); models are only ever appended, because a model's scores are drawn
 * from the same random stream as the others' and a longer pool changes every later draw.
 */
public final class ModelCatalog {
    private static final List<ModelProfile> PROFILES = List.of(
            model("atlas-405b", "Atlas 405B", 5.00, 15.00, 1.4,
                    Map.of(),
                    Map.of("qa-history", 0.2, "qa-science", 0.3, "mcq-medical", 0.3, "math-geometry", 0.6, "writing-summary", 0.6,
                            "translate-ja", 0.6, "logic-dates", 0.8, "qa-reading", -0.3)),
            model("atlas-70b", "Atlas 70B", 0.90, 0.90, 0.9,
                    Map.of(),
                    Map.of("mcq-law", 1.2, "code-sql", 1.5, "writing-email", 1.1, "translate-zh", 1.3)),
            model("reason-r1-32b", "Reason R1 32B", 1.10, 4.40, 0.7,
                    Map.of("math", 0.6, "logic", 1.0, "writing", -0.5, "translation", -0.3),
                    Map.of("math-arithmetic", 0.8, "math-probability", 0.8, "code-regex", 1.2, "logic-syllogism", 0.3,
                            "logic-knights", 0.5)),
            model("sage-math-72b", "Sage Math 72B", 0.70, 1.40, 0.6,
                    Map.of("math", 0.9),
                    Map.of("qa-science", 0.6, "mcq-physics", 1.5, "math-algebra", 0.5, "math-calculus", 0.8,
                            "logic-sequence", 1.6)),
            model("coder-34b", "Coder 34B", 0.30, 0.60, 0.4,
                    Map.of("code", 1.3, "writing", -0.4),
                    Map.of("code-python", 0.3, "code-regex", -0.4, "code-bugfix", 0.5, "logic-sequence", 0.3)),
            model("scribe-22b", "Scribe 22B", 0.25, 0.50, 0.4,
                    Map.of("writing", 1.2, "math", -0.3),
                    Map.of("qa-reading", 1.5, "writing-story", 0.5, "writing-poetry", 0.3)),
            model("lumen-8x7b", "Lumen 8x7B", 0.45, 0.45, 0.5,
                    Map.of("qa", 0.4, "mcq", 0.4),
                    Map.of("qa-geography", 1.1, "mcq-commonsense", 1.1)),
            model("polyglot-13b", "Polyglot 13B", 0.12, 0.20, 0.1,
                    Map.of("translation", 1.2, "code", -0.3),
                    Map.of("translate-fr", 0.6, "translate-de", 0.5, "translate-ja", -0.6, "translate-zh", -0.5)),
            model("swift-8b", "Swift 8B", 0.05, 0.08, 0.0,
                    Map.of("writing", 0.2),
                    Map.of("writing-headline", 1.9, "mcq-commonsense", 0.4)),
            model("nova-3b", "Nova 3B mini", 0.02, 0.04, -0.5,
                    Map.of(),
                    Map.of("writing-headline", 1.0, "math-arithmetic", 0.4)),
            // the 11th: not in the default pool (appending it would change the checked-in sample's scores)
            model("vega-120b", "Vega 120B", 2.00, 6.00, 1.0,
                    Map.of("qa", 0.3, "logic", 0.4, "translation", 0.3),
                    Map.of("qa-reading", 0.6, "math-probability", 0.5, "logic-knights", 0.9, "translate-de", 0.6,
                            "writing-summary", -0.4)));

    /** Models of the default pool (the checked-in sample's): the first ten profiles. */
    public static final int DEFAULT_MODELS = 10;
    /** Profiles in the catalog: a config may ask for the first 1..{@value #AVAILABLE}. */
    public static final int AVAILABLE = 11;

    private ModelCatalog() {
    }

    /** The profiles of the default pool ({@value #DEFAULT_MODELS}), in pool (column) order. */
    public static List<ModelProfile> profiles() {
        return profiles(DEFAULT_MODELS);
    }

    /** The first {@code models} profiles of the catalog, in pool (column) order. */
    public static List<ModelProfile> profiles(int models) {
        if (models < 1 || models > PROFILES.size()) {
            throw new IllegalArgumentException("the catalog has 1.." + PROFILES.size() + " models, asked for " + models);
        }
        return PROFILES.subList(0, models);
    }

    /** The default pool written to {@code models.json}, in the same order as {@link #profiles()}. */
    public static ModelPool pool() {
        return pool(DEFAULT_MODELS);
    }

    /** The pool of the first {@code models} profiles, in the same order as {@link #profiles(int)}. */
    public static ModelPool pool(int models) {
        return new ModelPool(profiles(models).stream().map(ModelProfile::spec).toList());
    }

    private static ModelProfile model(String name, String display, double inPer1M, double outPer1M, double base,
                                      Map<String, Double> families, Map<String, Double> subtasks) {
        return new ModelProfile(new ModelSpec(name, display, null, inPer1M / 1000.0, outPer1M / 1000.0), base, families, subtasks);
    }
}
