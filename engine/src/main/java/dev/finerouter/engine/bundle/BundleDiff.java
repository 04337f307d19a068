package dev.finerouter.engine.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.model.ModelPool;
import dev.finerouter.engine.route.PromptDecision;
import dev.finerouter.engine.route.RouterTask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What differs between two bundles: settings (every manifest field except the creation time and checksums, flattened
 * to dotted paths), tasks added and removed (matched by summary), and candidate changes of tasks in both.
 *
 * @param settings changed settings, by path
 * @param tasksAdded summaries of tasks only in B
 * @param tasksRemoved summaries of tasks only in A
 * @param candidateChanges tasks in both whose candidate models differ
 */
public record BundleDiff(List<SettingChange> settings, List<String> tasksAdded, List<String> tasksRemoved,
                         List<CandidateChange> candidateChanges) {
    public BundleDiff {
        settings = List.copyOf(settings);
        tasksAdded = List.copyOf(tasksAdded);
        tasksRemoved = List.copyOf(tasksRemoved);
        candidateChanges = List.copyOf(candidateChanges);
    }

    /**
     * One changed setting.
     *
     * @param path dotted path, e.g. {@code hyperparameters.pipeline.stage1.tau}
     * @param a the value in A, or {@code null} when absent
     * @param b the value in B, or {@code null} when absent
     */
    public record SettingChange(String path, String a, String b) {
        public SettingChange {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * A task in both bundles with other candidates.
     *
     * @param summary the task's summary
     * @param a candidate model names in A
     * @param b candidate model names in B
     */
    public record CandidateChange(String summary, List<String> a, List<String> b) {
        public CandidateChange {
            Objects.requireNonNull(summary, "summary");
            a = List.copyOf(a);
            b = List.copyOf(b);
        }
    }

    /**
     * Agreement of two routers on a prompt set.
     *
     * @param prompts prompts routed
     * @param agreeing prompts both sent to the same model name
     * @param moves (A model → B model) → count, for disagreements
     */
    public record Agreement(int prompts, int agreeing, Map<String, Integer> moves) {
        public Agreement {
            moves = Map.copyOf(moves);
        }

        /** Share of prompts routed to the same model, NaN for none. */
        public double share() {
            return prompts == 0 ? Double.NaN : (double) agreeing / prompts;
        }
    }

    /** Whether nothing differs. */
    public boolean isEmpty() {
        return settings.isEmpty() && tasksAdded.isEmpty() && tasksRemoved.isEmpty() && candidateChanges.isEmpty();
    }

    /** Compares two bundles. */
    public static BundleDiff of(RouterBundle a, RouterBundle b) {
        Map<String, String> fa = flatten(a.manifest());
        Map<String, String> fb = flatten(b.manifest());
        List<SettingChange> settings = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(fa.keySet());
        keys.addAll(fb.keySet());
        for (String k : keys) {
            if (!Objects.equals(fa.get(k), fb.get(k))) {
                settings.add(new SettingChange(k, fa.get(k), fb.get(k)));
            }
        }
        Map<String, List<String>> ta = candidates(a);
        Map<String, List<String>> tb = candidates(b);
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<CandidateChange> changes = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : tb.entrySet()) {
            if (!ta.containsKey(e.getKey())) {
                added.add(e.getKey());
            } else if (!ta.get(e.getKey()).equals(e.getValue())) {
                changes.add(new CandidateChange(e.getKey(), ta.get(e.getKey()), e.getValue()));
            }
        }
        for (String s : ta.keySet()) {
            if (!tb.containsKey(s)) {
                removed.add(s);
            }
        }
        return new BundleDiff(settings, added, removed, changes);
    }

    /**
     * Compares the models two routers chose for the same prompts (by model name).
     *
     * @param a decisions of A
     * @param poolA A's pool
     * @param b decisions of B, same prompts in the same order
     * @param poolB B's pool
     */
    public static Agreement agreement(List<PromptDecision> a, ModelPool poolA, List<PromptDecision> b, ModelPool poolB) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("both routers must route the same prompts");
        }
        return agreementOfNames(a.stream().map(d -> poolA.get(d.decision().chosenModel()).name()).toList(),
                b.stream().map(d -> poolB.get(d.decision().chosenModel()).name()).toList());
    }

    /**
     * Compares two lists of chosen model names for the same prompts (used by bundle diff and decision replay).
     *
     * @param a model chosen by A per prompt
     * @param b model chosen by B per prompt, same prompts in the same order
     */
    public static Agreement agreementOfNames(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("both routers must route the same prompts");
        }
        int same = 0;
        Map<String, Integer> moves = new TreeMap<>();
        for (int i = 0; i < a.size(); i++) {
            String ma = a.get(i);
            String mb = b.get(i);
            if (ma.equals(mb)) {
                same++;
            } else {
                moves.merge(ma + " → " + mb, 1, Integer::sum);
            }
        }
        return new Agreement(a.size(), same, moves);
    }

    private static Map<String, List<String>> candidates(RouterBundle bundle) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ModelPool pool = bundle.router().pool();
        for (RouterTask t : bundle.router().tasks()) {
            List<String> names = new ArrayList<>();
            for (int m : t.candidates()) {
                names.add(pool.get(m).name());
            }
            String key = t.summary();
            for (int dup = 2; out.containsKey(key); dup++) {
                key = t.summary() + " #" + dup;
            }
            out.put(key, names);
        }
        return out;
    }

    private static Map<String, String> flatten(BundleManifest m) {
        ObjectNode json = BundleJson.MAPPER.valueToTree(m);
        json.remove("createdAt");
        json.remove("files");
        json.remove("format");
        ObjectNode models = json.putObject("models");
        for (JsonNode model : BundleJson.MAPPER.valueToTree(m.models())) {
            models.set(model.path("name").asText(), model);
        }
        Map<String, String> out = new TreeMap<>();
        flatten("", json, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
