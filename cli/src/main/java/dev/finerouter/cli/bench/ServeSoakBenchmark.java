package dev.finerouter.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.ProcessMemory;
import dev.finerouter.engine.service.RouterService;
import dev.finerouter.cli.serve.RoutingServer;
import dev.finerouter.cli.serve.ServerConfig;
import dev.finerouter.cli.serve.UpstreamConfig;
import dev.finerouter.cli.serve.UpstreamProxy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A soak test of the routing server (issue 17, "flat memory under load"): starts {@link RoutingServer} in this process
 * on loopback (port 0) with a given {@link RouterService}, then runs {@code connections} client threads, each on its own
 * keep-alive connection, sending mixed {@code POST /v1/route} requests back to back until the duration is over. Resident
 * memory ({@code VmRSS} of {@code /proc/self/status}) and used heap are sampled at a fixed period.
 *
 * <p>The mix, drawn from a seeded generator per connection: 70% one prompt with the default policy, 15% one prompt with
 * α and tolerance overrides, 15% four prompts in one request. A response counts as an error unless it is 200 with the
 * expected JSON field. Latencies go into a fixed-size log histogram (1% buckets), so the load generator's own memory
 * does not grow with the run. Client and server share the process and its cores; the RSS is the whole process's.
 *
 * <p>Before the soak, {@code /health} is loaded for a few seconds at the same concurrency as a baseline (the HTTP layer
 * without routing work). Nothing here asserts on time or memory.
 */
