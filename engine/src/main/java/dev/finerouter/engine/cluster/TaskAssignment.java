package dev.finerouter.engine.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The final Stage-1 clusters mapped to prompts: task t in 0..taskCount−1 or {@link #OTHERS} (−1). Tasks are numbered
 * by size descending, ties by smallest member index. Also records the number of communities found at each level,
 * for logs. Immutable.
 */
public final class TaskAssignment {
    /** The task id of prompts in the "Others" group. */
    public static final int OTHERS = -1;

    private final int[] taskOfPrompt;
    private final int[][] members;
    private final int[] others;
    private final int[] communitiesPerLevel;

    /**
     * Creates an assignment (arrays copied).
     *
     * @param taskOfPrompt per prompt its task or −1; every task id 0..max must be used
     * @param communitiesPerLevel communities found at each clustering level
     * @throws IllegalArgumentException when an id is below −1 or a task id in 0..max has no prompt
     */
    public TaskAssignment(int[] taskOfPrompt, int[] communitiesPerLevel) {
        int max = -1;
        for (int t : taskOfPrompt) {
            if (t < OTHERS) {
                throw new IllegalArgumentException("bad task id " + t);
            }
            max = Math.max(max, t);
        }
        int[] size = new int[max + 1];
        int othersCount = 0;
        for (int t : taskOfPrompt) {
            if (t == OTHERS) {
                othersCount++;
            } else {
                size[t]++;
            }
        }
        members = new int[max + 1][];
        for (int t = 0; t <= max; t++) {
            if (size[t] == 0) {
                throw new IllegalArgumentException("task " + t + " has no prompt");
            }
            members[t] = new int[size[t]];
        }
        others = new int[othersCount];
        int[] fill = new int[max + 1];
        int o = 0;
        for (int p = 0; p < taskOfPrompt.length; p++) {
            int t = taskOfPrompt[p];
            if (t == OTHERS) {
                others[o++] = p;
            } else {
                members[t][fill[t]++] = p;
            }
        }
        this.taskOfPrompt = taskOfPrompt.clone();
        this.communitiesPerLevel = communitiesPerLevel.clone();
    }

    /** Number of prompts. */
    public int promptCount() {
        return taskOfPrompt.length;
    }

    /** Number of tasks (not counting Others). */
    public int taskCount() {
        return members.length;
    }

    /** The task of a prompt, or {@link #OTHERS}. */
    public int taskOf(int prompt) {
        return taskOfPrompt[prompt];
    }

    /** A copy of the task of every prompt. */
    public int[] taskOfPrompt() {
        return taskOfPrompt.clone();
    }

    /** A copy of a task's prompts, ascending. */
    public int[] members(int task) {
        return members[task].clone();
    }

    /** Number of prompts of a task. */
    public int size(int task) {
        return members[task].length;
    }

    /** A copy of the prompts in Others, ascending. */
    public int[] othersMembers() {
        return others.clone();
    }

    /** A copy of the number of communities found at each level. */
    public int[] communitiesPerLevel() {
        return communitiesPerLevel.clone();
    }

    /** Task sizes in task order. */
    public List<Integer> sizes() {
        List<Integer> out = new ArrayList<>(members.length);
        for (int[] m : members) {
            out.add(m.length);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskAssignment a && Arrays.equals(taskOfPrompt, a.taskOfPrompt)
                && Arrays.equals(communitiesPerLevel, a.communitiesPerLevel);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(taskOfPrompt) + Arrays.hashCode(communitiesPerLevel);
    }

    @Override
    public String toString() {
        return "TaskAssignment[tasks=" + members.length + ", others=" + others.length + ", levels="
                + Arrays.toString(communitiesPerLevel) + "]";
    }
}
