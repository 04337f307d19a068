package dev.finerouter.engine.pipeline;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.EngineVersion;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.cluster.Stage1Config;
import dev.finerouter.engine.eval.ClusterAgreement;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.model.Prompt;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Stage-1 run to a folder: {@code run.json} (settings, seed, data fingerprint, describer, encoder, timings,
 * metrics), {@code tasks.json} (every task: summary, size, candidates with coverage, fused ranking with MRR, Q̄ per
 * model, benchmark mix, sample members), {@code assignments.jsonl} (prompt id → task, description) and
 * {@code summary.md} (the same for people). Every file is written atomically.
 */
public final class DiscoveryReportWriter {
    /** Sample members listed per task. */
    public static final int SAMPLE_MEMBERS = 5;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DiscoveryReportWriter() {
    }

    /** Writes all report files into {@code dir}. */
    public static void write(DiscoveryResult result, DiscoveryMetrics metrics, Path dir) throws EngineException {
        AtomicFiles.write(dir.resolve("run.json"), out -> JSON.writeValue(out, runJson(result, metrics)));
        AtomicFiles.write(dir.resolve("tasks.json"), out -> JSON.writeValue(out, tasksJson(result)));
        AtomicFiles.write(dir.resolve("assignments.jsonl"), out -> {
            try (JsonGenerator g = JSON.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                g.setRootValueSeparator(null);
                int[] rows = result.trainRows();
                int[] taskOf = result.discovery().assignment().taskOfPrompt();
                for (int i = 0; i < rows.length; i++) {
                    g.writeStartObject();
                    g.writeStringField("id", result.dataset().prompts().get(rows[i]).id());
                    if (taskOf[i] < 0) {
                        g.writeNullField("task");
                    } else {
                        g.writeNumberField("task", taskOf[i]);
                    }
                    g.writeStringField("description", result.descriptions().get(i));
                    g.writeEndObject();
                    g.writeRaw('\n');
                }
            }
        });
        AtomicFiles.writeString(dir.resolve("summary.md"), markdown(result, metrics));
    }

    static ObjectNode runJson(DiscoveryResult r, DiscoveryMetrics m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("engineVersion", EngineVersion.get());
        root.put("created", Instant.now().toString());
        root.put("dataset", r.dataset().name());
        root.put("dataFingerprint", r.dataset().fingerprint());
        root.put("seed", r.config().seed());
        root.set("split", JSON.valueToTree(r.split()));
        root.put("describer", r.describerId());
        root.put("encoder", r.embedderId());
        root.set("stage1", JSON.valueToTree(r.config().stage1()));
        ObjectNode timings = root.putObject("timingsMillis");
        r.timings().forEach(t -> timings.put(t.stage().name().toLowerCase(Locale.ROOT) + (t.cached() ? " (cached)" : ""), t.millis()));
        ObjectNode metrics = root.putObject("metrics");
        metrics.put("tasks", m.tasks());
        metrics.put("largestTaskShare", m.largestTaskShare());
        metrics.put("degenerateWarning", m.degenerateWarning());
        metrics.put("meanCandidates", m.meanCandidates());
        metrics.put("candidateShareOfPool", m.candidateShareOfPool());
        metrics.put("othersShare", m.othersShare());
        putAgreement(metrics, "agreementWithSubtask", m.agreementWithSubtask());
        putAgreement(metrics, "agreementWithTask", m.agreementWithTask());
        ArrayNode levels = metrics.putArray("communitiesPerLevel");
        for (int c : r.discovery().assignment().communitiesPerLevel()) {
            levels.add(c);
        }
        return root;
    }

    private static void putAgreement(ObjectNode node, String field, ClusterAgreement a) {
        if (a == null) {
            node.putNull(field);
        } else {
            node.putObject(field).put("ari", a.ari()).put("nmi", a.nmi()).put("items", a.items());
        }
    }