public final class ServeSoakBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServeSoakBenchmark() {
    }

    /**
     * What to run.
     *
     * @param connections concurrent client connections (≥ 1)
     * @param duration how long the /v1/route load runs (> 0)
     * @param samplePeriod time between memory samples (> 0)
     * @param settle memory after this much load is the reference the end is compared with (the "after minute 1" figure)
     * @param healthBaseline how long /health is loaded first (zero: no baseline)
     * @param prompts the prompt pool (non-empty)
     * @param seed seed of the request mix
     */
    public record Options(int connections, Duration duration, Duration samplePeriod, Duration settle, Duration healthBaseline,
                          List<String> prompts, long seed) {
        /** Validates and copies. */
        public Options {
            if (connections < 1) {
                throw new IllegalArgumentException("connections must be >= 1");
            }
            if (duration.isNegative() || duration.isZero() || samplePeriod.isNegative() || samplePeriod.isZero()) {
                throw new IllegalArgumentException("duration and sample period must be positive");
            }
            if (settle.isNegative() || healthBaseline.isNegative()) {
                throw new IllegalArgumentException("settle and health baseline must not be negative");
            }
            prompts = List.copyOf(prompts);
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException("no prompts to send");
            }
        }
    }

    /**
     * One memory sample.
     *
     * @param seconds since the /v1/route load started
     * @param rssBytes resident set size of the process (−1 where /proc is unavailable)
     * @param heapUsedBytes used Java heap
     * @param requests requests completed so far
     * @param errors errors so far
     */
    public record Sample(double seconds, long rssBytes, long heapUsedBytes, long requests, long errors) {
    }

    /**
     * Latency summary of one phase.
     *
     * @param requests requests completed
     * @param errors failed requests (status ≠ 200, unexpected body, or I/O error)
     * @param seconds wall time of the phase
     * @param requestsPerSecond requests / seconds
     * @param p50Millis median latency (1% bucket resolution)
     * @param p95Millis 95th percentile
     * @param p99Millis 99th percentile
     * @param maxMillis slowest request
     * @param firstError the first error seen, or {@code null}
     */
    public record Phase(long requests, long errors, double seconds, double requestsPerSecond, double p50Millis, double p95Millis,
                        double p99Millis, double maxMillis, String firstError) {
    }

    /**
     * The result.
     *
     * @param bundle the bundle's source
     * @param prompts size of the prompt pool
     * @param connections client connections
     * @param route the /v1/route soak
     * @param health the /health baseline, or {@code null}
     * @param rssStartBytes resident memory when the load started
     * @param rssAfterSettleBytes resident memory at the first sample at or after {@code settleSeconds} (−1 if the run was
     *     shorter)
     * @param rssEndBytes resident memory at the end
     * @param rssGrowthAfterSettle end / after-settle − 1 ({@code null} without a settle sample)
     * @param settleSeconds the settle time
     * @param batches micro-batches the service ran during the run
     * @param batchedPrompts prompts routed in them
     * @param samples every memory sample
     * @param availableProcessors cores
     * @param loadAverageStart 1-minute load average before the run (−1 if unknown)
     * @param loadAverageEnd 1-minute load average at the end
     * @param javaVersion the Java runtime
     */
    public record Result(String bundle, int prompts, int connections, Phase route, Phase health, long rssStartBytes, long rssAfterSettleBytes,
                         long rssEndBytes, Double rssGrowthAfterSettle, double settleSeconds, long batches, long batchedPrompts,
                         List<Sample> samples, int availableProcessors, double loadAverageStart, double loadAverageEnd, String javaVersion) {
        /** Copies. */
        public Result {
            samples = List.copyOf(samples);
        }
    }

    /**
     * Runs the soak against an in-process server.
     *
     * @param service the service to serve (not closed)
     * @param bundlePath the bundle's path (for the server's reload endpoint; not reloaded here)
     * @param options what to run
     * @param log progress lines
     * @throws EngineException when the server cannot start
     */
    public static Result run(RouterService service, Path bundlePath, Options options, Consumer<String> log) throws EngineException {
        Objects.requireNonNull(service, "service");
        double loadStart = loadAverage();
        ServerConfig config = ServerConfig.DEFAULT.withAddress("127.0.0.1", 0);
        try (RoutingServer server = new RoutingServer(config, service, path -> service, bundlePath, UpstreamConfig.NONE,
                new UpstreamProxy(config.upstreamTimeout(), System::getenv)).start()) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            Phase health = null;
            if (!options.healthBaseline().isZero()) {
                log.accept("baseline: GET /health at " + options.connections() + " connections for " + options.healthBaseline().toSeconds() + " s");
                health = load(base, options, options.healthBaseline(), true, null);
            }
            long[] before = service.batchCounts();
            List<Sample> samples = new CopyOnWriteArrayList<>();
            log.accept("soak: POST /v1/route at " + options.connections() + " connections for " + options.duration().toSeconds() + " s, "
                    + options.prompts().size() + " prompts, memory every " + options.samplePeriod().toSeconds() + " s");
            Phase route = load(base, options, options.duration(), false, (s) -> {
                samples.add(s);
                log.accept(String.format(java.util.Locale.ROOT, "  %6.0f s: %,d requests, %,d errors, RSS %.0f MB, heap %.0f MB", s.seconds(),
                        s.requests(), s.errors(), s.rssBytes() / 1e6, s.heapUsedBytes() / 1e6));
            });
            long[] after = service.batchCounts();
            double settle = options.settle().toMillis() / 1000.0;
            long rssStart = samples.get(0).rssBytes();
            long rssEnd = samples.get(samples.size() - 1).rssBytes();
            long rssSettle = samples.stream().filter(s -> s.seconds() >= settle).mapToLong(Sample::rssBytes).findFirst().orElse(-1);
            // the settle sample must come before the end for a growth figure
            if (rssSettle >= 0 && samples.stream().filter(s -> s.seconds() >= settle).count() < 2) {
                rssSettle = -1;
            }
            Double growth = rssSettle > 0 && rssEnd > 0 ? (double) rssEnd / rssSettle - 1 : null;
            return new Result(bundlePath.toString(), options.prompts().size(), options.connections(), route, health, rssStart, rssSettle, rssEnd,
                    growth, settle, after[0] - before[0], after[2] - before[2], samples, Runtime.getRuntime().availableProcessors(), loadStart,
                    loadAverage(), System.getProperty("java.version"));
        }
    }

    /** Loads one endpoint from {@code connections} threads for {@code duration}; samples memory when {@code sampler} is given. */
    private static Phase load(URI base, Options options, Duration duration, boolean health, Consumer<Sample> sampler) {
        int n = options.connections();
        LatencyHistogram[] histograms = new LatencyHistogram[n];
        AtomicLong requests = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        String[] firstError = new String[1];
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            LatencyHistogram h = new LatencyHistogram();
            histograms[c] = h;
            Random random = new Random(options.seed() * 1_000_003L + c);
            Thread t = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                while (System.nanoTime() < deadline) {
                    HttpRequest request;
                    String expect;
                    if (health) {
                        request = HttpRequest.newBuilder(base.resolve("/health")).timeout(Duration.ofSeconds(30)).GET().build();
                        expect = "\"status\"";
                    } else {
                        boolean many = random.nextDouble() < 0.15;
                        request = HttpRequest.newBuilder(base.resolve("/v1/route")).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body(random, options.prompts(), many))).build();
                        expect = many ? "\"decisions\"" : "\"model\"";
                    }
                    long t0 = System.nanoTime();
                    String problem = null;
                    try {
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        if (r.statusCode() != 200 || !r.body().contains(expect)) {
                            problem = "status " + r.statusCode() + ": " + r.body().substring(0, Math.min(200, r.body().length()));
                        }
                    } catch (IOException e) {
                        problem = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    h.record(System.nanoTime() - t0);
                    requests.incrementAndGet();
                    if (problem != null) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = problem;
                            }
                        }
                    }
                }
            }, "soak-client-" + c);
            t.setDaemon(true);
            threads.add(t);
        }
        if (sampler != null) {
            sampler.accept(sample(0, requests.get(), errors.get()));
        }
        threads.forEach(Thread::start);
        if (sampler != null) {
            long period = options.samplePeriod().toNanos();
            for (long next = start + period; next < deadline; next += period) {
                sleepUntil(next);
                sampler.accept(sample((System.nanoTime() - start) / 1e9, requests.get(), errors.get()));
            }
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (sampler != null) {
            sampler.accept(sample(seconds, requests.get(), errors.get()));
        }
        LatencyHistogram all = new LatencyHistogram();
        for (LatencyHistogram h : histograms) {
            all.add(h);
        }
        return new Phase(requests.get(), errors.get(), seconds, requests.get() / seconds, all.percentileMillis(0.50), all.percentileMillis(0.95),
                all.percentileMillis(0.99), all.maxMillis(), firstError[0]);
    }

    /** A request body: one prompt (sometimes with policy overrides) or four. */
    static String body(Random random, List<String> prompts, boolean many) {
        ObjectNode o = JSON.createObjectNode();
        if (many) {
            ArrayNode a = o.putArray("prompts");
            for (int i = 0; i < 4; i++) {
                a.add(prompts.get(random.nextInt(prompts.size())));
            }
        } else {
            o.put("prompt", prompts.get(random.nextInt(prompts.size())));
            if (random.nextDouble() < 0.15 / 0.85) {
                o.put("alpha", random.nextBoolean() ? 0.2 : 0.8);
                o.put("tolerance", 0.1);
            }
        }
        return o.toString();
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, wait / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Sample sample(double seconds, long requests, long errors) {
        return new Sample(seconds, ProcessMemory.residentBytes(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), requests, errors);
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * Latencies in logarithmic buckets of 1% width from 1 µs (about 1,900 buckets up to 3 hours): constant memory,
     * percentiles to within 1%. Not thread-safe; one per client thread, merged at the end.
     */
    static final class LatencyHistogram {
        private static final double GROWTH = Math.log(1.01);
        private static final int BUCKETS = 2200;
        private final long[] counts = new long[BUCKETS];
        private long total;
        private long maxNanos;

        void record(long nanos) {
            counts[bucket(nanos)]++;
            total++;
            maxNanos = Math.max(maxNanos, nanos);
        }

        void add(LatencyHistogram other) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += other.counts[i];
            }
            total += other.total;
            maxNanos = Math.max(maxNanos, other.maxNanos);
        }

        static int bucket(long nanos) {
            double micros = Math.max(1.0, nanos / 1000.0);
            return (int) Math.min(BUCKETS - 1, Math.floor(Math.log(micros) / GROWTH));
        }

        /** The upper edge of the bucket holding the q-quantile (nearest rank), in ms; −1 when empty. */
        double percentileMillis(double q) {
            if (total == 0) {
                return -1;
            }
            long rank = Math.max(1, (long) Math.ceil(q * total));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return Math.min(Math.exp((i + 1) * GROWTH) / 1000.0, maxNanos / 1e6);
                }
            }
            return maxNanos / 1e6;
        }

        double maxMillis() {
            return total == 0 ? -1 : maxNanos / 1e6;
        }

        long total() {
            return total;
        }
    }
}
