package dev.finerouter.engine.onboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finerouter.engine.EngineException;
import dev.finerouter.engine.io.AtomicFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

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
     * Fewest planned prompts below which {@link #thinNote} speaks: the leave-one-model-out measurements
     * (docs/results/onboarding) planned about 240 prompts, 10 in each of 21–29 tasks.
     */
    public static final int FEW_PROMPTS = 100;

    /**
     * A note when the per-task cap, not the remembered prompts, left the plan thin: fewer than {@value #FEW_PROMPTS}
     * prompts because the bundle has few tasks (a degenerate discovery leaves 2 tasks, and 10 prompts each give the new
     * model's estimates 20 scores). Empty when the plan is large enough, when a budget capped it on purpose, or when
     * the tasks hold no more prompts.
     */
    public Optional<String> thinNote() {
        int remembered = tasks.stream().mapToInt(TaskAllotment::size).sum();
        if (prompts.size() >= FEW_PROMPTS || settings.budget() != null || remembered <= prompts.size()) {
            return Optional.empty();
        }
        int perTask = (int) Math.ceil((double) FEW_PROMPTS * 2 / Math.max(1, tasks.size()));
        return Optional.of(String.format(Locale.ROOT, "only %d prompts: the bundle has %d tasks and at most %d "
                + "are planned per task, so the new model's estimates rest on few scores; --per-task %d plans about %d "
                + "(the leave-one-model-out measurements used about 240)", prompts.size(), tasks.size(), settings.perTask(),
                perTask, Math.min(remembered, perTask * tasks.size())));
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
