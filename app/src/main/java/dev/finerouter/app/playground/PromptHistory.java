package dev.finerouter.app.playground;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The prompts tried in the playground, newest first, exportable as CSV or JSONL. */
public final class PromptHistory {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One routed prompt.
     *
     * @param time when it was routed
     * @param prompt the prompt text
     * @param task the assigned task ("task 3") or "Others"
     * @param model the chosen model
     * @param alpha α of the decision
     * @param tolerance cost tolerance λ of the decision
     */
    public record Entry(Instant time, String prompt, String task, String model, double alpha, double tolerance) {
        /** Validates. */
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(model, "model");
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();

    /** Adds {@code e} at the top. */
    public void add(Entry e) {
        entries.add(0, e);
    }

    /** The entries, newest first. */
    public ObservableList<Entry> entries() {
        return entries;
    }

    /** The entries as CSV (RFC 4180 quoting), header {@code time,prompt,task,model,alpha,tolerance}. */
    public static String toCsv(List<Entry> entries) {
        StringBuilder sb = new StringBuilder("time,prompt,task,model,alpha,tolerance\n");
        for (Entry e : entries) {
            sb.append(e.time()).append(',').append(csv(e.prompt())).append(',').append(csv(e.task())).append(',')
                    .append(csv(e.model())).append(',').append(number(e.alpha())).append(',').append(number(e.tolerance())).append('\n');
        }
        return sb.toString();
    }

    /** The entries as JSON lines with the fields {@code time, prompt, task, model, alpha, tolerance}. */
    public static String toJsonl(List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries) {
            ObjectNode o = JSON.createObjectNode();
            o.put("time", e.time().toString());
            o.put("prompt", e.prompt());
            o.put("task", e.task());
            o.put("model", e.model());
            o.put("alpha", e.alpha());
            o.put("tolerance", e.tolerance());
            try {
                sb.append(JSON.writeValueAsString(o)).append('\n');
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return sb.toString();
    }

    /**
     * Writes the entries to {@code target}: CSV when its name ends in {@code .csv}, JSON lines when it ends in
     * {@code .jsonl}.
     *
     * @throws EngineException for another extension, or naming the file when it cannot be written
     */
    public void write(Path target) throws EngineException {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Entry> copy = List.copyOf(entries);
        String text;
        if (name.endsWith(".csv")) {
            text = toCsv(copy);
        } else if (name.endsWith(".jsonl")) {
            text = toJsonl(copy);
        } else {
            throw new EngineException(target + ": unknown history format", "name the file *.csv or *.jsonl", null);
        }
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
