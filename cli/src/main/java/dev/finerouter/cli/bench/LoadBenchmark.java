package dev.finerouter.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.DatasetLoader;
import dev.finerouter.engine.io.ImportOptions;
import dev.finerouter.engine.io.LoadedDataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures dataset loading: the streaming importer against a baseline measured in the same run, Jackson's tree
 * model reading every line into a {@code JsonNode} (parsing only: no validation, no matrix), which is what a
 * straightforward importer would do.
 */
public final class LoadBenchmark {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LoadBenchmark() {
    }

    /**
     * Result of the benchmark; times are medians over the repeats, in milliseconds.
     *
     * @param data the data path
     * @param prompts prompts loaded
     * @param models models in the pool
     * @param repeats timed repeats (after one warm-up)
     * @param loaderMillis the streaming importer, every repeat
     * @param baselineMillis the tree-model baseline, every repeat
     * @param loaderMedianMillis median of {@code loaderMillis}
     * @param baselineMedianMillis median of {@code baselineMillis}
     * @param speedupOverBaseline baseline median / loader median
     * @param promptsPerSecond prompts / loader median
     * @param scoreStorageBytes bytes of the score matrix
     * @param heapAfterLoadBytes used heap after a GC with the dataset alive
     * @param availableProcessors cores the JVM sees
     * @param javaVersion the Java runtime
     */
    public record Result(String data, int prompts, int models, int repeats, long[] loaderMillis, long[] baselineMillis,
                         double loaderMedianMillis, double baselineMedianMillis, double speedupOverBaseline,
                         double promptsPerSecond, long scoreStorageBytes, long heapAfterLoadBytes,
                         int availableProcessors, String javaVersion) {
    }

    /** Runs one warm-up and {@code repeats} timed loads of each variant. */
    public static Result run(Path data, int repeats) throws EngineException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be >= 1");
        }
        Path file = DatasetLoader.resolveDataFile(data);
        LoadedDataset loaded = DatasetLoader.load(data, ImportOptions.STRICT);
        baselineParse(file);
        long[] loader = new long[repeats];
        long[] baseline = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            loaded = DatasetLoader.load(data, ImportOptions.STRICT);
            loader[i] = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            int lines = baselineParse(file);
            baseline[i] = (System.nanoTime() - t0) / 1_000_000;
            if (lines < loaded.dataset().size()) {
                throw new IllegalStateException("baseline parsed fewer lines than the loader kept");
            }
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        double loaderMedian = median(loader);
        double baselineMedian = median(baseline);
        return new Result(data.toString(), loaded.dataset().size(), loaded.dataset().pool().size(), repeats, loader, baseline,
                loaderMedian, baselineMedian, baselineMedian / Math.max(loaderMedian, 1e-9),
                loaded.dataset().size() / Math.max(loaderMedian / 1000.0, 1e-9), loaded.dataset().scores().storageBytes(), heap,
                rt.availableProcessors(), System.getProperty("java.version"));
    }

    private static int baselineParse(Path file) throws EngineException {
        List<JsonNode> nodes = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    nodes.add(MAPPER.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new EngineException("baseline could not parse " + file + ": " + e.getMessage(), e);
        }
        return nodes.size();
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}
