package dev.finerouter.engine.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The output of {@code discover --incremental}: proposals plus how they were found. Written as {@code proposals.json}
 * (read back by {@code bundle accept} and the workbench) and {@code proposals.md}.
 *
 * @param bundleId content id of the bundle the log was compared with
 * @param bundlePath its path as given
 * @param logPrompts distinct logged prompts clustered
 * @param trueScored of them, prompts whose scores came from the dataset (the rest: the bundle's predicted Q̃)
 * @param communities tasks found among the logged prompts
 * @param noveltyThreshold communities whose center is at least this similar to a bundle task are not proposed
 * @param proposals the proposed new tasks, largest first
 * @param known communities close to an existing task: summary → nearest task and similarity (for the report)
 */
public record DriftProposals(String bundleId, String bundlePath, int logPrompts, int trueScored, int communities, double noveltyThreshold,
                             List<DriftProposal> proposals, List<String> known) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DriftProposals {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(bundlePath, "bundlePath");
        proposals = List.copyOf(proposals);
        known = List.copyOf(known);
    }

    /** The proposal with an id. */
    public DriftProposal get(String id) throws EngineException {
        for (DriftProposal p : proposals) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new EngineException("no proposal '" + id + "'; the file has " + proposals.stream().map(DriftProposal::id).toList(),
                "pass ids from proposals.json", null);
    }

    /** Writes {@code proposals.json} and {@code proposals.md} into a folder, atomically. */
    public void write(Path dir) throws EngineException {
        writeTo(dir.resolve("proposals.json"));
    }

    /**
     * Writes the JSON form to {@code jsonFile} and the Markdown summary next to it (same name, {@code .md}), atomically.
     *
     * @return the Markdown file written
     */
    public Path writeTo(Path jsonFile) throws EngineException {
        String name = jsonFile.getFileName().toString();
        Path md = jsonFile.resolveSibling((name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".md");
        AtomicFiles.writeString(jsonFile, toJson());
        AtomicFiles.writeString(md, markdown());
        return md;
    }

    /** The JSON form. */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("format", "finerouter-drift-proposals");
        o.put("formatVersion", 1);
        o.put("bundleId", bundleId);
        o.put("bundlePath", bundlePath);
        o.put("logPrompts", logPrompts);
        o.put("trueScored", trueScored);
        o.put("communities", communities);
        o.put("noveltyThreshold", noveltyThreshold);
        ArrayNode ps = o.putArray("proposals");
        for (DriftProposal p : proposals) {
            ObjectNode n = ps.addObject();
            n.put("id", p.id());
            n.put("summary", p.summary());
            n.put("size", p.size());
            ArrayNode ex = n.putArray("examples");
            p.examples().forEach(ex::add);
            ArrayNode c = n.putArray("candidates");
            p.candidates().forEach((m, mrr) -> c.addObject().put("model", m).put("mrr", mrr));
            ObjectNode med = n.putObject("medianScores");
            p.medianScores().forEach((m, v) -> {
                if (Double.isFinite(v)) {
                    med.put(m, v);
                } else {
                    med.putNull(m);
                }
            });
            n.put("nearestTask", p.nearestTask());
            n.put("nearestSimilarity", p.nearestSimilarity());
            n.put("loggedTask", p.loggedTask());
            n.put("loggedTaskShare", p.loggedTaskShare());
            if (p.knownLabel() != null) {
                n.put("knownLabel", p.knownLabel());
                n.put("knownLabelShare", p.knownLabelShare());
            }
            ArrayNode center = n.putArray("center");
            for (float f : p.center()) {
                center.add(f);
            }
        }
        ArrayNode k = o.putArray("known");
        known.forEach(k::add);
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }

    /** A Markdown summary for people. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("# Drift proposals\n\n");
        sb.append(String.format(Locale.ROOT, "Bundle %s (`%s`); %d distinct logged prompts (%d with true scores from the dataset, the rest "
                + "with the bundle's predicted Q̃); %d communities; %d proposed (center similarity to every bundle task below %.2f), %d close to "
                + "an existing task.%n%n", bundleId, bundlePath, logPrompts, trueScored, communities, proposals.size(), noveltyThreshold, known.size()));
        sb.append("| id | size | summary | candidates (fused rank score) | nearest task (cos) | logged as | known label |\n|---|---:|---|---|---|---|---|\n");
        for (DriftProposal p : proposals) {
            List<String> c = new ArrayList<>();
            p.candidates().forEach((m, mrr) -> c.add(String.format(Locale.ROOT, "%s (%.4f)", m, mrr)));
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s (%.2f) | %s (%.0f%%) | %s |%n", p.id(), p.size(), cell(p.summary()),
                    String.join(", ", c), cell(p.nearestTask()), p.nearestSimilarity(), cell(p.loggedTask()), 100 * p.loggedTaskShare(),
                    p.knownLabel() == null ? "-" : String.format(Locale.ROOT, "%s (%.0f%%)", p.knownLabel(), 100 * p.knownLabelShare())));
        }
        if (!known.isEmpty()) {
            sb.append("\nClose to an existing task (not proposed):\n\n");
            known.forEach(k -> sb.append("- ").append(cell(k)).append('\n'));
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Reads {@code proposals.json}.
     *
     * @throws EngineException naming the file and field when it is not a proposals file
     */
    public static DriftProposals read(Path file) throws EngineException {
        JsonNode o;
        try {
            o = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new EngineException("cannot read " + file + ": " + e.getMessage(), "pass the proposals.json written by discover --incremental", e);
        }
        try {
            if (!"finerouter-drift-proposals".equals(o.path("format").asText())) {
                throw new IllegalArgumentException("field 'format': not finerouter-drift-proposals");
            }
            List<DriftProposal> ps = new ArrayList<>();
            int i = 0;
            for (JsonNode n : o.path("proposals")) {
                String where = "proposals[" + i++ + "]";
                Map<String, Double> cand = new LinkedHashMap<>();
                for (JsonNode c : n.path("candidates")) {
                    if (!c.path("mrr").isNumber()) {
                        throw new IllegalArgumentException("field '" + where + ".candidates.mrr': missing or not a number");
                    }
                    cand.put(text(c, where + ".candidates.model", "model"), c.get("mrr").doubleValue());
                }
                Map<String, Double> med = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : n.path("medianScores").properties()) {
                    med.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN);
                }
                JsonNode centerNode = n.path("center");
                if (!centerNode.isArray() || centerNode.isEmpty()) {
                    throw new IllegalArgumentException("field '" + where + ".center': missing or empty");
                }
                float[] center = new float[centerNode.size()];
                for (int k = 0; k < center.length; k++) {
                    center[k] = (float) centerNode.get(k).doubleValue();
                }
                List<String> examples = new ArrayList<>();
                n.path("examples").forEach(e -> examples.add(e.asText()));
                ps.add(new DriftProposal(text(n, where + ".id", "id"), text(n, where + ".summary", "summary"), n.path("size").asInt(), examples, cand,
                        med, center, text(n, where + ".nearestTask", "nearestTask"), n.path("nearestSimilarity").asDouble(Double.NaN),
                        text(n, where + ".loggedTask", "loggedTask"), n.path("loggedTaskShare").asDouble(Double.NaN),
                        n.hasNonNull("knownLabel") ? n.get("knownLabel").asText() : null, n.path("knownLabelShare").asDouble(Double.NaN)));
            }
            List<String> known = new ArrayList<>();
            o.path("known").forEach(k -> known.add(k.asText()));
            return new DriftProposals(text(o, "bundleId", "bundleId"), text(o, "bundlePath", "bundlePath"), o.path("logPrompts").asInt(),
                    o.path("trueScored").asInt(), o.path("communities").asInt(), o.path("noveltyThreshold").asDouble(), ps, known);
        } catch (IllegalArgumentException e) {
            throw new EngineException(file + ": " + e.getMessage(), "pass the proposals.json written by discover --incremental", null);
        }
    }

    private static String text(JsonNode n, String label, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("field '" + label + "': missing or not a string");
        }
        return v.asText();
    }
}
