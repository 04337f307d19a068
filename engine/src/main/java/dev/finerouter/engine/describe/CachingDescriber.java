package dev.finerouter.engine.describe;

import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.stage.StageContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts a {@link DescriptionCache} in front of another describer: cached prompts are answered from disk, only the
 * misses (each distinct prompt text once) go to the inner describer, and every new description is journalled as
 * soon as it arrives, so a cancelled or failed run loses nothing it already paid for. The id is the inner
 * describer's id. Closing this closes the inner describer, not the cache, which belongs to the caller.
 */
public final class CachingDescriber implements TaskDescriber {
    private final TaskDescriber inner;
    private final DescriptionCache cache;

    /**
     * @param inner the describer asked on a miss
     * @param cache the journal, owned and closed by the caller
     */
    public CachingDescriber(TaskDescriber inner, DescriptionCache cache) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public String id() {
        return inner.id();
    }

    @Override
    public List<String> describe(List<String> prompts, StageContext ctx) throws EngineException {
        return TaskDescriber.collect(this, prompts, ctx);
    }

    @Override
    public void describeEach(List<String> prompts, StageContext ctx, DescriptionSink sink) throws EngineException {
        String id = inner.id();
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            String p = prompts.get(i);
            Optional<String> hit = cache.get(id, p);
            if (hit.isPresent()) {
                sink.accept(i, hit.get());
            } else {
                missing.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        int hits = prompts.size() - missing.values().stream().mapToInt(List::size).sum();
        ctx.log("description cache " + cache.file().getFileName() + ": " + hits + " of " + prompts.size()
                + " prompts cached, " + missing.size() + " distinct to describe with " + id);
        if (missing.isEmpty()) {
            ctx.progress(1, "all descriptions cached");
            return;
        }
        List<String> toAsk = List.copyOf(missing.keySet());
        List<List<Integer>> targets = List.copyOf(missing.values());
        inner.describeEach(toAsk, ctx, (j, description) -> {
            cache.put(id, toAsk.get(j), description);
            for (int i : targets.get(j)) {
                sink.accept(i, description);
            }
        });
    }

    @Override
    public void close() {
        inner.close();
    }
}
