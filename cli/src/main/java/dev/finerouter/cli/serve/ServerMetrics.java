package dev.finerouter.cli.serve;

import dev.finerouter.engine.decisionlog.DecisionLog;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters in the Prometheus text format (version 0.0.4): requests by endpoint and status, a latency
 * histogram per endpoint, prompts routed per chosen model, bundle reloads, and in-flight requests. Thread-safe.
 */
public final class ServerMetrics {
    /** Histogram bucket upper bounds in seconds. */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> routed = new ConcurrentHashMap<>();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile DecisionLog decisionLog;

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length];
        final DoubleAdder sum = new DoubleAdder();
        final LongAdder count = new LongAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }
    }

    /** Records a finished request. */
    public void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(label("endpoint", endpoint) + "," + label("status", Integer.toString(status)), k -> new LongAdder()).increment();
        Histogram h = latency.computeIfAbsent(endpoint, k -> new Histogram());
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                h.counts[i].increment();
            }
        }
        h.sum.add(seconds);
        h.count.increment();
    }

    /** Records a prompt routed to a model. */
    public void routed(String model) {
        routed.computeIfAbsent(model, k -> new LongAdder()).increment();
    }

    /** Reports the decision log's written and dropped records from now on. */
    public void attach(DecisionLog log) {
        decisionLog = log;
    }

    /** Records a bundle reload. */
    public void reloaded() {
        reloads.incrementAndGet();
    }

    /** Requests being handled right now (incremented when one starts). */
    public AtomicInteger inFlight() {
        return inFlight;
    }

    /** Prompts routed to a model so far. */
    public long routedCount(String model) {
        LongAdder a = routed.get(model);
        return a == null ? 0 : a.sum();
    }

    /** All metrics in the Prometheus text exposition format. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP finerouter_requests_total HTTP requests by endpoint and status.\n# TYPE finerouter_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> sb.append("finerouter_requests_total{").append(k).append("} ").append(v.sum()).append('\n'));
        sb.append("# HELP finerouter_request_duration_seconds HTTP request latency.\n# TYPE finerouter_request_duration_seconds histogram\n");
        new TreeMap<>(latency).forEach((endpoint, h) -> {
            String l = label("endpoint", endpoint);
            for (int i = 0; i < BUCKETS.length; i++) {
                sb.append("finerouter_request_duration_seconds_bucket{").append(l).append(",le=\"").append(number(BUCKETS[i])).append("\"} ")
                        .append(h.counts[i].sum()).append('\n');
            }
            sb.append("finerouter_request_duration_seconds_bucket{").append(l).append(",le=\"+Inf\"} ").append(h.count.sum()).append('\n');
            sb.append("finerouter_request_duration_seconds_sum{").append(l).append("} ").append(number(h.sum.sum())).append('\n');
            sb.append("finerouter_request_duration_seconds_count{").append(l).append("} ").append(h.count.sum()).append('\n');
        });
        sb.append("# HELP finerouter_routed_total Prompts routed, by chosen model.\n# TYPE finerouter_routed_total counter\n");
        new TreeMap<>(routed).forEach((m, v) -> sb.append("finerouter_routed_total{").append(label("model", m)).append("} ").append(v.sum()).append('\n'));
        sb.append("# HELP finerouter_bundle_reloads_total Successful bundle reloads.\n# TYPE finerouter_bundle_reloads_total counter\n");
        sb.append("finerouter_bundle_reloads_total ").append(reloads.get()).append('\n');
        sb.append("# HELP finerouter_in_flight_requests Requests being handled.\n# TYPE finerouter_in_flight_requests gauge\n");
        sb.append("finerouter_in_flight_requests ").append(inFlight.get()).append('\n');
        DecisionLog log = decisionLog;
        if (log != null) {
            sb.append("# HELP finerouter_decision_log_written_total Decisions written to the decision log.\n# TYPE finerouter_decision_log_written_total counter\n");
            sb.append("finerouter_decision_log_written_total ").append(log.written()).append('\n');
            sb.append("# HELP finerouter_decision_log_dropped_total Decisions not logged (queue full, log closed or write error).\n")
                    .append("# TYPE finerouter_decision_log_dropped_total counter\n");
            sb.append("finerouter_decision_log_dropped_total ").append(log.dropped()).append('\n');
        }
        return sb.toString();
    }

    private static String label(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) + ".0" : String.format(Locale.ROOT, "%s", d);
    }
}
