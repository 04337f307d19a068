package dev.finerouter.app.graph;

import dev.finerouter.app.common.BackgroundTasks;
import dev.finerouter.app.common.Workspace;
import dev.finerouter.engine.cluster.DiscoveredTask;
import dev.finerouter.engine.describe.TaskName;
import dev.finerouter.engine.eval.ChartPalette;
import dev.finerouter.engine.pipeline.DiscoveryResult;
import dev.finerouter.viz.graph.TaskGraphData;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a discovery result into the plain {@link TaskGraphData} the viz graph draws: one node per task (size =
 * prompts, category = the first candidate model in its shared palette colour, label = "#id" and the task's
 * {@link TaskName}, tooltip = name, example, size and candidates) and edges to each task's most similar tasks
 * by cosine similarity of the task centers. Built in the background.
 */
public final class TaskGraphViewModel {
    /** Neighbours per task. */
    public static final int NEIGHBOURS = 3;

    private final ObjectProperty<TaskGraphData> data = new SimpleObjectProperty<>(this, "data", TaskGraphData.EMPTY);
    private final Workspace workspace;

    /** Follows the workspace's result, or its opened router bundle. */
    public TaskGraphViewModel(Workspace workspace, BackgroundTasks tasks) {
        this.workspace = workspace;
        workspace.resultProperty().addListener((o, a, r) -> {
            if (r == null) {
                data.set(TaskGraphData.EMPTY);
                return;
            }
            tasks.run(job -> toGraphData(r, NEIGHBOURS), d -> {
                if (workspace.resultProperty().get() == r) {
                    data.set(d);
                }
            }, t -> data.set(TaskGraphData.EMPTY));
        });
        workspace.bundleProperty().addListener((o, a, b) -> {
            if (b == null) {
                if (workspace.resultProperty().get() == null) {
                    data.set(TaskGraphData.EMPTY);
                }
                return;
            }
            tasks.run(job -> toGraphData(b, NEIGHBOURS), d -> {
                if (workspace.bundleProperty().get() == b) {
                    data.set(d);
                }
            }, t -> data.set(TaskGraphData.EMPTY));
        });
    }

    /** The graph of an opened router bundle: its tasks (size, summary, candidates) and their centers, no training data. */
    public static TaskGraphData toGraphData(dev.finerouter.app.common.OpenBundle bundle, int neighbours) {
        List<dev.finerouter.engine.route.RouterTask> tasks = bundle.bundle().router().tasks();
        List<String> models = bundle.bundle().router().pool().names();
        List<TaskGraphData.Node> nodes = new ArrayList<>();
        float[][] centers = new float[tasks.size()][];
        for (dev.finerouter.engine.route.RouterTask t : tasks) {
            nodes.add(node(t.id(), t.size(), t.summary(), t.candidates(), models));
            centers[t.id()] = bundle.centers().get(t.id());
        }
        return new TaskGraphData(nodes, edges(centers, neighbours), models, colours(models));
    }

    /** The graph to draw. */
    public ObjectProperty<TaskGraphData> dataProperty() {
        return data;
    }

    /** The shared task selection (graph node key = task id). */
    public javafx.beans.property.IntegerProperty selectedTaskProperty() {
        return workspace.selectedTaskProperty();
    }

    /** Builds the graph: nodes by task id, each joined to its {@code neighbours} most similar tasks (undirected, deduplicated). */
    public static TaskGraphData toGraphData(DiscoveryResult result, int neighbours) {
        List<DiscoveredTask> tasks = result.discovery().tasks();
        List<String> models = result.dataset().pool().names();
        List<TaskGraphData.Node> nodes = new ArrayList<>();
        float[][] centers = new float[tasks.size()][];
        for (DiscoveredTask t : tasks) {
            String summary = t.id() < result.summaries().size() ? result.summaries().get(t.id()) : "";
            nodes.add(node(t.id(), t.size(), summary, t.candidates(), models));
            centers[t.id()] = t.centerEmbedding();
        }
        return new TaskGraphData(nodes, edges(centers, neighbours), models, colours(models));
    }

    /** One task's node: "#id name", coloured by its top candidate, searchable by summary and candidates, with hover details. */
    private static TaskGraphData.Node node(int id, int size, String summary, int[] cand, List<String> models) {
        TaskName name = TaskName.of(summary);
        StringBuilder search = new StringBuilder(summary).append(' ');
        List<String> candidates = new ArrayList<>();
        for (int c : cand) {
            search.append(models.get(c)).append(' ');
            candidates.add(models.get(c));
        }
        String details = String.format(java.util.Locale.ROOT, "Task %d · %d prompts%n%s%ne.g. %s%ncandidates: %s", id, size,
                name.name(), shorten(name.example(), 120), String.join(", ", candidates));
        return new TaskGraphData.Node(id, size, "#" + id + " " + name.name(), cand.length == 0 ? 0 : cand[0], search.toString(), details);
    }

    /** Each model's colour from the one chart palette. */
    private static List<String> colours(List<String> models) {
        return models.stream().map(m -> ChartPalette.model(models, m)).toList();
    }

    private static List<TaskGraphData.Edge> edges(float[][] centers, int neighbours) {
        List<TaskGraphData.Edge> edges = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int a = 0; a < centers.length; a++) {
            if (centers[a] == null) {
                continue;
            }
            int[] best = topNeighbours(centers, a, neighbours);
            for (int b : best) {
                if (b < 0) {
                    continue;
                }
                long key = (long) Math.min(a, b) * centers.length + Math.max(a, b);
                if (seen.add(key)) {
                    edges.add(new TaskGraphData.Edge(a, b, Math.max(0, cosine(centers[a], centers[b]))));
                }
            }
        }
        return edges;
    }

    private static int[] topNeighbours(float[][] centers, int a, int n) {
        int[] best = new int[Math.min(n, Math.max(0, centers.length - 1))];
        double[] bestSim = new double[best.length];
        java.util.Arrays.fill(best, -1);
        java.util.Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int b = 0; b < centers.length; b++) {
            if (b == a || centers[b] == null) {
                continue;
            }
            double s = cosine(centers[a], centers[b]);
            for (int i = 0; i < best.length; i++) {
                if (s > bestSim[i]) {
                    System.arraycopy(best, i, best, i + 1, best.length - i - 1);
                    System.arraycopy(bestSim, i, bestSim, i + 1, best.length - i - 1);
                    best[i] = b;
                    bestSim[i] = s;
                    break;
                }
            }
        }
        return best;
    }

    static double cosine(float[] x, float[] y) {
        double dot = 0;
        double nx = 0;
        double ny = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            dot += x[i] * y[i];
            nx += x[i] * x[i];
            ny += y[i] * y[i];
        }
        return nx == 0 || ny == 0 ? 0 : dot / Math.sqrt(nx * ny);
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
