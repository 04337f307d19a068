package dev.finerouter.engine.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import dev.finerouter.engine.io.JsonNumbers;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Renders a {@link ReplayReport} as Markdown or JSON and writes it atomically. */
public final class ReplayReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReplayReportWriter() {
    }

    /** Writes the report: JSON when the file name ends in {@code .json}, Markdown otherwise. */
    public static void write(ReplayReport r, Path out) throws EngineException {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        AtomicFiles.writeString(out, name.endsWith(".json") ? json(r) : markdown(r));
    }

    /** The report as Markdown. */
    public static String markdown(ReplayReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Decision replay\n\n");
        sb.append(String.format(Locale.ROOT, "Bundle `%s` (id %s) replayed on %d logged decisions made by bundle %s", r.bundle(), r.bundleId(),
                r.replayed(), String.join(", ", r.loggedBundleIds())));
        sb.append(r.skippedWithoutText() > 0 ? String.format(Locale.ROOT, "; %d records without text skipped.%n%n", r.skippedWithoutText()) : ".\n\n");
        sb.append("| measure | value |\n|---|---|\n");
        sb.append(String.format(Locale.ROOT, "| agreement (same model) | %s (%d of %d) |%n", pct(r.agreement().share()), r.agreement().agreeing(), r.replayed()));
        sb.append(String.format(Locale.ROOT, "| cost, logged | %s |%n| cost, replayed | %s |%n| cost change per 1k prompts | %s |%n", num(r.costOld()),
                num(r.costNew()), signed(r.costChangePer1k())));
        if (r.quality() == null) {
            sb.append("| quality change | no dataset given (--data) |\n");
        } else {
            sb.append(String.format(Locale.ROOT, "| prompts with true scores | %d |%n| mean score, logged choice | %s |%n| mean score, replayed choice | %s |%n"
                    + "| quality change | %s |%n", r.quality().matched(), num(r.quality().meanOld()), num(r.quality().meanNew()), signed(r.quality().change())));
        }
        sb.append("\n## Agreement per logged task\n\n| task | prompts | agreement |\n|---|---:|---:|\n");
        for (ReplayReport.TaskAgreement t : r.perTask()) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s |%n", t.task().replace("|", "\\|"), t.prompts(), pct(t.share())));
        }
        sb.append("\n## Model shares\n\n| model | logged | replayed |\n|---|---:|---:|\n");
        TreeSet<String> models = new TreeSet<>(r.sharesOld().keySet());
        models.addAll(r.sharesNew().keySet());
        for (String m : models) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s |%n", m, pct(r.sharesOld().getOrDefault(m, 0.0)), pct(r.sharesNew().getOrDefault(m, 0.0))));
        }
        sb.append("\n## Moves (logged → replayed)\n\n");
        if (r.agreement().moves().isEmpty()) {
            sb.append("none\n");
        } else {
            sb.append("| move | prompts |\n|---|---:|\n");
            r.agreement().moves().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> sb.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
        }
        return sb.toString();
    }

    /** The report as JSON. */
    public static String json(ReplayReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("bundle", r.bundle());
        o.put("bundleId", r.bundleId());
        ArrayNode ids = o.putArray("loggedBundleIds");
        r.loggedBundleIds().forEach(ids::add);
        o.put("records", r.records());
        o.put("skippedWithoutText", r.skippedWithoutText());
        o.put("replayed", r.replayed());
        o.put("agreeing", r.agreement().agreeing());
        JsonNumbers.put(o, "agreement", r.agreement().share());
        JsonNumbers.put(o, "costOld", r.costOld());
        JsonNumbers.put(o, "costNew", r.costNew());
        JsonNumbers.put(o, "costChangePer1k", r.costChangePer1k());
        ArrayNode tasks = o.putArray("perTask");
        for (ReplayReport.TaskAgreement t : r.perTask()) {
            ObjectNode n = tasks.addObject();
            n.put("task", t.task());
            n.put("prompts", t.prompts());
            n.put("agreeing", t.agreeing());
        }
        ObjectNode moves = o.putObject("moves");
        new java.util.TreeMap<>(r.agreement().moves()).forEach(moves::put);
        ObjectNode so = o.putObject("sharesOld");
        new java.util.TreeMap<>(r.sharesOld()).forEach(so::put);
        ObjectNode sn = o.putObject("sharesNew");
        new java.util.TreeMap<>(r.sharesNew()).forEach(sn::put);
        if (r.quality() == null) {
            o.putNull("quality");
        } else {
            ObjectNode q = o.putObject("quality");
            q.put("matched", r.quality().matched());
            JsonNumbers.put(q, "meanOld", r.quality().meanOld());
            JsonNumbers.put(q, "meanNew", r.quality().meanNew());
            JsonNumbers.put(q, "change", r.quality().change());
        }
        try {
            return JSON.writeValueAsString(o) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always serialises", e);
        }
    }


    private static String pct(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", 100 * share) : "n/a";
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "unknown";
    }

    private static String signed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.6g", v) : "unknown";
    }
}