    static ArrayNode tasksJson(DiscoveryResult r) {
        ModelPool pool = r.dataset().pool();
        ArrayNode tasks = JSON.createArrayNode();
        for (DiscoveredTask t : r.discovery().tasks()) {
            ObjectNode task = tasks.addObject();
            task.put("id", t.id());
            task.put("size", t.size());
            task.put("summary", r.summaries().get(t.id()));
            ArrayNode candidates = task.putArray("candidates");
            int[] cand = t.candidates();
            double[] coverage = t.coverageSteps();
            for (int i = 0; i < cand.length; i++) {
                candidates.addObject().put("model", pool.get(cand[i]).name()).put("coverage", coverage[i]);
            }
            ArrayNode ranking = task.putArray("fusedRanking");
            double[] mrr = t.mrrValues();
            for (int i = 0; i < t.fusedRanking().size(); i++) {
                int model = t.fusedRanking().modelAt(i);
                ranking.addObject().put("model", pool.get(model).name()).put("mrr", mrr[model]);
            }
            ObjectNode median = task.putObject("medianScore");
            float[] q = t.medianScorePerModel();
            for (int model = 0; model < pool.size(); model++) {
                if (Float.isNaN(q[model])) {
                    median.putNull(pool.get(model).name());
                } else {
                    median.put(pool.get(model).name(), q[model]);
                }
            }
            ObjectNode mix = task.putObject("benchmarkMix");
            benchmarkMix(r, t).forEach(mix::put);
            ArrayNode sample = task.putArray("sampleMembers");
            int[] members = t.memberIndices();
            for (int i = 0; i < Math.min(SAMPLE_MEMBERS, members.length); i++) {
                Prompt p = r.dataset().prompts().get(r.datasetRow(members[i]));
                sample.addObject().put("id", p.id()).put("description", r.descriptions().get(members[i]));
            }
        }
        return tasks;
    }

    /** Members per benchmark label ({@code (none)} for unlabelled), by count descending then name. */
    static Map<String, Integer> benchmarkMix(DiscoveryResult r, DiscoveredTask t) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int member : t.memberIndices()) {
            String label = r.dataset().prompts().get(r.datasetRow(member)).task();
            counts.merge(label == null ? "(none)" : label, 1, Integer::sum);
        }
        Map<String, Integer> ordered = new java.util.LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return ordered;
    }

    static String markdown(DiscoveryResult r, DiscoveryMetrics m) {
        StringBuilder sb = new StringBuilder();
        Stage1Config c = r.config().stage1();
        sb.append("# Task discovery: ").append(r.dataset().name()).append("\n\n");
        sb.append(String.format(Locale.ROOT, "- %d training prompts, %d models; seed %d; data sha256 `%s`%n", r.trainRows().length,
                r.dataset().pool().size(), r.config().seed(), r.dataset().fingerprint()));
        sb.append(String.format(Locale.ROOT, "- k = %d, τ = %.2f, ℓ = %d, δ = %.2f, ε = %.0f, RBO p = %.2f, min task size %d%n",
                c.k(), c.tau(), c.levels(), c.delta(), c.epsilon(), c.rboPersistence(), c.minTaskSize()));
        sb.append("- describer `").append(r.describerId()).append("`, encoder `").append(r.embedderId()).append("`\n");
        sb.append(String.format(Locale.ROOT, "- **%d tasks**, %.2f candidates per task (%.0f%% of the pool), %.1f%% of prompts in Others%n",
                m.tasks(), m.meanCandidates(), 100 * m.candidateShareOfPool(), 100 * m.othersShare()));
        if (m.degenerateWarning() != null) {
            sb.append("- **Warning:** ").append(m.degenerateWarning()).append('\n');
        }
        if (m.agreementWithSubtask() != null) {
            sb.append(String.format(Locale.ROOT, "- agreement with ground-truth sub-tasks: ARI %.3f, NMI %.3f%n",
                    m.agreementWithSubtask().ari(), m.agreementWithSubtask().nmi()));
        }
        if (m.agreementWithTask() != null) {
            sb.append(String.format(Locale.ROOT, "- agreement with benchmark labels: ARI %.3f, NMI %.3f%n",
                    m.agreementWithTask().ari(), m.agreementWithTask().nmi()));
        }
        sb.append("\n| task | size | summary | candidates (coverage) | top benchmarks |\n|---|---|---|---|---|\n");
        ModelPool pool = r.dataset().pool();
        for (DiscoveredTask t : r.discovery().tasks()) {
            StringBuilder cand = new StringBuilder();
            int[] cs = t.candidates();
            for (int i = 0; i < cs.length; i++) {
                cand.append(i == 0 ? "" : ", ").append(pool.get(cs[i]).name())
                        .append(String.format(Locale.ROOT, " (%.2f)", t.coverageSteps()[i]));
            }
            StringBuilder mix = new StringBuilder();
            benchmarkMix(r, t).entrySet().stream().limit(3)
                    .forEach(e -> mix.append(mix.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
            sb.append("| ").append(t.id()).append(" | ").append(t.size()).append(" | ")
                    .append(r.summaries().get(t.id()).replace("|", "\\|")).append(" | ").append(cand).append(" | ").append(mix).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "| Others | %d | prompts in no task | all models | |%n", r.discovery().othersMembers().length));
        return sb.toString();
    }
}
