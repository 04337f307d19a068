package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The prompts a new model should answer to be onboarded: representative remembered training prompts of each task.
 *
 * @param bundleId the content id of the bundle the plan was made for
 * @param settings how many prompts, and the seed
 * @param tasks per task: its size among the remembered prompts and how many prompts were picked
 * @param prompts the picked prompts, task by task, each task's medoid first
 */
public record OnboardPlan(String bundleId, Settings settings, List<TaskAllotment> tasks, List<PlannedPrompt> prompts) {
    /** The field of a plan row that holds the plan's own information (unknown to the dataset reader, which only warns). */
    public static final String FIELD = "onboard";

    public OnboardPlan {
        Objects.requireNonNull(bundleId, "bundleId");
        Objects.requireNonNull(settings, "settings");
        tasks = List.copyOf(tasks);
        prompts = List.copyOf(prompts);
    }

    /**
     * How a plan picks.
     *
     * @param perTask at most this many prompts per task, ≥ 1
     * @param budget at most this many prompts in all (≥ 1), or {@code null} for no cap
     * @param seed seed of the spread picks
     */
    public record Settings(int perTask, Integer budget, long seed) {
        /** Prompts per task when not given: the "≤ 10 prompts per task". */
        public static final int DEFAULT_PER_TASK = 10;

        public Settings {
            if (perTask < 1) {
                throw new IllegalArgumentException("--per-task must be at least 1, was " + perTask);
            }
            if (budget != null && budget < 1) {
                throw new IllegalArgumentException("--budget must be at least 1, was " + budget);
            }
        }
    }

    /**
     * One task's share of the plan.
     *
     * @param task task id
     * @param summary its summary
     * @param size remembered prompts the classifier assigns to it
     * @param picked prompts picked from them
     */
    public record TaskAllotment(int task, String summary, int size, int picked) {
    }

    /**
     * One picked prompt.
     *
     * @param row its memory row
     * @param id its id in the training data
     * @param text its text
     * @param label its benchmark label in the data, or {@code null}
     * @param task the task it was picked for
     * @param medoid whether it is the task's medoid (otherwise a spread pick)
     */
    public record PlannedPrompt(int row, String id, String text, String label, int task, boolean medoid) {
        public PlannedPrompt {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * Writes the plan as routing-data JSONL, one prompt per line: {@code id}, {@code prompt}, {@code task} (the
     * benchmark label, when known), an empty {@code scores} object to fill with the new model's score, and
     * {@value #FIELD}: {@code {task, taskSummary, pick, seed, bundle}}. Written to a temporary file and moved into place.
     */
    public void write(Path out) throws EngineException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder sb = new StringBuilder();
        for (PlannedPrompt p : prompts) {
            ObjectNode row = json.createObjectNode();
            row.put("id", p.id());
            row.put("prompt", p.text());
            if (p.label() != null) {
                row.put("task", p.label());
            }
            row.putObject("scores");
            ObjectNode plan = row.putObject(FIELD);
            plan.put("task", p.task());
            plan.put("taskSummary", tasks.stream().filter(t -> t.task() == p.task()).findFirst().map(TaskAllotment::summary).orElse(""));
            plan.put("pick", p.medoid() ? "medoid" : "spread");
            plan.put("seed", settings.seed());
            plan.put("bundle", bundleId);
            sb.append(row).append('\n');
        }
        AtomicFiles.write(out, o -> o.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
