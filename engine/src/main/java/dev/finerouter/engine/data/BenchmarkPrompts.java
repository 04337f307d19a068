package dev.finerouter.engine.data;

import dev.finerouter.engine.model.Prompt;
import dev.finerouter.engine.model.RoutingDataset;
import dev.finerouter.engine.model.Split;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The prompt texts the benchmarks send or embed (bench serve-soak, bench encoder, the heads' latency measurement): the
 * dataset's test split, or all prompts when it has none, distinct and non-blank, in order, at most {@value #MAX}.
 */
public final class BenchmarkPrompts {
    /** Most distinct prompts taken from a dataset. */
    public static final int MAX = 2000;

    private BenchmarkPrompts() {
    }

    /** The texts of {@code dataset} (see the class comment). */
    public static List<String> of(RoutingDataset dataset) {
        int[] test = dataset.indicesOf(Split.TEST);
        Set<String> out = new LinkedHashSet<>();
        List<Prompt> all = dataset.prompts();
        if (test.length > 0) {
            for (int i = 0; i < test.length && out.size() < MAX; i++) {
                out.add(all.get(test[i]).text());
            }
        } else {
            for (int i = 0; i < all.size() && out.size() < MAX; i++) {
                out.add(all.get(i).text());
            }
        }
        out.removeIf(String::isBlank);
        return new ArrayList<>(out);
    }
}
